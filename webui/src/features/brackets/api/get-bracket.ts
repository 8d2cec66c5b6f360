import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Bracket } from "./types";

export function getBracket(id: number): Promise<Bracket> {
  return apiRequest(`/api/brackets/${id}`);
}

// Without the live channel a running bracket is polled (its duels end on their own); with it,
// bracket.changed says when to refetch. A finished bracket never changes.
export function useBracket(id: number, liveConnected: boolean) {
  return useQuery({
    queryKey: ["bracket", id],
    queryFn: () => getBracket(id),
    refetchInterval: (query) => (query.state.data?.status === "running" && !liveConnected ? 3000 : false),
  });
}
