import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useLanguages } from "../languages/api/get-languages";
import { useLanguageChoice } from "../languages/use-language-choice";
import { LanguagePicker } from "../editor/language-picker";
import { LazyCodeEditor } from "../editor/lazy-code-editor";
import { useCodeDraft } from "../editor/use-code-draft";
import { useRunCode } from "../submissions/api/run-code";
import { newClientId, useCreateSubmission } from "../submissions/api/create-submission";
import { RunResultView } from "../submissions/run-result-view";
import { SubmissionProgress } from "../submissions/submission-progress";
import type { RunResult } from "../submissions/api/types";
import { useSession } from "../auth/session-context";
import { ErrorState } from "../../components/status-states";
import type { Problem } from "./api/types";

interface SampleRun {
  index: number;
  result: RunResult;
}

// Editor, Run (samples or custom input) and Submit for one problem. The editor does not wait
// for the server: it is shown (with the draft kept under the problem's slug) while the problem
// and the language list are still on their way; Run and Submit wait for the problem.
// Within a contest (contestId set) submissions carry contest_id.
export function SolutionPanel({ slug, problem, contestId }: { slug: string; problem: Problem | undefined; contestId?: number }) {
  const session = useSession();
  const location = useLocation();
  const languages = useLanguages();
  const [languageId, setLanguageId] = useLanguageChoice(languages.data);
  const [code, setCode] = useCodeDraft(slug, languageId);
  const [mode, setMode] = useState<"samples" | "custom">("samples");
  const [customInput, setCustomInput] = useState("");
  const [sampleRuns, setSampleRuns] = useState<SampleRun[]>([]);
  const [customRun, setCustomRun] = useState<RunResult | null>(null);
  const [submissionId, setSubmissionId] = useState<number | null>(null);
  const run = useRunCode();
  const submit = useCreateSubmission();

  const runNow = async () => {
    if (!problem) return;
    if (mode === "custom") {
      setCustomRun(null);
      const result = await run.mutateAsync({ language: languageId, code, stdin: customInput, problemId: problem.id });
      setCustomRun(result);
      return;
    }
    setSampleRuns([]);
    // One at a time: the playground shares the judges with real submissions.
    for (const [index, sample] of problem.samples.entries()) {
      const result = await run.mutateAsync({ language: languageId, code, stdin: sample.input, problemId: problem.id });
      setSampleRuns((previous) => [...previous, { index, result }]);
      if (result.status === "CE") break; // every other sample would say the same
    }
  };

  const submitNow = async () => {
    if (!problem) return;
    const accepted = await submit.mutateAsync({ problemId: problem.id, language: languageId, code, clientId: newClientId(), contestId });
    setSubmissionId(accepted.id);
  };

  const busy = run.isPending || submit.isPending || !problem || !languages.isSuccess;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LanguagePicker
          languages={languages.data ?? []}
          value={languageId}
          onChange={setLanguageId}
          disabled={!languages.isSuccess}
        />
      </div>
      {languages.isError && <ErrorState error={languages.error} onRetry={() => void languages.refetch()} />}
      <LazyCodeEditor value={code} onChange={setCode} languageId={languageId} label="Solution code" />

      {!session ? (
        <p className="rounded-md bg-indigo-50 p-3 text-sm text-indigo-900">
          <Link to="/login" state={{ from: location.pathname }} className="font-medium underline">
            Log in
          </Link>{" "}
          to run and submit your solution.
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <div role="radiogroup" aria-label="Run on" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
              {(["samples", "custom"] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  role="radio"
                  aria-checked={mode === value}
                  onClick={() => setMode(value)}
                  className={`px-3 py-1.5 ${mode === value ? "bg-slate-800 text-white" : "bg-white"}`}
                >
                  {value === "samples" ? "Samples" : "Custom input"}
                </button>
              ))}
            </div>
            <button
              type="button"
              disabled={busy || !code.trim()}
              onClick={() => void runNow().catch(() => undefined)}
              className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
            >
              {run.isPending ? "Running…" : "Run"}
            </button>
            <button
              type="button"
              disabled={busy || !code.trim()}
              onClick={() => void submitNow().catch(() => undefined)}
              className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
            >
              {submit.isPending ? "Submitting…" : "Submit"}
            </button>
          </div>

          {mode === "custom" && (
            <textarea
              aria-label="Custom input"
              value={customInput}
              onChange={(event) => setCustomInput(event.target.value)}
              rows={4}
              placeholder="Input for your program"
              className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
            />
          )}

          {run.isError && <ErrorState error={run.error} />}
          {submit.isError && <ErrorState error={submit.error} />}
          {submissionId !== null && <SubmissionProgress id={submissionId} />}

          {mode === "samples" &&
            sampleRuns.map(({ index, result }) => (
              <div key={index} data-testid="sample-run" className="rounded-md border border-slate-200 bg-white p-3">
                <h3 className="mb-2 text-sm font-semibold">Sample {index + 1}</h3>
                <RunResultView result={result} expected={problem?.samples[index]?.output} />
              </div>
            ))}
          {mode === "custom" && customRun && (
            <div className="rounded-md border border-slate-200 bg-white p-3">
              <RunResultView result={customRun} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
