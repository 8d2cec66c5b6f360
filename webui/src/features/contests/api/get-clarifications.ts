import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Clarification } from "./types";

// Contestants get their own questions, answers given to all and announcements; proctors all.
export const clarificationsKey = (contestId: number) => ["contest", contestId, "clarifications"] as const;

export function getClarifications(contestId: number): Promise<{ clarifications: Clarification[] }> {
  return apiRequest(`/api/contests/${contestId}/clarifications`);
}

export function useClarifications(contestId: number) {
  return useQuery({
    queryKey: clarificationsKey(contestId),
    queryFn: () => getClarifications(contestId),
    select: (data) => data.clarifications,
  });
}
