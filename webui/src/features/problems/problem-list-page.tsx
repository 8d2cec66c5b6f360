import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { useProblems } from "./api/get-problems";
import { useSolvedProblemIds } from "../submissions/api/get-submissions";
import { useSession } from "../auth/session-context";
import { DifficultyBadge } from "../../components/difficulty-badge";
import { EmptyState, ErrorState, Loading } from "../../components/status-states";
import { formatMemory, formatTime } from "../../components/format";

const kDifficulties = ["", "easy", "medium", "hard"] as const;

// Filters live in the URL (?difficulty=easy&q=sum) so a filtered list can be linked and reloaded.
export default function ProblemListPage() {
  const [params, setParams] = useSearchParams();
  const difficulty = params.get("difficulty") ?? "";
  const search = params.get("q") ?? "";
  const session = useSession();
  const problems = useProblems();
  const solved = useSolvedProblemIds(session !== null);

  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (problems.data ?? []).filter(
      (problem) =>
        (!difficulty || problem.difficulty === difficulty) &&
        (!needle || problem.title.toLowerCase().includes(needle)),
    );
  }, [problems.data, difficulty, search]);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Problems</h1>
      <div className="mb-4 flex flex-col gap-2 sm:flex-row">
        <input
          type="search"
          aria-label="Search by title"
          placeholder="Search by title"
          value={search}
          onChange={(event) => setParam("q", event.target.value)}
          className="flex-1 rounded-md border border-slate-300 px-3 py-2"
        />
        <select
          aria-label="Difficulty"
          value={difficulty}
          onChange={(event) => setParam("difficulty", event.target.value)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          {kDifficulties.map((value) => (
            <option key={value} value={value}>
              {value ? value[0].toUpperCase() + value.slice(1) : "All difficulties"}
            </option>
          ))}
        </select>
      </div>

      {problems.isPending && <Loading label="Loading problems…" />}
      {problems.isError && <ErrorState error={problems.error} onRetry={() => void problems.refetch()} />}
      {problems.isSuccess && visible.length === 0 && (
        <EmptyState>
          {problems.data.length === 0 ? "No problems yet." : "No problem matches these filters."}
        </EmptyState>
      )}
      {visible.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {visible.map((problem) => {
            const isSolved = solved.data?.has(problem.id) ?? false;
            return (
              <li key={problem.id} data-testid="problem-row">
                <Link
                  to={`/problems/${problem.slug}`}
                  className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <span
                    aria-label={isSolved ? "solved" : "not solved"}
                    className={`w-5 text-center ${isSolved ? "text-emerald-600" : "text-slate-300"}`}
                  >
                    {isSolved ? "✓" : "•"}
                  </span>
                  <span className="flex-1 font-medium">{problem.title}</span>
                  <DifficultyBadge difficulty={problem.difficulty} />
                  <span className="hidden text-xs text-slate-500 sm:inline">
                    {formatTime(problem.limits.time_limit_ms)} · {formatMemory(problem.limits.memory_limit_kb)}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
