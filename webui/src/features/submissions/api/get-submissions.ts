import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Submission } from "./types";

export interface SubmissionPage {
  submissions: Submission[];
  next_cursor: string | null;
}

export function getMySubmissions(limit: number, cursor?: string | null): Promise<SubmissionPage> {
  const query = new URLSearchParams({ mine: "1", limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return apiRequest(`/api/submissions?${query.toString()}`);
}

// Pending rows refresh on their own: every second without the live channel, else every 5 s.
export function useMySubmissions(liveConnected: boolean) {
  return useInfiniteQuery({
    queryKey: ["submissions", "mine"],
    queryFn: ({ pageParam }) => getMySubmissions(20, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.submissions.some((s) => s.status !== "judged"))
        ? liveConnected
          ? 5000
          : 1000
        : false,
  });
}

// Problems with an accepted submission among the latest 100: the list's solved marks.
export function useSolvedProblemIds(enabled: boolean) {
  return useQuery({
    queryKey: ["submissions", "solved"],
    queryFn: () => getMySubmissions(100),
    enabled,
    select: (page) =>
      new Set(page.submissions.filter((s) => s.verdict === "AC").map((s) => s.problem_id)),
  });
}
