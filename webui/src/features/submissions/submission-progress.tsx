import { VerdictBadge, verdictName } from "../../components/verdict-badge";
import { ErrorState } from "../../components/status-states";
import { formatMemory, formatTime } from "../../components/format";
import { useSubmissionTracker } from "./use-submission-tracker";
import type { TestResult } from "./api/types";

// Live status of one submission: stage, a bar of per-test results, and the final verdict.
export function SubmissionProgress({ id }: { id: number }) {
  const { submission, progress, error, pending, liveConnected } = useSubmissionTracker(id);

  if (error && !submission) return <ErrorState error={error} />;

  const judged = submission?.status === "judged";
  const results: TestResult[] = judged
    ? (submission.tests ?? [])
    : (progress?.results.length ?? 0) > 0
      ? progress!.results
      : (submission?.tests ?? []);
  const total = progress?.total ?? 0;
  const stageText = judged
    ? null
    : progress?.stage === "compiling" || submission?.status === "compiling"
      ? "Compiling…"
      : progress?.stage === "running" || submission?.status === "running"
        ? total > 0
          ? `Running test ${Math.max(progress?.test ?? 1, 1)} of ${total}…`
          : "Running tests…"
        : "In the queue…";

  return (
    <div data-testid="submission-progress" aria-live="polite" className="rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-500">Submission #{id}</span>
        {judged ? (
          <>
            <span data-testid="final-verdict" data-verdict={submission.verdict ?? ""}>
              <VerdictBadge verdict={submission.verdict} />
            </span>
            <span className="font-medium">{verdictName(submission.verdict ?? "")}</span>
            <span className="text-sm text-slate-500">
              {formatTime(submission.exec_time_ms)} · {formatMemory(submission.memory_kb)}
            </span>
          </>
        ) : (
          <span className="flex items-center gap-2 text-sm text-amber-700">
            <span className="h-3 w-3 animate-spin rounded-full border-2 border-amber-300 border-t-amber-700" />
            {stageText}
          </span>
        )}
        {pending && (
          <span className="ml-auto text-xs text-slate-400">{liveConnected ? "live" : "polling"}</span>
        )}
      </div>
      {results.length > 0 && (
        <ol className="mt-3 flex flex-wrap gap-1" aria-label="Test results">
          {results.map((result) => (
            <li
              key={result.index}
              title={`Test ${result.index}: ${verdictName(result.verdict)}, ${formatTime(result.time_ms)}, ${formatMemory(result.memory_kb)}`}
              className={`rounded px-1.5 py-0.5 font-mono text-xs ${
                result.verdict === "AC" ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"
              }`}
            >
              {result.index}:{result.verdict}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
