import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Submission } from "./types";

export function getSubmission(id: number): Promise<Submission> {
  return apiRequest(`/api/submissions/${id}`);
}

export function isPending(submission: Submission | undefined): boolean {
  return !submission || submission.status !== "judged";
}

// Polls every second while the submission is pending and the live channel is down; with the
// channel up, live events trigger the refetch and a slow poll is only a backstop.
export function useSubmission(id: number | null, liveConnected: boolean) {
  return useQuery({
    queryKey: ["submission", id],
    queryFn: () => getSubmission(id as number),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      isPending(query.state.data) ? (liveConnected ? 5000 : 1000) : false,
  });
}
