import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { ProblemSummary } from "./types";

export function getProblems(): Promise<{ problems: ProblemSummary[] }> {
  return apiRequest("/api/problems");
}

// All active problems; the page filters by difficulty and title locally (the list is small and
// one cached copy serves every filter).
export function useProblems() {
  return useQuery({ queryKey: ["problems"], queryFn: getProblems, select: (data) => data.problems });
}
