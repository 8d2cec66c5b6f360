const kVerdictNames: Record<string, string> = {
  AC: "Accepted",
  WA: "Wrong answer",
  TLE: "Time limit exceeded",
  MLE: "Memory limit exceeded",
  RE: "Runtime error",
  OLE: "Output limit exceeded",
  CE: "Compile error",
  JE: "Judge error",
  SV: "Security violation",
  OK: "Ran",
};

export function verdictName(code: string): string {
  return kVerdictNames[code] ?? code;
}

// A verdict (AC, WA, ...) or a pending status (queued, running) as a coloured pill.
export function VerdictBadge({ verdict, status }: { verdict: string | null; status?: string }) {
  const text = verdict ?? status ?? "pending";
  const colour =
    verdict === "AC" || verdict === "OK"
      ? "bg-emerald-100 text-emerald-800"
      : verdict
        ? "bg-red-100 text-red-800"
        : "bg-amber-100 text-amber-800";
  return (
    <span
      title={verdict ? verdictName(verdict) : undefined}
      data-verdict={verdict ?? undefined}
      className={`inline-block rounded px-2 py-0.5 font-mono text-xs font-semibold ${colour}`}
    >
      {text}
    </span>
  );
}
