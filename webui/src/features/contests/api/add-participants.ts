import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { ScoreboardTeam } from "./types";

export interface AddParticipantsResult {
  teams: ScoreboardTeam[];
  errors: { entry: unknown; message: string }[];
}

// Each user becomes a team of one; entries the server refuses come back in `errors`.
export function addParticipants(contestId: number, users: number[]): Promise<AddParticipantsResult> {
  return apiRequest(`/api/contests/${contestId}/participants`, { method: "POST", body: { users } });
}

export function useAddParticipants(contestId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (users: number[]) => addParticipants(contestId, users),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["contest", contestId, "scoreboard"] }),
  });
}
