import { VerdictBadge } from "../../components/verdict-badge";
import type { DuelPlayer } from "./api/types";

// Both players' progress: tries and verdicts only (never the code).
export function DuelPlayers({ players, myId }: { players: DuelPlayer[]; myId: number | undefined }) {
  const ordered = [...players].sort((a, b) => Number(b.user_id === myId) - Number(a.user_id === myId));
  return (
    <ul aria-label="Players" className="grid gap-3 sm:grid-cols-2">
      {ordered.map((player) => {
        const me = player.user_id === myId;
        return (
          <li
            key={player.user_id}
            data-testid={me ? "my-progress" : "opponent-progress"}
            data-solved={player.solved ? "yes" : "no"}
            className={`rounded-md border p-3 ${player.solved ? "border-emerald-300 bg-emerald-50" : "border-slate-200 bg-white"}`}
          >
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-medium">
                {player.username}
                {me && <span className="ml-1 text-xs text-slate-500">(you)</span>}
              </span>
              <span className="text-sm text-slate-500">{Math.round(player.rating)}</span>
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-1 text-sm">
              <span data-testid="tries">
                {player.tries} {player.tries === 1 ? "try" : "tries"}
              </span>
              {player.verdicts.map((verdict, index) => (
                <VerdictBadge key={index} verdict={verdict} status="judging" />
              ))}
              {player.solved && <span className="ml-auto font-semibold text-emerald-700">Solved</span>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
