import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useContest } from "./api/get-contest";
import { useContestProblems } from "./api/get-contest-problems";
import { ContestCountdown, ContestStateBadge } from "./contest-status";
import { ClarificationsPanel } from "./clarifications-panel";
import { ContestNotices } from "./contest-notices";
import { ProctorTools } from "./proctor-tools";
import { useContestLive } from "./use-contest-live";
import { useSession } from "../auth/session-context";
import { DifficultyBadge } from "../../components/difficulty-badge";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { formatDate } from "../../components/format";

// One contest: its clock, its problem set (hidden before the start: the countdown stands in for
// it), and its clarifications, all kept current over the live channel.
export default function ContestPage() {
  const contestId = Number(useParams().id);
  const session = useSession();
  const queryClient = useQueryClient();
  const contest = useContest(contestId);
  const started = contest.data !== undefined && contest.data.contest.state !== "scheduled";
  const problems = useContestProblems(contestId, started);
  const { notices, dismiss, proctor } = useContestLive(contestId);
  const onReached = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ["contest", contestId] }),
    [queryClient, contestId],
  );

  if (contest.isPending) return <Loading label="Loading the contest…" />;
  if (contest.isError) return <ErrorState error={contest.error} onRetry={() => void contest.refetch()} />;
  const { contest: c, offsetMs } = contest.data;

  return (
    <div className="space-y-6">
      <ContestNotices notices={notices} onDismiss={dismiss} />
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{c.name}</h1>
          <ContestStateBadge state={c.state} />
          <span className="text-xs uppercase text-slate-500">{c.rules}</span>
          {c.scoreboard_frozen && <span className="text-xs text-amber-700">scoreboard frozen</span>}
        </div>
        <div className="flex flex-wrap items-center gap-4 text-sm text-slate-600">
          <span>
            {formatDate(c.starts_at)} – {formatDate(c.ends_at)}
          </span>
          <ContestCountdown contest={c} offsetMs={offsetMs} onReached={onReached} />
          <Link to={`/contests/${c.id}/scoreboard`} className="font-medium text-indigo-700 underline">
            Scoreboard
          </Link>
        </div>
      </header>

      {proctor && <ProctorTools contest={c} />}

      <section aria-label="Problems">
        <h2 className="mb-2 text-lg font-semibold">Problems</h2>
        {!started ? (
          <EmptyState>
            The problems appear when the contest starts.{" "}
            <ContestCountdown contest={c} offsetMs={offsetMs} onReached={onReached} />
          </EmptyState>
        ) : problems.isPending ? (
          <Loading label="Loading the problems…" />
        ) : problems.isError ? (
          <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {problems.data.map((problem) => (
              <li key={problem.problem_id} data-testid="contest-problem" className="flex items-center gap-3 px-4 py-2">
                <span
                  className="inline-flex h-7 w-7 items-center justify-center rounded-full border border-slate-300 text-sm font-bold"
                  style={problem.color ? { backgroundColor: problem.color } : undefined}
                >
                  {problem.label}
                </span>
                <Link to={`/contests/${c.id}/problems/${problem.slug}`} className="font-medium text-indigo-700 hover:underline">
                  {problem.title}
                </Link>
                <DifficultyBadge difficulty={problem.difficulty} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {session ? (
        <ClarificationsPanel
          contestId={c.id}
          problems={c.problems ?? []}
          proctor={proctor}
          canAsk={proctor || c.state !== "scheduled"}
        />
      ) : (
        <p className="text-sm text-slate-500">
          <Link to="/login" state={{ from: `/contests/${c.id}` }} className="underline">
            Log in
          </Link>{" "}
          to ask the judges a question.
        </p>
      )}
    </div>
  );
}
