// Shapes of the duel endpoints (server/src/features/duels/duel_routes.cpp, matchmaking_routes.cpp).

export type DuelState = "countdown" | "active" | "finished";

export interface DuelPlayer {
  user_id: number;
  username: string;
  rating: number;
  rating_deviation: number;
  tries: number;
  verdicts: (string | null)[]; // one per try, null while judged
  solved: boolean;
}

export interface RatingChange {
  user_id: number;
  rating: number;
  previous_rating: number | null;
  delta: number | null;
  rating_deviation: number;
  volatility: number;
  match_id: number | null;
  changed_at: string;
}

export interface DuelResult {
  winner_id: number | null; // null: a draw
  reason: "solved" | "time" | "forfeit" | "disconnect" | null;
  rating_changes: RatingChange[];
}

export interface Match {
  id: number;
  state: DuelState;
  status: string;
  rated: boolean;
  problem_id: number | null; // hidden from the players during the countdown
  started_at: string | null;
  ends_at: string | null;
  ended_at: string | null;
  server_time: string;
  players: DuelPlayer[];
  result: DuelResult | null;
}

export type RatingPoint = Omit<RatingChange, "user_id">;

export interface RatingHistory {
  user_id: number;
  points: RatingPoint[];
}

export interface MatchFound {
  match_id: number;
  problem_id: number;
}
