// The bracket API's shapes (GET /api/brackets, GET /api/brackets/{id}, POST /api/brackets).

export type BracketStatus = "running" | "finished";
export type SlotState = "waiting" | "ready" | "playing" | "decided";
export type Decision = "bye" | "solved" | "forfeit" | "disconnect" | "fewer_wrong_tries" | "higher_seed";

export interface BracketPlayerRef {
  user_id: number;
  username: string;
  seed: number | null;
}

export interface BracketSlot {
  round: number;
  position: number;
  state: SlotState;
  player1: BracketPlayerRef | null;
  player2: BracketPlayerRef | null;
  match_id: number | null;
  winner_id: number | null;
  decided_by: Decision | null;
}

export interface BracketRound {
  round: number;
  name: string;
  slots: BracketSlot[];
}

export interface BracketSummary {
  id: number;
  name: string;
  rated: boolean;
  status: BracketStatus;
  champion_id: number | null;
  player_count: number;
  created_by: number;
  created_at: string;
  finished_at: string | null;
}

export interface Bracket extends BracketSummary {
  champion: BracketPlayerRef | null;
  players: { user_id: number; username: string; seed: number; rating: number }[];
  problem_ids: number[];
  rounds: BracketRound[];
  draw_rule: string;
}

export interface CreateBracketBody {
  name: string;
  players: (number | string)[];
  rated: boolean;
  problem_ids?: number[];
}
