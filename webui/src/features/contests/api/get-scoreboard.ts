import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Scoreboard } from "./types";

export type ScoreboardView = "public" | "jury";

export function getScoreboard(contestId: number, view: ScoreboardView): Promise<Scoreboard> {
  return apiRequest(`/api/contests/${contestId}/scoreboard${view === "jury" ? "?view=jury" : ""}`);
}

export function useScoreboard(contestId: number, view: ScoreboardView) {
  return useQuery({ queryKey: ["contest", contestId, "scoreboard", view], queryFn: () => getScoreboard(contestId, view) });
}
