// Theory of operation: the lobby's queue. Joining posts /api/match/enqueue; the server pairs
// players in rounds and tells both at once with `match.found` on their own live channel. The
// socket may be down (or drop a frame across a reconnect), so while queued the lobby also asks
// POST /api/match/dequeue: every second without the live channel, every few seconds with it,
// and at once on every (re)connect. Whichever answers first wins; onFound runs once.
// Leaving (the Cancel button, or leaving the page while queued) sends DELETE /api/match/queue.

import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveConnected, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import type { LiveEvent } from "../../lib/live-client";
import { enqueue } from "./api/enqueue";
import { leaveQueue } from "./api/leave-queue";
import { dequeue } from "./api/dequeue";
import type { MatchFound } from "./api/types";

export const kPollWithoutLiveMs = 1000;
export const kPollWithLiveMs = 5000;

export type QueueState =
  | { phase: "idle" }
  | { phase: "joining" }
  | { phase: "queued"; since: number }
  | { phase: "matched"; match: MatchFound }
  | { phase: "failed"; error: unknown };

export function useMatchQueue(onFound: (match: MatchFound) => void) {
  const [state, setState] = useState<QueueState>({ phase: "idle" });
  const connected = useLiveConnected();
  const queued = state.phase === "queued";
  const queuedRef = useRef(false);
  queuedRef.current = queued;
  const onFoundRef = useRef(onFound);
  onFoundRef.current = onFound;

  const found = useCallback((match: MatchFound) => {
    if (!queuedRef.current) return;
    queuedRef.current = false;
    setState({ phase: "matched", match });
    onFoundRef.current(match);
  }, []);

  const poll = useCallback(() => {
    if (!queuedRef.current) return;
    dequeue().then(
      (match) => match && found(match),
      () => undefined, // a failed poll is tried again at the next tick
    );
  }, [found]);

  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (event.type !== "match.found" || typeof event.data.match_id !== "number") return;
      found({ match_id: event.data.match_id, problem_id: Number(event.data.problem_id ?? 0) });
    },
    [found],
  );
  useLiveEvents(onEvent);
  useOnLiveConnect(poll);

  useEffect(() => {
    if (!queued) return;
    const timer = setInterval(poll, connected ? kPollWithLiveMs : kPollWithoutLiveMs);
    return () => clearInterval(timer);
  }, [queued, connected, poll]);

  // Leaving the lobby while queued leaves the queue too.
  useEffect(
    () => () => {
      if (queuedRef.current) void leaveQueue().catch(() => undefined);
    },
    [],
  );

  const join = useCallback(async () => {
    setState({ phase: "joining" });
    try {
      await enqueue();
      queuedRef.current = true;
      setState({ phase: "queued", since: Date.now() });
      poll(); // a partner may be waiting already
    } catch (error) {
      setState({ phase: "failed", error });
    }
  }, [poll]);

  const cancel = useCallback(async () => {
    queuedRef.current = false;
    setState({ phase: "idle" });
    await leaveQueue().catch(() => undefined);
  }, []);

  return { state, connected, join, cancel };
}
