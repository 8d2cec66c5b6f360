import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Problem } from "./types";

export function getProblem(slug: string): Promise<Problem> {
  return apiRequest(`/api/problems/${encodeURIComponent(slug)}`);
}

export function useProblem(slug: string) {
  return useQuery({ queryKey: ["problem", slug], queryFn: () => getProblem(slug) });
}
