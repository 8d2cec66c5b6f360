import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clarificationsKey } from "./get-clarifications";
import type { Clarification } from "./types";

export interface AnnouncementInput {
  text: string;
  problemId: number | null;
}

export function postAnnouncement(contestId: number, input: AnnouncementInput): Promise<Clarification> {
  const body = input.problemId === null ? { text: input.text } : { text: input.text, problem_id: input.problemId };
  return apiRequest(`/api/contests/${contestId}/announcements`, { method: "POST", body });
}

export function usePostAnnouncement(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AnnouncementInput) => postAnnouncement(contestId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clarificationsKey(contestId) }),
  });
}
