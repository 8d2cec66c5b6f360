import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { BracketSummary } from "./types";

export function getBrackets(): Promise<{ brackets: BracketSummary[] }> {
  return apiRequest("/api/brackets");
}

export function useBrackets() {
  return useQuery({ queryKey: ["brackets"], queryFn: getBrackets });
}
