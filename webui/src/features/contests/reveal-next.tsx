import { useScoreboard } from "./api/get-scoreboard";
import { useRevealStep } from "./api/reveal-step";
import type { Contest, RevealStep } from "./api/types";
import { ErrorState } from "../../components/status-states";

function describeStep(step: RevealStep): string {
  if (step.team_id === null) return "Nothing was left to reveal: the scoreboard is unfrozen.";
  const outcome = step.result === "scored" ? `scored ${step.score ?? 0}` : step.result;
  const move = step.new_rank === step.old_rank ? `stays at rank ${step.new_rank}` : `rank ${step.old_rank} → ${step.new_rank}`;
  return `${step.team} · ${step.problem}: ${outcome} (${move})`;
}

// The awards-ceremony unfreeze for the proctor: each click reveals the next pending cell of the
// frozen board, from the bottom up (the server decides which); the public board follows live.
// Shown once a frozen contest has ended and until the last cell is out.
export function RevealNext({ contest }: { contest: Contest }) {
  const board = useScoreboard(contest.id, "public");
  const step = useRevealStep(contest.id);
  const remaining = step.data?.remaining ?? board.data?.reveal?.remaining;
  const done = step.data?.state === "unfrozen";

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="reveal-next">
      {!done && (
        <button
          type="button"
          disabled={step.isPending || remaining === undefined}
          onClick={() => step.mutate()}
          className="rounded-md bg-indigo-700 px-3 py-1 text-white disabled:opacity-50"
        >
          Reveal next{remaining !== undefined && ` (${remaining} left)`}
        </button>
      )}
      {step.data && (
        <p data-testid="reveal-result" aria-live="polite">
          {describeStep(step.data)}
          {done && step.data.team_id !== null && " · Every cell is revealed: the scoreboard is unfrozen."}
        </p>
      )}
      {step.isError && <ErrorState error={step.error} />}
    </div>
  );
}
