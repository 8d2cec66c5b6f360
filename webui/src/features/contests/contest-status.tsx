import { useEffect, useRef } from "react";
import type { ContestState } from "./api/types";
import { countdownTarget, formatCountdown } from "./server-clock";
import { useCountdown } from "./use-countdown";

const kStateClass: Record<ContestState, string> = {
  scheduled: "bg-sky-100 text-sky-800",
  running: "bg-green-100 text-green-800",
  frozen: "bg-amber-100 text-amber-800",
  ended: "bg-slate-200 text-slate-700",
  unfrozen: "bg-slate-200 text-slate-700",
};

export function ContestStateBadge({ state }: { state: ContestState }) {
  return (
    <span data-testid="contest-state" data-state={state} className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${kStateClass[state] ?? ""}`}>
      {state}
    </span>
  );
}

// "Starts in 01:02:03" / "Ends in ..." on the server's clock; `onReached` fires once at zero so
// the page can refetch the contest (its state changes then).
export function ContestCountdown({
  contest,
  offsetMs,
  onReached,
}: {
  contest: { state: string; starts_at: string; ends_at: string };
  offsetMs: number;
  onReached?: () => void;
}) {
  const target = countdownTarget(contest);
  const left = useCountdown(target?.at ?? null, offsetMs);
  const reachedFor = useRef<string | null>(null);
  const reached = left !== null && left <= 0;
  useEffect(() => {
    // Once per target: if the server has not flipped the state yet, do not refetch every tick.
    if (!reached || !target || reachedFor.current === target.at) return;
    reachedFor.current = target.at;
    onReached?.();
  }, [reached, target, onReached]);
  if (!target || left === null) return null;
  return (
    <span data-testid="countdown" className="font-mono text-sm tabular-nums">
      {target.label} {formatCountdown(left)}
    </span>
  );
}
