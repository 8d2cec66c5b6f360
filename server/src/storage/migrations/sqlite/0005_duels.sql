-- 0005 duels (SQLite). Keep in step with mysql/0005_duels.sql.
-- A match row becomes the whole duel: started_at is the end of the countdown (when both players
-- see the problem), ends_at the time limit, rated whether the ending moves Glicko-2 ratings
-- (proctor-run lab duels are not), end_reason why it ended (solved, time, forfeit, disconnect).
-- rating_history keeps the rating before each change, so a result can show the change.
ALTER TABLE matches ADD COLUMN rated INTEGER NOT NULL DEFAULT 1;
ALTER TABLE matches ADD COLUMN ends_at INTEGER;
ALTER TABLE matches ADD COLUMN end_reason TEXT;
ALTER TABLE rating_history ADD COLUMN previous_rating INTEGER;
CREATE INDEX idx_rating_history_match ON rating_history (match_id);
