// Follows one submission from "queued" to its verdict. Live events (submission.progress,
// submission.test) drive the per-test progress; submission.verdict triggers a refetch of the
// stored submission, which is the truth. While the live channel is down the submission is
// polled every second (useSubmission), so the verdict arrives either way.
import { useCallback, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { LiveEvent } from "../../lib/live-client";
import { useLiveConnected, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import { isPending, useSubmission } from "./api/get-submission";
import type { Submission, TestResult, Verdict } from "./api/types";

export interface LiveProgress {
  stage: "compiling" | "running";
  test: number;
  total: number;
  results: TestResult[];
}

export interface TrackedSubmission {
  submission: Submission | undefined;
  progress: LiveProgress | null;
  error: unknown;
  pending: boolean;
  liveConnected: boolean;
}

export function applyLiveEvent(
  previous: LiveProgress | null,
  event: LiveEvent,
): LiveProgress | null {
  const data = event.data;
  const total = typeof data.total === "number" ? data.total : (previous?.total ?? 0);
  const results = previous?.results ?? [];
  if (event.type === "submission.progress") {
    return {
      stage: data.stage === "compiling" ? "compiling" : "running",
      test: typeof data.test === "number" ? data.test : 0,
      total,
      results,
    };
  }
  if (event.type === "submission.test" && typeof data.test === "number") {
    const result: TestResult = {
      index: data.test,
      verdict: String(data.verdict) as Verdict,
      time_ms: Number(data.time_ms ?? 0),
      memory_kb: Number(data.memory_kb ?? 0),
    };
    return {
      stage: "running",
      test: data.test,
      total,
      results: [...results.filter((r) => r.index !== data.test), result].sort((a, b) => a.index - b.index),
    };
  }
  return previous;
}

export function useSubmissionTracker(id: number | null): TrackedSubmission {
  const liveConnected = useLiveConnected();
  const query = useSubmission(id, liveConnected);
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<LiveProgress | null>(null);

  useEffect(() => setProgress(null), [id]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (id === null || !event.type.startsWith("submission.") || event.data.id !== id) return;
      if (event.type === "submission.verdict") {
        void queryClient.invalidateQueries({ queryKey: ["submission", id] });
        void queryClient.invalidateQueries({ queryKey: ["submissions"] });
        return;
      }
      setProgress((previous) => applyLiveEvent(previous, event));
    },
    [id, queryClient],
  );
  useLiveEvents(onEvent);

  // After a reconnect, events may have been missed: the stored submission is the resume.
  const refetch = query.refetch;
  const onConnect = useCallback(() => {
    if (id !== null) void refetch();
  }, [id, refetch]);
  useOnLiveConnect(onConnect);

  // Once judged, the solved marks and the leaderboard may have changed.
  const judged = query.data?.status === "judged";
  useEffect(() => {
    if (!judged) return;
    void queryClient.invalidateQueries({ queryKey: ["submissions"] });
    void queryClient.invalidateQueries({ queryKey: ["leaderboard"] });
  }, [judged, queryClient]);

  return {
    submission: query.data,
    progress,
    error: query.error,
    pending: id !== null && isPending(query.data),
    liveConnected,
  };
}
