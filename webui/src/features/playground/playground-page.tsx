import { useState } from "react";
import { useLanguages } from "../languages/api/get-languages";
import { useLanguageChoice } from "../languages/use-language-choice";
import { LanguagePicker } from "../editor/language-picker";
import { LazyCodeEditor } from "../editor/lazy-code-editor";
import { useCodeDraft } from "../editor/use-code-draft";
import { useRunCode } from "../submissions/api/run-code";
import { RunResultView } from "../submissions/run-result-view";
import { ErrorState, Loading } from "../../components/status-states";

// Any language, any input, no problem attached; nothing is stored.
export default function PlaygroundPage() {
  const languages = useLanguages();
  const [languageId, setLanguageId] = useLanguageChoice(languages.data);
  const [code, setCode] = useCodeDraft("playground", languageId);
  const [stdin, setStdin] = useState("");
  const run = useRunCode();

  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Playground</h1>
      {languages.isPending && <Loading label="Loading languages…" />}
      {languages.isError && <ErrorState error={languages.error} onRetry={() => void languages.refetch()} />}
      {languages.isSuccess && (
        <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
          <div className="min-w-0 space-y-2">
            <LanguagePicker languages={languages.data} value={languageId} onChange={setLanguageId} />
            <LazyCodeEditor value={code} onChange={setCode} languageId={languageId} label="Playground code" minHeight="360px" />
          </div>
          <div className="min-w-0 space-y-2">
            <label className="block text-sm">
              <span className="mb-1 block font-medium text-slate-700">Input</span>
              <textarea
                aria-label="Input"
                value={stdin}
                onChange={(event) => setStdin(event.target.value)}
                rows={6}
                className="w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
              />
            </label>
            <button
              type="button"
              disabled={run.isPending || !code.trim()}
              onClick={() => run.mutate({ language: languageId, code, stdin })}
              className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
            >
              {run.isPending ? "Running…" : "Run"}
            </button>
            {run.isError && <ErrorState error={run.error} />}
            {run.data && <RunResultView result={run.data} />}
          </div>
        </div>
      )}
    </section>
  );
}
