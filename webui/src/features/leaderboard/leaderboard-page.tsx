import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLeaderboard } from "./api/get-leaderboard";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { useLiveChannel, useLiveEvents, useOnLiveConnect } from "../../lib/use-live";
import type { LiveEvent } from "../../lib/live-client";
import { useSession } from "../auth/session-context";

export default function LeaderboardPage() {
  const session = useSession();
  const leaderboard = useLeaderboard();
  const queryClient = useQueryClient();

  // Live: the server says when ratings changed; the page refetches the (cached) top list.
  useLiveChannel(session ? "leaderboard" : null);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: ["leaderboard"] }), [queryClient]);
  useLiveEvents(
    useCallback((event: LiveEvent) => {
      if (event.type === "leaderboard.changed") refresh();
    }, [refresh]),
  );
  useOnLiveConnect(refresh);

  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Leaderboard</h1>
      {leaderboard.isPending && <Loading label="Loading the leaderboard…" />}
      {leaderboard.isError && <ErrorState error={leaderboard.error} onRetry={() => void leaderboard.refetch()} />}
      {leaderboard.isSuccess && leaderboard.data.length === 0 && <EmptyState>Nobody is ranked yet.</EmptyState>}
      {leaderboard.isSuccess && leaderboard.data.length > 0 && (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="leaderboard">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th className="px-3 py-2">Rank</th>
                <th className="px-3 py-2">User</th>
                <th className="px-3 py-2">Rating</th>
                <th className="px-3 py-2">Solved</th>
              </tr>
            </thead>
            <tbody>
              {leaderboard.data.map((entry) => (
                <tr
                  key={entry.user_id}
                  className={`border-t border-slate-200 ${entry.user_id === session?.user.id ? "bg-indigo-50 font-medium" : ""}`}
                >
                  <td className="px-3 py-2">{entry.rank}</td>
                  <td className="px-3 py-2">{entry.username}</td>
                  <td className="px-3 py-2">{entry.rating}</td>
                  <td className="px-3 py-2">{entry.solved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
