import { Link } from "react-router";
import { useBrackets } from "./api/get-brackets";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { formatDate } from "../../components/format";
import { useSession } from "../auth/session-context";
import { isProctor } from "../contests/use-contest-live";

export default function BracketListPage() {
  const brackets = useBrackets();
  const session = useSession();
  return (
    <section>
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">Brackets</h1>
        {isProctor(session?.user.role) && (
          <Link to="/brackets/new" className="ml-auto rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700">
            New bracket
          </Link>
        )}
      </div>
      {brackets.isPending && <Loading label="Loading the brackets…" />}
      {brackets.isError && <ErrorState error={brackets.error} onRetry={() => void brackets.refetch()} />}
      {brackets.isSuccess && brackets.data.brackets.length === 0 && <EmptyState>No brackets yet.</EmptyState>}
      {brackets.isSuccess && brackets.data.brackets.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {brackets.data.brackets.map((bracket) => (
            <li key={bracket.id} data-testid="bracket-row" className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Link to={`/brackets/${bracket.id}`} className="font-medium text-indigo-700 hover:underline">
                {bracket.name}
              </Link>
              <span className="text-xs uppercase text-slate-500">{bracket.status}</span>
              <span className="text-sm text-slate-600">{bracket.player_count} players</span>
              <span className="ml-auto text-sm text-slate-500">{formatDate(bracket.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
