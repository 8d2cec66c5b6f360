import type { CreateBracketBody } from "./api/types";

export interface BracketForm {
  name: string;
  players: string; // ids or usernames, separated by commas, spaces or new lines
  rated: boolean;
  problemIds: number[]; // in round order; none: the duel problem choice
}

export type FormResult = { ok: true; body: CreateBracketBody } | { ok: false; message: string };

export const kMinPlayers = 2;
export const kMaxPlayers = 64;

// A whole number is a user id, anything else a username. The server checks that they exist.
export function parsePlayers(text: string): (number | string)[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => (/^[1-9][0-9]{0,15}$/.test(entry) ? Number(entry) : entry));
}

// What the form can tell before the server: a name, 2 to 64 players, nobody twice.
export function bracketBodyFromForm(form: BracketForm): FormResult {
  const name = form.name.trim();
  if (!name) return { ok: false, message: "Give the bracket a name." };
  const players = parsePlayers(form.players);
  if (players.length < kMinPlayers || players.length > kMaxPlayers) {
    return { ok: false, message: `A bracket needs ${kMinPlayers} to ${kMaxPlayers} players (${players.length} given).` };
  }
  const seen = new Set<string>();
  for (const player of players) {
    const key = String(player);
    if (seen.has(key)) return { ok: false, message: `${player} is listed twice.` };
    seen.add(key);
  }
  const body: CreateBracketBody = { name, players, rated: form.rated };
  if (form.problemIds.length > 0) body.problem_ids = form.problemIds;
  return { ok: true, body };
}

const kDecisionText: Record<string, string> = {
  bye: "bye",
  solved: "solved first",
  forfeit: "opponent forfeited",
  disconnect: "opponent disconnected",
  fewer_wrong_tries: "draw: fewer wrong tries",
  higher_seed: "draw: higher seed",
};

export function decisionText(decision: string | null): string {
  return decision ? (kDecisionText[decision] ?? decision) : "";
}
