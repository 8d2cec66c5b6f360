import { lazy, Suspense } from "react";
import type { Problem } from "./api/types";
import { DifficultyBadge } from "../../components/difficulty-badge";
import { Loading } from "../../components/status-states";
import { formatMemory, formatTime } from "../../components/format";
import { afterEditorMounted } from "../editor/editor-mounted";

// Markdown, KaTeX and DOMPurify are only downloaded when a statement is shown, and only once the
// editor is on screen (or 1.5 s have passed): see editor-mounted.ts.
const kStatementWaitsForEditorMs = 1500;
const Statement = lazy(() => afterEditorMounted(kStatementWaitsForEditorMs).then(() => import("./statement")));

// A problem as contestants read it: title, limits, statement and samples. The problem page shows
// it as the page's heading (level 1); the duel view under its own heading (level 2).
export function ProblemDetails({ problem: p, level = 1 }: { problem: Problem; level?: 1 | 2 }) {
  const Title = level === 1 ? "h1" : "h2";
  const Section = level === 1 ? "h2" : "h3";
  const Label = level === 1 ? "h3" : "h4";
  return (
    <>
      <Title className="text-2xl font-semibold">{p.title}</Title>
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
          <Section className="text-lg font-semibold">Samples</Section>
          {p.samples.map((sample, index) => (
            <div key={index} className="grid gap-2 sm:grid-cols-2">
              <div>
                <Label className="text-xs font-semibold uppercase text-slate-500">Input {index + 1}</Label>
                <pre className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.input}</pre>
              </div>
              <div>
                <Label className="text-xs font-semibold uppercase text-slate-500">Output {index + 1}</Label>
                <pre className="overflow-auto rounded bg-white p-2 font-mono text-sm ring-1 ring-slate-200">{sample.output}</pre>
              </div>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
