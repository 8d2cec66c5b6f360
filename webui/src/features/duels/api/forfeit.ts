import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clockOffsetMs } from "../../contests/server-clock";
import type { Match } from "./types";

export function forfeit(id: number): Promise<Match> {
  return apiRequest(`/api/matches/${id}/forfeit`, { method: "POST" });
}

// The answer is the finished duel: it replaces the cached one at once.
export function useForfeit(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => forfeit(id),
    onSuccess: (match) =>
      queryClient.setQueryData(["match", id], { match, offsetMs: clockOffsetMs(match.server_time, Date.now()) }),
  });
}
