import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/session-context";
import { useLiveConnected } from "../../lib/use-live";
import { ErrorState, Loading } from "../../components/status-states";
import { formatCountdown } from "../contests/server-clock";
import { useCountdown } from "../contests/use-countdown";
import { useMatch } from "./api/get-match";
import { useForfeit } from "./api/forfeit";
import { DuelPlayers } from "./duel-players";
import { DuelProblem } from "./duel-problem";
import { DuelResult } from "./duel-result";
import { useDuelLive } from "./use-duel-live";
import { syncSessionRating } from "./session-rating";

function ForfeitButton({ id }: { id: number }) {
  const [asking, setAsking] = useState(false);
  const forfeit = useForfeit(id);
  return (
    <div className="flex items-center gap-2">
      {asking ? (
        <>
          <button
            type="button"
            disabled={forfeit.isPending}
            onClick={() => forfeit.mutate()}
            className="rounded-md bg-red-600 px-3 py-1 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-50"
          >
            Yes, forfeit
          </button>
          <button type="button" onClick={() => setAsking(false)} className="text-sm underline">
            Keep playing
          </button>
        </>
      ) : (
        <button
          type="button"
          onClick={() => setAsking(true)}
          className="rounded-md border border-red-300 bg-white px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
        >
          Forfeit
        </button>
      )}
      {forfeit.isError && <ErrorState error={forfeit.error} />}
    </div>
  );
}

// /duels/:id: the countdown (on the server's clock), then the problem with the editor, both
// players' progress live, the clock to the time limit, and at the end the result with both
// players' rating changes.
export default function DuelPage() {
  const { id: idText = "" } = useParams();
  const id = Number(idText);
  const session = useSession();
  const queryClient = useQueryClient();
  const connected = useLiveConnected();
  useDuelLive(id);
  const query = useMatch(id, connected);
  const match = query.data?.match;
  const target = match?.state === "countdown" ? match.started_at : match?.state === "active" ? match.ends_at : null;
  const left = useCountdown(target ?? null, query.data?.offsetMs ?? 0);

  // The end of a duel changes the ratings the lobby shows.
  const finished = match?.state === "finished";
  const myId = session?.user.id;
  const myNewRating = match?.result?.rating_changes.find((change) => change.user_id === myId)?.rating;
  useEffect(() => {
    if (myId !== undefined && myNewRating !== undefined) syncSessionRating(myId, myNewRating);
  }, [myId, myNewRating]);
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: ["me"] });
    void queryClient.invalidateQueries({ queryKey: ["rating-history"] });
  }, [finished, queryClient]);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!match) return <Loading label="Loading the duel…" />;
  const playing = match.players.some((player) => player.user_id === myId);

  return (
    <div className="space-y-4" data-testid="duel" data-state={match.state}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Duel #{match.id}
          {!match.rated && <span className="ml-2 text-sm font-normal text-slate-500">unrated</span>}
        </h1>
        {left !== null && match.state !== "finished" && (
          <span data-testid={match.state === "countdown" ? "duel-countdown" : "duel-clock"} className="font-mono text-lg">
            {match.state === "countdown" ? "Starts in " : "Ends in "}
            {formatCountdown(left)}
          </span>
        )}
        {playing && match.state !== "finished" && <ForfeitButton id={match.id} />}
      </div>
      <DuelPlayers players={match.players} myId={myId} />
      {match.state === "finished" && match.result && (
        <>
          <DuelResult result={match.result} players={match.players} myId={myId} rated={match.rated} />
          <Link to="/duels" className="inline-block text-sm font-medium text-indigo-700 underline">
            Back to the lobby
          </Link>
        </>
      )}
      {match.state === "countdown" && (
        <p role="status" className="rounded-md bg-amber-50 p-4 text-amber-900">
          Get ready: the problem appears when the countdown ends.
        </p>
      )}
      {/* Kept after the end, so a verdict being shown (the winning one too) stays on screen. */}
      {match.state !== "countdown" && match.problem_id !== null && <DuelProblem problemId={match.problem_id} />}
    </div>
  );
}
