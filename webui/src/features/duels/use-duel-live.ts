import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLiveChannel, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import type { LiveEvent } from "../../lib/live-client";

const kMatchEvents = new Set(["match.started", "match.progress", "match.finished"]);

// Joins channel match:<id> and refetches GET /api/matches/{id} on each of its events (they say
// what changed; the match view is the one source of the whole state, results included) and on
// every (re)connect, which is how a dropped socket resumes.
export function useDuelLive(id: number): void {
  const queryClient = useQueryClient();
  useLiveChannel(`match:${id}`);
  const refetch = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["match", id] }), [queryClient, id]);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (!kMatchEvents.has(event.type) || Number(event.data.match_id) !== id) return;
      refetch();
      // Ratings change when a duel ends: the lobby's figures are stale then.
      if (event.type === "match.finished") {
        void queryClient.invalidateQueries({ queryKey: ["me"] });
        void queryClient.invalidateQueries({ queryKey: ["rating-history"] });
      }
    },
    [id, refetch, queryClient],
  );
  useLiveEvents(onEvent);
  useOnLiveConnect(refetch);
}
