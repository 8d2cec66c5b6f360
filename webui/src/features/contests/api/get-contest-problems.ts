import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { ContestProblem } from "./types";

// 403 before the start: the page shows the countdown instead.
export function getContestProblems(id: number): Promise<{ contest_id: number; problems: ContestProblem[] }> {
  return apiRequest(`/api/contests/${id}/problems`);
}

export function useContestProblems(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ["contest", id, "problems"],
    queryFn: () => getContestProblems(id),
    enabled,
    select: (data) => data.problems,
  });
}
