import { useEffect, useState } from "react";
import { liveClient, type LiveEvent } from "./live-client";

// Whether the live channel is up right now (pages poll when it is not).
export function useLiveConnected(): boolean {
  const [connected, setConnected] = useState(liveClient.connected);
  useEffect(() => {
    setConnected(liveClient.connected);
    return liveClient.onStateChange(setConnected);
  }, []);
  return connected;
}

// Calls `listener` for every live event while the component is mounted.
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  useEffect(() => liveClient.onEvent(listener), [listener]);
}

// Calls `onConnect` on every (re)connect: the moment to refetch what may have been missed.
export function useOnLiveConnect(onConnect: () => void): void {
  useEffect(
    () =>
      liveClient.onStateChange((connected) => {
        if (connected) onConnect();
      }),
    [onConnect],
  );
}

// Joins a channel (e.g. "leaderboard") while mounted.
export function useLiveChannel(channel: string | null): void {
  useEffect(() => (channel ? liveClient.subscribe(channel) : undefined), [channel]);
}
