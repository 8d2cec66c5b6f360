import { Link } from "react-router";
import { useContests } from "./api/get-contests";
import { ContestCountdown, ContestStateBadge } from "./contest-status";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { formatDate } from "../../components/format";
import { useSession } from "../auth/session-context";
import { isProctor } from "./use-contest-live";

export default function ContestListPage() {
  const contests = useContests();
  const session = useSession();
  return (
    <section>
      <div className="mb-4 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">Contests</h1>
        {isProctor(session?.user.role) && (
          <Link to="/contests/new" className="ml-auto rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700">
            New contest
          </Link>
        )}
      </div>
      {contests.isPending && <Loading label="Loading the contests…" />}
      {contests.isError && <ErrorState error={contests.error} onRetry={() => void contests.refetch()} />}
      {contests.isSuccess && contests.data.contests.length === 0 && <EmptyState>No contests to show.</EmptyState>}
      {contests.isSuccess && contests.data.contests.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {contests.data.contests.map((contest) => (
            <li key={contest.id} data-testid="contest-row" className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Link to={`/contests/${contest.id}`} className="font-medium text-indigo-700 hover:underline">
                {contest.name}
              </Link>
              <ContestStateBadge state={contest.state} />
              <span className="text-xs uppercase text-slate-500">{contest.rules}</span>
              <span className="text-sm text-slate-600">{formatDate(contest.starts_at)}</span>
              <span className="ml-auto">
                <ContestCountdown
                  contest={contest}
                  offsetMs={contests.data.offsetMs}
                  onReached={() => void contests.refetch()}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
