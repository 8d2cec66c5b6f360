-- 0007 contest_reveals (SQLite). Keep in step with mysql/0007_contest_reveals.sql.
-- The awards-ceremony reveal of a frozen board, persisted: one row per pending cell a proctor has
-- revealed (POST /api/contests/{id}/reveal/step), numbered in reveal order. The server replays
-- them on the frozen board to know where the ceremony stands after a restart, so the public board
-- and the next cell survive it. The primary key makes a cell revealed once: two replicas racing
-- for the same step write one row (the second gets a conflict).
CREATE TABLE contest_reveals (
  contest_id  INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  team_id     INTEGER NOT NULL REFERENCES contest_teams (id) ON DELETE CASCADE,
  problem_id  INTEGER NOT NULL REFERENCES problems (id),
  step        INTEGER NOT NULL,
  revealed_at INTEGER NOT NULL,
  PRIMARY KEY (contest_id, team_id, problem_id),
  UNIQUE (contest_id, step)
);
