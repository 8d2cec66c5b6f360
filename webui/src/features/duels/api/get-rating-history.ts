import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { RatingHistory } from "./types";

export function getRatingHistory(userId: number): Promise<RatingHistory> {
  return apiRequest(`/api/users/${userId}/rating-history`);
}

export function useRatingHistory(userId: number | undefined) {
  return useQuery({
    queryKey: ["rating-history", userId],
    queryFn: () => getRatingHistory(userId ?? 0),
    enabled: userId !== undefined,
  });
}
