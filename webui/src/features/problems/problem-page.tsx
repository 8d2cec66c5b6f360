import { Link, useParams } from "react-router";
import { useProblem } from "./api/get-problem";
import { ProblemDetails } from "./problem-details";
import { SolutionPanel } from "./solution-panel";
import { ErrorState, Loading } from "../../components/status-states";

// Under /contests/:id/problems/:slug the same page submits within the contest.
// The editor column does not wait for the problem: it needs only the slug, and it is what a
// visitor waits for (see SolutionPanel). A problem that cannot be loaded takes the whole page.
export default function ProblemPage() {
  const { slug = "", id } = useParams();
  const contestId = id === undefined ? undefined : Number(id);
  const problem = useProblem(slug);

  if (problem.isError) return <ErrorState error={problem.error} onRetry={() => void problem.refetch()} />;
  const p = problem.data;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <article className="min-w-0">
        {contestId !== undefined && (
          <Link to={`/contests/${contestId}`} className="mb-2 inline-block text-sm text-indigo-700 underline">
            ← Back to the contest
          </Link>
        )}
        {!p ? (
          <Loading label="Loading the problem…" />
        ) : (
          <ProblemDetails problem={p} />
        )}
      </article>
      <section aria-label="Solution" className="min-w-0">
        <SolutionPanel slug={slug} problem={p} contestId={contestId} />
      </section>
    </div>
  );
}
