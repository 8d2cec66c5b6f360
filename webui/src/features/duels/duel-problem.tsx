import { useProblems } from "../problems/api/get-problems";
import { useProblem } from "../problems/api/get-problem";
import { ProblemDetails } from "../problems/problem-details";
import { SolutionPanel } from "../problems/solution-panel";
import { ErrorState, Loading } from "../../components/status-states";

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
          <ProblemDetails problem={p} level={2} />
        )}
      </article>
      <section aria-label="Solution" className="min-w-0">
        {slug && <SolutionPanel slug={slug} problem={p} />}
      </section>
    </div>
  );
}
