import { Fragment, useMemo, useState } from "react";
import { Link } from "react-router";
import { useMySubmissions } from "./api/get-submissions";
import { useProblems } from "../problems/api/get-problems";
import { VerdictBadge } from "../../components/verdict-badge";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { formatDate, formatMemory, formatTime } from "../../components/format";
import { useLiveConnected } from "../../lib/use-live";
import { SubmissionCode } from "./submission-code";

export default function SubmissionsPage() {
  const liveConnected = useLiveConnected();
  const submissions = useMySubmissions(liveConnected);
  const problems = useProblems();
  const [open, setOpen] = useState<number | null>(null);

  const problemById = useMemo(
    () => new Map((problems.data ?? []).map((problem) => [problem.id, problem])),
    [problems.data],
  );
  const rows = submissions.data?.pages.flatMap((page) => page.submissions) ?? [];

  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">My submissions</h1>
      {submissions.isPending && <Loading label="Loading submissions…" />}
      {submissions.isError && <ErrorState error={submissions.error} onRetry={() => void submissions.refetch()} />}
      {submissions.isSuccess && rows.length === 0 && (
        <EmptyState>
          No submissions yet. <Link to="/" className="font-medium text-indigo-700 underline">Pick a problem</Link>.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th className="px-3 py-2">#</th>
                <th className="px-3 py-2">Problem</th>
                <th className="px-3 py-2">Verdict</th>
                <th className="hidden px-3 py-2 sm:table-cell">Language</th>
                <th className="px-3 py-2">Time</th>
                <th className="px-3 py-2">Memory</th>
                <th className="hidden px-3 py-2 md:table-cell">When</th>
                <th className="px-3 py-2"><span className="sr-only">Code</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const problem = problemById.get(row.problem_id);
                const isOpen = open === row.id;
                return (
                  <Fragment key={row.id}>
                    <tr data-testid="submission-row" className="border-t border-slate-200">
                      <td className="px-3 py-2 text-slate-500">{row.id}</td>
                      <td className="px-3 py-2">
                        {problem ? (
                          <Link to={`/problems/${problem.slug}`} className="text-indigo-700 hover:underline">
                            {problem.title}
                          </Link>
                        ) : (
                          `Problem ${row.problem_id}`
                        )}
                      </td>
                      <td className="px-3 py-2">
                        <VerdictBadge verdict={row.verdict} status={row.status} />
                      </td>
                      <td className="hidden px-3 py-2 sm:table-cell">{row.language}</td>
                      <td className="px-3 py-2">{formatTime(row.exec_time_ms)}</td>
                      <td className="px-3 py-2">{formatMemory(row.memory_kb)}</td>
                      <td className="hidden px-3 py-2 text-slate-500 md:table-cell">{formatDate(row.created_at)}</td>
                      <td className="px-3 py-2">
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          onClick={() => setOpen(isOpen ? null : row.id)}
                          className="text-indigo-700 hover:underline"
                        >
                          {isOpen ? "Hide code" : "Code"}
                        </button>
                      </td>
                    </tr>
                    {isOpen && (
                      <tr>
                        <td colSpan={8} className="px-3 pb-3">
                          <SubmissionCode id={row.id} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {submissions.hasNextPage && (
        <button
          type="button"
          disabled={submissions.isFetchingNextPage}
          onClick={() => void submissions.fetchNextPage()}
          className="mt-3 rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm"
        >
          {submissions.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
