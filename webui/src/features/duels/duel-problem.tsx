import { lazy, Suspense } from "react";
import { useProblems } from "../problems/api/get-problems";
import { useProblem } from "../problems/api/get-problem";
import { SolutionPanel } from "../problems/solution-panel";
import { DifficultyBadge } from "../../components/difficulty-badge";
import { ErrorState, Loading } from "../../components/status-states";
import { formatMemory, formatTime } from "../../components/format";

const Statement = lazy(() => import("../problems/statement"));

// The duel's problem, shown as the problem page shows it (statement, samples, the same editor
// and Submit). The match names the problem by id; the problem endpoint takes the slug, which
// the (cached) problem list maps it to.
export function DuelProblem({ problemId }: { problemId: number }) {
  const list = useProblems();
  const slug = list.data?.find((summary) => summary.id === problemId)?.slug ?? "";
  const problem = useProblem(slug);

  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data && !slug) return <ErrorState error={new Error(`Problem ${problemId} is not in the problem list.`)} />;
  if (problem.isError) return <ErrorState error={problem.error} onRetry={() => void problem.refetch()} />;
  const p = slug ? problem.data : undefined;

  return (
    <div className="grid gap-6 lg:grid-cols-2" data-testid="duel-problem" data-slug={slug}>
      <article className="min-w-0">
        {!p ? (
          <Loading label="Loading the problem…" />
        ) : (
          <>
            <h2 className="text-2xl font-semibold">{p.title}</h2>
            <div className="mt-2 mb-4 flex flex-wrap items-center gap-3 text-sm text-slate-600">
              <DifficultyBadge difficulty={p.difficulty} />
              <span>
                Time {formatTime(p.limits.time_limit_ms)} · Memory {formatMemory(p.limits.memory_limit_kb)}
              </span>
            </div>
            <Suspense fallback={<Loading label="Rendering the statement…" />}>
              <Statement source={p.description} />
            </Suspense>
            {p.samples.length > 0 && (
              <section className="mt-6 space-y-3">
                <h3 className="text-lg font-semibold">Samples</h3>
                {p.samples.map((sample, index) => (
                  <div key={index} className="grid gap-2 sm:grid-cols-2">
                    <pre aria-label={`Sample input ${index + 1}`} className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.input}</pre>
                    <pre aria-label={`Sample output ${index + 1}`} className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.output}</pre>
                  </div>
                ))}
              </section>
            )}
          </>
        )}
      </article>
      <section aria-label="Solution" className="min-w-0">
        {slug && <SolutionPanel slug={slug} problem={p} />}
      </section>
    </div>
  );
}
