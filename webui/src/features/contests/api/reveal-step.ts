import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { RevealStep } from "./types";

export function revealStep(contestId: number): Promise<RevealStep> {
  return apiRequest(`/api/contests/${contestId}/reveal/step`, { method: "POST" });
}

// One click of the awards ceremony; the contest and its boards are refetched after it.
export function useRevealStep(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => revealStep(contestId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["contest", contestId] }),
  });
}
