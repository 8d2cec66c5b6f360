import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clarificationsKey } from "./get-clarifications";
import type { Clarification } from "./types";

export interface AskInput {
  question: string;
  problemId: number | null; // null: a general question
}

export function askClarification(contestId: number, input: AskInput): Promise<Clarification> {
  const body = input.problemId === null ? { question: input.question } : { question: input.question, problem_id: input.problemId };
  return apiRequest(`/api/contests/${contestId}/clarifications`, { method: "POST", body });
}

export function useAskClarification(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AskInput) => askClarification(contestId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clarificationsKey(contestId) }),
  });
}
