import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clarificationsKey } from "./get-clarifications";
import type { Clarification } from "./types";

export interface AnswerInput {
  id: number;
  answer: string;
  toAll: boolean; // false: only the asker sees it
}

export function answerClarification(input: AnswerInput): Promise<Clarification> {
  return apiRequest(`/api/clarifications/${input.id}/answer`, {
    method: "POST",
    body: { answer: input.answer, to_all: input.toAll },
  });
}

export function useAnswerClarification(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: answerClarification,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clarificationsKey(contestId) }),
  });
}
