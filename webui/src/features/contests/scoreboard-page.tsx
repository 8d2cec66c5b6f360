import { Link, useParams, useSearchParams } from "react-router";
import { useContest } from "./api/get-contest";
import { useScoreboard } from "./api/get-scoreboard";
import { ContestCountdown, ContestStateBadge } from "./contest-status";
import { ContestNotices } from "./contest-notices";
import { ScoreboardCell } from "./scoreboard-cell";
import type { Scoreboard } from "./api/types";
import { useContestLive } from "./use-contest-live";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";

// The contest's scoreboard, refetched on `contest.scoreboard`. After the freeze contestants see
// the frozen board with pending cells; proctors may switch to the jury's (true) board.
export default function ScoreboardPage() {
  const contestId = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const { notices, dismiss, proctor } = useContestLive(contestId);
  const view = proctor && search.get("view") === "jury" ? "jury" : "public";
  const board = useScoreboard(contestId, view);
  const contest = useContest(contestId);

  return (
    <section className="space-y-4">
      <ContestNotices notices={notices} onDismiss={dismiss} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Scoreboard</h1>
        {contest.data && (
          <>
            <Link to={`/contests/${contestId}`} className="text-indigo-700 underline">
              {contest.data.contest.name}
            </Link>
            <ContestStateBadge state={contest.data.contest.state} />
            <ContestCountdown contest={contest.data.contest} offsetMs={contest.data.offsetMs} />
          </>
        )}
        {proctor && (
          <label className="ml-auto flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={view === "jury"}
              onChange={(event) => setSearch(event.target.checked ? { view: "jury" } : {}, { replace: true })}
            />
            Jury view
          </label>
        )}
      </div>
      {board.isPending && <Loading label="Loading the scoreboard…" />}
      {board.isError && <ErrorState error={board.error} onRetry={() => void board.refetch()} />}
      {board.isSuccess && board.data.frozen && (
        <p data-testid="frozen-note" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          The scoreboard is frozen: results after the freeze show as pending.
        </p>
      )}
      {board.isSuccess && board.data.rows.length === 0 && <EmptyState>No teams yet.</EmptyState>}
      {board.isSuccess && board.data.rows.length > 0 && <ScoreboardTable board={board.data} />}
    </section>
  );
}

function ScoreboardTable({ board }: { board: Scoreboard }) {
  const teamName = new Map(board.teams.map((team) => [team.id, team.name]));
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full text-sm" data-testid="scoreboard">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            <th className="px-2 py-2 text-left">Rank</th>
            <th className="px-2 py-2 text-left">Team</th>
            <th className="px-2 py-2">{board.rules === "icpc" ? "Solved" : "Score"}</th>
            {board.rules === "icpc" && <th className="px-2 py-2">Time</th>}
            {board.problems.map((problem) => (
              <th key={problem.label} className="px-2 py-2">
                <span
                  className="inline-block h-3 w-3 rounded-full border border-slate-300 align-middle"
                  style={problem.color ? { backgroundColor: problem.color } : undefined}
                />{" "}
                {problem.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => (
            <tr key={row.team_id} data-testid="scoreboard-row" className="border-t border-slate-200">
              <td className="px-2 py-1">{row.rank}</td>
              <td className="px-2 py-1 font-medium">{teamName.get(row.team_id) ?? `team ${row.team_id}`}</td>
              <td className="px-2 py-1 text-center tabular-nums">
                {board.rules === "icpc" ? row.score.num_solved : row.score.total}
              </td>
              {board.rules === "icpc" && <td className="px-2 py-1 text-center tabular-nums">{row.score.total_time}</td>}
              {board.problems.map((problem, index) => (
                <ScoreboardCell
                  key={problem.label}
                  rules={board.rules}
                  cell={
                    problem.problem_id === undefined
                      ? row.problems[index] // ids are hidden before the start; cells keep the order
                      : row.problems.find((cell) => cell.problem_id === problem.problem_id)
                  }
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
