import type { ContestRules, IcpcCell, IoiCell } from "./api/types";

// What one team did on one problem, as the scoreboard shows it. ICPC: solved (green, tries and
// minutes; darker for the first to solve), pending (amber: judged after the freeze or still in
// the queue), tried and failed (red), untouched (empty). IOI: the score, amber while pending.
export type CellKind = "first" | "solved" | "pending" | "failed" | "scored" | "empty";

export function icpcCellKind(cell: IcpcCell): CellKind {
  if (cell.solved) return cell.first_to_solve ? "first" : "solved";
  if (cell.num_pending > 0) return "pending";
  if (cell.num_judged > 0) return "failed";
  return "empty";
}

export function ioiCellKind(cell: IoiCell): CellKind {
  if (cell.num_pending > 0) return "pending";
  return cell.num_judged > 0 ? "scored" : "empty";
}

const kCellClass: Record<CellKind, string> = {
  first: "bg-green-700 text-white",
  solved: "bg-green-100 text-green-900",
  pending: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
  scored: "bg-sky-50 text-sky-900",
  empty: "text-slate-300",
};

const tries = (n: number) => `${n} ${n === 1 ? "try" : "tries"}`;

export function ScoreboardCell({ rules, cell }: { rules: ContestRules; cell: IcpcCell | IoiCell | undefined }) {
  if (!cell) return <td className="px-2 py-1 text-center text-slate-300">·</td>;
  if (rules === "ioi") {
    const ioi = cell as IoiCell;
    const kind = ioiCellKind(ioi);
    return (
      <td data-testid="score-cell" data-kind={kind} className={`px-2 py-1 text-center tabular-nums ${kCellClass[kind]}`}>
        {kind === "empty" ? "·" : ioi.score}
        {ioi.num_pending > 0 && <span className="ml-1 text-xs">?</span>}
      </td>
    );
  }
  const icpc = cell as IcpcCell;
  const kind = icpcCellKind(icpc);
  const attempts = icpc.num_judged + icpc.num_pending;
  return (
    <td
      data-testid="score-cell"
      data-kind={kind}
      title={kind === "first" ? "First to solve" : undefined}
      className={`px-2 py-1 text-center text-xs leading-tight tabular-nums ${kCellClass[kind]}`}
    >
      {kind === "empty" ? (
        "·"
      ) : (
        <>
          <div className="font-semibold">{kind === "first" || kind === "solved" ? "✓" : kind === "pending" ? "?" : "✗"}</div>
          <div>
            {tries(attempts)}
            {icpc.time !== undefined && icpc.solved && <span> · {icpc.time}′</span>}
          </div>
        </>
      )}
    </td>
  );
}
