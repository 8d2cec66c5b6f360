import { Link } from "react-router";
import type { Bracket, BracketPlayerRef, BracketSlot } from "./api/types";
import { decisionText } from "./bracket-form";

const kStateText: Record<BracketSlot["state"], string> = {
  waiting: "Waiting",
  ready: "Starting",
  playing: "Playing",
  decided: "Decided",
};

const kStateClass: Record<BracketSlot["state"], string> = {
  waiting: "bg-slate-100 text-slate-600",
  ready: "bg-amber-100 text-amber-800",
  playing: "bg-indigo-100 text-indigo-800",
  decided: "bg-emerald-100 text-emerald-800",
};

function PlayerLine({ player, slot, viewerId }: { player: BracketPlayerRef | null; slot: BracketSlot; viewerId?: number }) {
  if (!player) {
    const bye = slot.decided_by === "bye";
    return <div className="px-2 py-1 text-sm italic text-slate-400">{bye ? "bye" : "to be decided"}</div>;
  }
  const won = slot.winner_id === player.user_id;
  const lost = slot.winner_id !== null && !won;
  return (
    <div
      data-testid="slot-player"
      data-winner={won ? "true" : "false"}
      className={`flex items-center gap-2 px-2 py-1 text-sm ${won ? "font-semibold text-emerald-800" : ""} ${lost ? "text-slate-400 line-through" : ""}`}
    >
      <span className="w-5 text-right font-mono text-xs text-slate-500">{player.seed ?? ""}</span>
      <span>{player.username}</span>
      {player.user_id === viewerId && <span className="text-xs text-slate-500">(you)</span>}
      {won && <span aria-label="winner">✓</span>}
    </div>
  );
}

function SlotCard({ slot, viewerId, proctor }: { slot: BracketSlot; viewerId?: number; proctor: boolean }) {
  const plays = viewerId !== undefined && (slot.player1?.user_id === viewerId || slot.player2?.user_id === viewerId);
  return (
    <div
      data-testid="bracket-slot"
      data-round={slot.round}
      data-position={slot.position}
      data-state={slot.state}
      className="w-64 rounded-md border border-slate-200 bg-white shadow-sm"
    >
      <div className="divide-y divide-slate-100">
        <PlayerLine player={slot.player1} slot={slot} viewerId={viewerId} />
        <PlayerLine player={slot.player2} slot={slot} viewerId={viewerId} />
      </div>
      <div className="flex items-center gap-2 border-t border-slate-100 px-2 py-1 text-xs">
        <span className={`rounded px-1.5 py-0.5 ${kStateClass[slot.state]}`}>{kStateText[slot.state]}</span>
        {slot.decided_by && slot.decided_by !== "bye" && <span className="text-slate-500">{decisionText(slot.decided_by)}</span>}
        {slot.match_id !== null &&
          (plays || proctor ? (
            <Link to={`/duels/${slot.match_id}`} className="ml-auto whitespace-nowrap font-medium text-indigo-700 hover:underline">
              Duel #{slot.match_id}
            </Link>
          ) : (
            <span className="ml-auto whitespace-nowrap text-slate-500">Duel #{slot.match_id}</span>
          ))}
      </div>
    </div>
  );
}

// The tree: one column per round, each slot centred between the two that feed it.
export function BracketTree({ bracket, viewerId, proctor }: { bracket: Bracket; viewerId?: number; proctor: boolean }) {
  return (
    <div className="flex gap-6 overflow-x-auto pb-2" data-testid="bracket-tree">
      {bracket.rounds.map((round) => (
        <section key={round.round} aria-label={round.name} className="flex min-w-64 flex-col">
          <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">{round.name}</h2>
          <div className="flex flex-1 flex-col justify-around gap-3">
            {round.slots.map((slot) => (
              <SlotCard key={slot.position} slot={slot} viewerId={viewerId} proctor={proctor} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
