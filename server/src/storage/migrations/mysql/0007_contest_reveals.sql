-- 0007 contest_reveals (MySQL). Keep in step with sqlite/0007_contest_reveals.sql (the comments are there).
CREATE TABLE IF NOT EXISTS contest_reveals (
  contest_id  BIGINT NOT NULL,
  team_id     BIGINT NOT NULL,
  problem_id  BIGINT NOT NULL,
  step        BIGINT NOT NULL,
  revealed_at BIGINT NOT NULL,
  PRIMARY KEY (contest_id, team_id, problem_id),
  UNIQUE KEY uq_contest_reveals_step (contest_id, step),
  CONSTRAINT fk_contest_reveals_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
  CONSTRAINT fk_contest_reveals_team FOREIGN KEY (team_id) REFERENCES contest_teams (id) ON DELETE CASCADE,
  CONSTRAINT fk_contest_reveals_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
