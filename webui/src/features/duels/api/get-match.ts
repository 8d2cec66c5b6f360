import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clockOffsetMs } from "../../contests/server-clock";
import type { Match } from "./types";

export interface MatchWithClock {
  match: Match;
  offsetMs: number; // server clock minus browser clock, for the countdowns
}

export async function getMatch(id: number): Promise<MatchWithClock> {
  const match = await apiRequest<Match>(`/api/matches/${id}`);
  return { match, offsetMs: clockOffsetMs(match.server_time, Date.now()) };
}

// Polls while the duel is in its countdown (the problem appears when it ends) and, without the
// live channel, while it runs (the opponent's progress and the end come from the poll then).
export function useMatch(id: number, liveConnected: boolean) {
  return useQuery({
    queryKey: ["match", id],
    queryFn: () => getMatch(id),
    refetchInterval: (query) => {
      const state = query.state.data?.match.state;
      if (state === "countdown") return 1000;
      if (state === "active" && !liveConnected) return 2000;
      return false;
    },
  });
}
