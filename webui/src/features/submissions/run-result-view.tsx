import { VerdictBadge, verdictName } from "../../components/verdict-badge";
import { formatMemory, formatTime } from "../../components/format";
import type { RunResult } from "./api/types";

function Output({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <pre className="max-h-64 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs whitespace-pre-wrap text-slate-100">
        {text || "(empty)"}
      </pre>
    </div>
  );
}

// One playground run: status, time, memory and the program's output streams.
export function RunResultView({ result, expected }: { result: RunResult; expected?: string }) {
  const matches = expected === undefined ? undefined : sameOutput(result.stdout, expected);
  return (
    <div data-testid="run-result" className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <VerdictBadge verdict={result.status} />
        <span>{result.status === "OK" ? `Exit code ${result.exit_code}` : verdictName(result.status)}</span>
        <span className="text-slate-500">
          {formatTime(result.exec_time_ms)} · {formatMemory(result.memory_kb)}
        </span>
        {matches !== undefined && (
          <span
            data-testid="sample-match"
            data-match={matches ? "yes" : "no"}
            className={matches ? "font-medium text-emerald-700" : "font-medium text-red-700"}
          >
            {matches ? "Matches the expected output" : "Differs from the expected output"}
          </span>
        )}
      </div>
      {result.compile_output && <Output title="Compiler" text={result.compile_output} />}
      <Output title="Output" text={result.stdout} />
      {expected !== undefined && !matches && <Output title="Expected" text={expected} />}
      {result.stderr && <Output title="Errors" text={result.stderr} />}
    </div>
  );
}

// Judges compare tokens-by-line leniently about trailing spaces and the final newline; so do we.
export function sameOutput(actual: string, expected: string): boolean {
  const normalise = (text: string) =>
    text
      .replace(/\r\n/g, "\n")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trimEnd();
  return normalise(actual) === normalise(expected);
}
