-- 0005 duels (MySQL). Keep in step with sqlite/0005_duels.sql.
ALTER TABLE matches ADD COLUMN rated TINYINT NOT NULL DEFAULT 1;
ALTER TABLE matches ADD COLUMN ends_at BIGINT NULL;
ALTER TABLE matches ADD COLUMN end_reason VARCHAR(16) NULL;
ALTER TABLE rating_history ADD COLUMN previous_rating INT NULL;
CREATE INDEX idx_rating_history_match ON rating_history (match_id);
