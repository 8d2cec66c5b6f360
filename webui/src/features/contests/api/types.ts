import type { Difficulty, Limits } from "../../problems/api/types";

export type ContestState = "scheduled" | "running" | "frozen" | "ended" | "unfrozen";
export type ContestRules = "icpc" | "ioi";

export interface ContestProblemRef {
  problem_id?: number; // left out for contestants before the start
  label: string;
  color: string;
}

export interface Contest {
  id: number;
  name: string;
  starts_at: string;
  ends_at: string;
  duration_seconds: number;
  freezes_at: string | null;
  unfrozen_at: string | null;
  state: ContestState;
  scoreboard_frozen: boolean;
  rules: ContestRules;
  visibility: "public" | "private";
  server_time: string;
  problems?: ContestProblemRef[];
}

export interface ContestProblem {
  problem_id: number;
  label: string;
  color: string;
  slug: string;
  title: string;
  difficulty: Difficulty;
  limits: Limits;
}

export interface Clarification {
  id: number;
  contest_id: number;
  problem_id: number | null;
  kind: "clarification" | "announcement";
  question: string | null;
  answer: string | null;
  to_all: boolean;
  visibility: string;
  from_user_id: number | null;
  answered_by: number | null;
  created_at: string;
  answered_at: string | null;
}

export interface IcpcCell {
  problem_id: number;
  num_judged: number;
  num_pending: number;
  solved: boolean;
  time?: number;
  first_to_solve: boolean;
}

export interface IoiCell {
  problem_id: number;
  score: number;
  num_judged: number;
  num_pending: number;
}

export interface ScoreboardRow {
  rank: number;
  team_id: number;
  score: { num_solved?: number; total_time?: number; total?: number };
  problems: (IcpcCell | IoiCell)[];
}

export interface ScoreboardTeam {
  id: number;
  name: string;
  members: { user_id: number; username: string }[];
}

export interface Scoreboard {
  contest_id: number;
  rules: ContestRules;
  state: ContestState;
  frozen: boolean;
  server_time: string;
  view: "public" | "jury";
  problems: ContestProblemRef[];
  teams: ScoreboardTeam[];
  rows: ScoreboardRow[];
  // After the end of a frozen contest: how far the awards-ceremony reveal has come.
  reveal?: RevealProgress;
}

export interface RevealProgress {
  revealed: number;
  remaining: number;
}

// POST /api/contests/{id}/reveal/step: the cell revealed (null fields: nothing was left).
export interface RevealStep {
  contest_id: number;
  team_id: number | null;
  team: string | null;
  problem_id: number | null;
  problem: string | null;
  result: "solved" | "rejected" | "pending" | "scored" | null;
  score?: number;
  old_rank: number | null;
  new_rank: number | null;
  revealed: number;
  remaining: number;
  state: "ended" | "unfrozen";
}
