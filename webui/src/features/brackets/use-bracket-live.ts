import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLiveChannel, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import type { LiveEvent } from "../../lib/live-client";

// Joins channel `brackets` and refetches the bracket on its bracket.changed (the event says which
// bracket; GET /api/brackets/{id} is the one source of the tree) and on every (re)connect.
export function useBracketLive(id: number): void {
  const queryClient = useQueryClient();
  useLiveChannel("brackets");
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ["bracket", id] });
    void queryClient.invalidateQueries({ queryKey: ["brackets"] });
  }, [queryClient, id]);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type === "bracket.changed" && Number(event.data.bracket_id) === id) refetch();
    },
    [id, refetch],
  );
  useLiveEvents(onEvent);
  useOnLiveConnect(refetch);
}
