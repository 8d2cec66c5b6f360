-- 0003 contests (MySQL). Keep in step with sqlite/0003_contests.sql (the comments are there).
ALTER TABLE contests ADD COLUMN unfrozen_at BIGINT NULL;
ALTER TABLE contests ADD COLUMN ioi_scoring VARCHAR(16) NOT NULL DEFAULT 'best-subtask';
ALTER TABLE contests ADD CONSTRAINT ck_contests_ioi_scoring
  CHECK (ioi_scoring IN ('best-subtask', 'best-submission'));
ALTER TABLE contests ADD COLUMN offline_grace_seconds INT NOT NULL DEFAULT 0;
ALTER TABLE contests ADD COLUMN allowed_cidr VARCHAR(64) NULL;

CREATE TABLE IF NOT EXISTS contest_teams (
  id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id BIGINT       NOT NULL,
  name       VARCHAR(255) NOT NULL,
  created_at BIGINT       NOT NULL,
  UNIQUE KEY uq_contest_teams_name (contest_id, name),
  CONSTRAINT fk_contest_teams_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE contest_participants ADD COLUMN team_id BIGINT NULL;
ALTER TABLE contest_participants ADD CONSTRAINT fk_contest_participants_team
  FOREIGN KEY (team_id) REFERENCES contest_teams (id);

ALTER TABLE submissions ADD COLUMN contest_id BIGINT NULL;
ALTER TABLE submissions ADD COLUMN client_time BIGINT NULL;
ALTER TABLE submissions ADD CONSTRAINT fk_submissions_contest
  FOREIGN KEY (contest_id) REFERENCES contests (id);
CREATE INDEX idx_submissions_contest ON submissions (contest_id, id);
