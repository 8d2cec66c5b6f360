-- 0003 contests (SQLite). Keep in step with mysql/0003_contests.sql.
-- 0001 created contests, contest_problems and contest_participants as bare tables; this adds what
-- running a contest needs: unfreeze, IOI scoring mode, offline grace, an address lock, teams, and
-- the link from a submission to its contest. Instants are INTEGER milliseconds since the epoch.

-- unfrozen_at: when a proctor revealed the frozen board (NULL: not revealed).
ALTER TABLE contests ADD COLUMN unfrozen_at INTEGER;
ALTER TABLE contests ADD COLUMN ioi_scoring TEXT NOT NULL DEFAULT 'best-subtask'
  CHECK (ioi_scoring IN ('best-subtask', 'best-submission'));
-- A desktop submission made offline before the end is accepted with its local time only if it
-- reaches the server at most this many seconds after the end.
ALTER TABLE contests ADD COLUMN offline_grace_seconds INTEGER NOT NULL DEFAULT 0;
-- CIDR text ("10.1.0.0/16", "2001:db8::/32"); NULL: any address.
ALTER TABLE contests ADD COLUMN allowed_cidr TEXT;

-- Teams: several users share one row of the scoreboard. An individual joins as a team of one
-- (named after the user), so every participant has a team and the board has one kind of row.
CREATE TABLE contest_teams (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (contest_id, name)
);

ALTER TABLE contest_participants ADD COLUMN team_id INTEGER REFERENCES contest_teams (id);

-- contest_id: NULL for practice submissions. client_time: the desktop's local time of an offline
-- submission accepted within the grace period (NULL: made online); its presence is the mark.
ALTER TABLE submissions ADD COLUMN contest_id INTEGER REFERENCES contests (id);
ALTER TABLE submissions ADD COLUMN client_time INTEGER;
CREATE INDEX idx_submissions_contest ON submissions (contest_id, id);
