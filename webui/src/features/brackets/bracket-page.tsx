import { Link, useParams } from "react-router";
import { useBracket } from "./api/get-bracket";
import { useBracketLive } from "./use-bracket-live";
import { BracketTree } from "./bracket-tree";
import { ErrorState, Loading } from "../../components/status-states";
import { formatDate } from "../../components/format";
import { useSession } from "../auth/session-context";
import { isProctor } from "../contests/use-contest-live";
import { useLiveConnected } from "../../lib/use-live";

// A bracket's tree, live: bracket.changed refetches it; without the live channel it is polled.
export default function BracketPage() {
  const id = Number(useParams().id);
  const session = useSession();
  const connected = useLiveConnected();
  useBracketLive(id);
  const bracket = useBracket(id, connected);

  if (bracket.isPending) return <Loading label="Loading the bracket…" />;
  if (bracket.isError) return <ErrorState error={bracket.error} onRetry={() => void bracket.refetch()} />;
  const data = bracket.data;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{data.name}</h1>
        <span
          data-testid="bracket-status"
          className={`rounded px-2 py-0.5 text-xs font-medium uppercase ${data.status === "finished" ? "bg-emerald-100 text-emerald-800" : "bg-indigo-100 text-indigo-800"}`}
        >
          {data.status}
        </span>
        <span className="text-sm text-slate-500">
          {data.player_count} players · {data.rated ? "rated" : "unrated"} · {formatDate(data.created_at)}
        </span>
        <Link to="/brackets" className="ml-auto text-sm text-indigo-700 hover:underline">
          All brackets
        </Link>
      </div>
      {data.champion && (
        <p data-testid="bracket-champion" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-amber-900">
          Champion: <strong>{data.champion.username}</strong>
        </p>
      )}
      <BracketTree bracket={data} viewerId={session?.user.id} proctor={isProctor(session?.user.role)} />
      <p className="text-xs text-slate-500">
        A duel nobody solves in time goes to the player with {data.draw_rule}. A forfeit advances the opponent.
      </p>
    </section>
  );
}
