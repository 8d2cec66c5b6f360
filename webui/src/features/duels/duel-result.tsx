import type { DuelPlayer, DuelResult as Result } from "./api/types";

const kReasons: Record<string, string> = {
  solved: "first accepted solution",
  time: "time ran out",
  forfeit: "forfeit",
  disconnect: "the opponent left",
};

function signed(delta: number): string {
  const rounded = Math.round(delta);
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

// The end of a duel: who won and why, and each player's rating before and after.
export function DuelResult({ result, players, myId, rated }: { result: Result; players: DuelPlayer[]; myId: number | undefined; rated: boolean }) {
  const winner = players.find((player) => player.user_id === result.winner_id);
  const headline = !winner ? "Draw" : winner.user_id === myId ? "You won" : `${winner.username} won`;
  const outcome = !winner ? "draw" : winner.user_id === myId ? "won" : "lost";
  return (
    <section
      data-testid="duel-result"
      data-outcome={outcome}
      className="rounded-md border border-indigo-200 bg-indigo-50 p-4"
    >
      <h2 className="text-xl font-semibold">{headline}</h2>
      {result.reason && <p className="text-sm text-slate-600">Ended by {kReasons[result.reason] ?? result.reason}.</p>}
      {!rated ? (
        <p className="mt-2 text-sm text-slate-600">An unrated duel: ratings do not change.</p>
      ) : (
        <table className="mt-3 text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pr-4 font-medium">Player</th>
              <th className="pr-4 font-medium">Rating</th>
              <th className="font-medium">Change</th>
            </tr>
          </thead>
          <tbody>
            {result.rating_changes.map((change) => {
              const player = players.find((p) => p.user_id === change.user_id);
              const delta = change.delta ?? (change.previous_rating === null ? 0 : change.rating - change.previous_rating);
              return (
                <tr key={change.user_id} data-testid="rating-change" data-user={player?.username} data-delta={Math.round(delta)}>
                  <td className="pr-4">{player?.username ?? `#${change.user_id}`}</td>
                  <td className="pr-4">
                    {change.previous_rating !== null && <>{Math.round(change.previous_rating)} → </>}
                    <span data-testid="new-rating" className="font-semibold">{Math.round(change.rating)}</span>
                  </td>
                  <td className={delta >= 0 ? "text-emerald-700" : "text-red-700"}>{signed(delta)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
