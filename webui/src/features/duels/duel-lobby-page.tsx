import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { useSession } from "../auth/session-context";
import { ErrorState, Loading } from "../../components/status-states";
import { formatCountdown } from "../contests/server-clock";
import { useMe } from "./api/get-me";
import { useRatingHistory } from "./api/get-rating-history";
import { RatingChart } from "./rating-chart";
import { useMatchQueue } from "./use-match-queue";
import { syncSessionRating } from "./session-rating";

function WaitedFor({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span data-testid="waited">{formatCountdown(now - since)}</span>;
}

// /duels: my rating and its history, and the button that finds an opponent of similar strength.
export default function DuelLobbyPage() {
  const session = useSession();
  const navigate = useNavigate();
  const me = useMe();
  const history = useRatingHistory(session?.user.id);
  const { state, connected, join, cancel } = useMatchQueue((match) => navigate(`/duels/${match.match_id}`));
  const rating = me.data?.rating ?? session?.user.rating;
  useEffect(() => {
    if (me.data) syncSessionRating(me.data.id, me.data.rating);
  }, [me.data]);

  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Duels</h1>
      <p className="text-slate-600">
        A 1-vs-1 race on one problem against a player of similar rating: the first accepted solution wins.
      </p>
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">
          Your rating{" "}
          <span data-testid="my-rating" className="text-lg font-semibold text-slate-900">
            {rating === undefined ? "…" : Math.round(rating)}
          </span>
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {state.phase === "queued" || state.phase === "joining" ? (
            <>
              <span role="status" data-testid="queue-status" className="flex items-center gap-2 text-slate-700">
                <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" />
                Looking for an opponent…
                {state.phase === "queued" && <WaitedFor since={state.since} />}
              </span>
              <button
                type="button"
                onClick={() => void cancel()}
                className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-slate-50"
              >
                Cancel
              </button>
            </>
          ) : state.phase === "matched" ? (
            <span role="status">Opponent found: opening the duel…</span>
          ) : (
            <button
              type="button"
              onClick={() => void join()}
              className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
            >
              Find a match
            </button>
          )}
          {!connected && state.phase === "queued" && (
            <span className="text-xs text-slate-500">live channel down: checking every second</span>
          )}
        </div>
        {state.phase === "failed" && <ErrorState error={state.error} />}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Rating history</h2>
        {history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : !history.data ? (
          <Loading label="Loading the rating history…" />
        ) : (
          <RatingChart points={history.data.points} />
        )}
      </section>
    </div>
  );
}
