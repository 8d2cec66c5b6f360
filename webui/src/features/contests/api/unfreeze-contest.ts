import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export function unfreezeContest(contestId: number): Promise<unknown> {
  return apiRequest(`/api/contests/${contestId}/unfreeze`, { method: "POST" });
}

export function useUnfreezeContest(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unfreezeContest(contestId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["contest", contestId] }),
  });
}
