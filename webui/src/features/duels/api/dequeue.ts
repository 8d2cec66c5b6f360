import { apiRequest } from "../../../lib/api-client";
import type { MatchFound } from "./types";

// Asks whether the queue has matched us: the match, or null while still waiting (202). This is
// the fallback for a lobby without the live channel (match.found normally says it first).
export async function dequeue(): Promise<MatchFound | null> {
  const body = await apiRequest<Partial<MatchFound> & { status?: string }>("/api/match/dequeue", { method: "POST" });
  return typeof body?.match_id === "number" ? { match_id: body.match_id, problem_id: body.problem_id ?? 0 } : null;
}
