import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export interface LeaderboardEntry {
  rank: number;
  user_id: number;
  username: string;
  rating: number;
  solved: number;
}

export function getLeaderboard(limit = 50): Promise<{ entries: LeaderboardEntry[] }> {
  return apiRequest(`/api/leaderboard/top?limit=${limit}`);
}

export function useLeaderboard() {
  return useQuery({
    queryKey: ["leaderboard"],
    queryFn: () => getLeaderboard(50),
    staleTime: 10_000,
    select: (data) => data.entries,
  });
}
