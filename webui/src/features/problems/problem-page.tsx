import { lazy, Suspense } from "react";
import { Link, useParams } from "react-router";
import { useProblem } from "./api/get-problem";
import { SolutionPanel } from "./solution-panel";
import { DifficultyBadge } from "../../components/difficulty-badge";
import { ErrorState, Loading } from "../../components/status-states";
import { formatMemory, formatTime } from "../../components/format";
import { afterEditorMounted } from "../editor/editor-mounted";

// Markdown, KaTeX and DOMPurify are only downloaded when a statement is shown, and only once the
// editor is on screen (or 1.5 s have passed): see editor-mounted.ts.
const kStatementWaitsForEditorMs = 1500;
const Statement = lazy(() => afterEditorMounted(kStatementWaitsForEditorMs).then(() => import("./statement")));

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
          <>
            <h1 className="text-2xl font-semibold">{p.title}</h1>
            <div className="mt-2 mb-4 flex flex-wrap items-center gap-3 text-sm text-slate-600">
              <DifficultyBadge difficulty={p.difficulty} />
              <span data-testid="limits">
                Time {formatTime(p.limits.time_limit_ms)} · Memory {formatMemory(p.limits.memory_limit_kb)} · Output{" "}
                {formatMemory(p.limits.output_limit_kb)}
              </span>
            </div>
            <Suspense fallback={<Loading label="Rendering the statement…" />}>
              <Statement source={p.description} />
            </Suspense>
            {p.samples.length > 0 && (
              <section className="mt-6 space-y-3">
                <h2 className="text-lg font-semibold">Samples</h2>
                {p.samples.map((sample, index) => (
                  <div key={index} className="grid gap-2 sm:grid-cols-2">
                    <div>
                      <h3 className="text-xs font-semibold uppercase text-slate-500">Input {index + 1}</h3>
                      <pre className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.input}</pre>
                    </div>
                    <div>
                      <h3 className="text-xs font-semibold uppercase text-slate-500">Output {index + 1}</h3>
                      <pre className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.output}</pre>
                    </div>
                  </div>
                ))}
              </section>
            )}
          </>
        )}
      </article>
      <section aria-label="Solution" className="min-w-0">
        <SolutionPanel slug={slug} problem={p} contestId={contestId} />
      </section>
    </div>
  );
}
