-- 0001 initial schema (SQLite). Instants are INTEGER milliseconds since the Unix epoch (UTC);
-- booleans are 0/1. Keep this file and mysql/0001_initial.sql describing the same tables.

CREATE TABLE users (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  email            TEXT    NOT NULL UNIQUE,
  username         TEXT    NOT NULL UNIQUE,
  password_hash    TEXT    NOT NULL,  -- argon2id string ($argon2id$v=19$...)
  role             TEXT    NOT NULL DEFAULT 'contestant'
                           CHECK (role IN ('contestant', 'proctor', 'admin')),
  rating           INTEGER NOT NULL DEFAULT 1500,
  rating_deviation REAL    NOT NULL DEFAULT 350.0,  -- Glicko-2
  volatility       REAL    NOT NULL DEFAULT 0.06,
  created_at       INTEGER NOT NULL
);
CREATE INDEX idx_users_rating ON users (rating);

CREATE TABLE problems (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  slug            TEXT    NOT NULL UNIQUE,
  title           TEXT    NOT NULL,
  difficulty      TEXT    NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  description     TEXT    NOT NULL,
  time_limit_ms   INTEGER NOT NULL,
  memory_limit_kb INTEGER NOT NULL,
  output_limit_kb INTEGER NOT NULL,
  is_active       INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL
);
CREATE INDEX idx_problems_active_difficulty ON problems (is_active, difficulty);

CREATE TABLE test_cases (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  problem_id      INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
  ordinal         INTEGER NOT NULL,  -- 1-based judging order
  input           TEXT    NOT NULL,
  expected_output TEXT    NOT NULL,
  is_public       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (problem_id, ordinal)
);

-- The code and per-test results of a submission (the specification's realtime-database payload).
CREATE TABLE submission_payloads (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  code         TEXT    NOT NULL,
  results_json TEXT    NOT NULL  -- JSON array of TestResult
);

CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  problem_id    INTEGER NOT NULL REFERENCES problems (id),
  language      TEXT    NOT NULL,
  status        TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'compiling', 'running', 'judged')),
  verdict       TEXT    CHECK (verdict IS NULL OR
                               verdict IN ('AC', 'WA', 'TLE', 'MLE', 'RE', 'OLE', 'CE', 'JE', 'SV')),
  exec_time_ms  INTEGER NOT NULL DEFAULT 0,
  memory_kb     INTEGER NOT NULL DEFAULT 0,
  payload_key   INTEGER NOT NULL UNIQUE REFERENCES submission_payloads (id),
  client_id     TEXT,  -- the desktop's id for exactly-once sync; NULLs do not collide
  judge_attempt INTEGER NOT NULL DEFAULT 0,  -- bumped by every claim; stale results are ignored
  created_at    INTEGER NOT NULL,
  judged_at     INTEGER,
  UNIQUE (user_id, client_id)
);
CREATE INDEX idx_submissions_user_created ON submissions (user_id, created_at);
CREATE INDEX idx_submissions_problem ON submissions (problem_id);
CREATE INDEX idx_submissions_status ON submissions (status);

CREATE TABLE matches (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  player1_id INTEGER NOT NULL REFERENCES users (id),
  player2_id INTEGER NOT NULL REFERENCES users (id),
  problem_id INTEGER NOT NULL REFERENCES problems (id),
  status     TEXT    NOT NULL CHECK (status IN ('pending', 'active', 'finished', 'cancelled')),
  winner_id  INTEGER REFERENCES users (id),
  started_at INTEGER,
  ended_at   INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX idx_matches_player1 ON matches (player1_id);
CREATE INDEX idx_matches_player2 ON matches (player2_id);
CREATE INDEX idx_matches_status ON matches (status);

CREATE TABLE leaderboard_snapshots (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  snapshot_date TEXT    NOT NULL,  -- YYYY-MM-DD (UTC)
  user_id       INTEGER NOT NULL REFERENCES users (id),
  `rank`        INTEGER NOT NULL,
  rating        INTEGER NOT NULL,
  solved        INTEGER NOT NULL,
  UNIQUE (snapshot_date, user_id)
);

CREATE TABLE rating_history (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  match_id         INTEGER REFERENCES matches (id),
  rating           INTEGER NOT NULL,
  rating_deviation REAL    NOT NULL,
  volatility       REAL    NOT NULL,
  changed_at       INTEGER NOT NULL
);
CREATE INDEX idx_rating_history_user ON rating_history (user_id, changed_at);

CREATE TABLE analytics_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  event_type  TEXT    NOT NULL,
  occurred_at INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  metadata    TEXT    NOT NULL  -- JSON object
);
CREATE INDEX idx_analytics_type_time ON analytics_events (event_type, occurred_at);

-- Rotating refresh tokens: only a hash is stored; reuse of a used token revokes its family.
CREATE TABLE refresh_tokens (
  token_hash TEXT    PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id  TEXT    NOT NULL,
  issued_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used       INTEGER NOT NULL DEFAULT 0,
  revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens (user_id);

-- Contests: tables only for now; their repository arrives with the contests issue.
CREATE TABLE contests (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  name                 TEXT    NOT NULL,
  starts_at            INTEGER NOT NULL,
  duration_seconds     INTEGER NOT NULL,
  freeze_after_seconds INTEGER,
  rules                TEXT    NOT NULL DEFAULT 'icpc' CHECK (rules IN ('icpc', 'ioi')),
  is_public            INTEGER NOT NULL DEFAULT 0,
  created_at           INTEGER NOT NULL
);

CREATE TABLE contest_problems (
  contest_id INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  problem_id INTEGER NOT NULL REFERENCES problems (id),
  ordinal    INTEGER NOT NULL,
  label      TEXT    NOT NULL,
  color      TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (contest_id, problem_id),
  UNIQUE (contest_id, label)
);

CREATE TABLE contest_participants (
  contest_id    INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  registered_at INTEGER NOT NULL,
  PRIMARY KEY (contest_id, user_id)
);
CREATE INDEX idx_contest_participants_user ON contest_participants (user_id);

CREATE TABLE clarifications (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id  INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  problem_id  INTEGER REFERENCES problems (id),  -- NULL: a general question
  author_id   INTEGER NOT NULL REFERENCES users (id),
  question    TEXT    NOT NULL,
  answer      TEXT,
  answered_by INTEGER REFERENCES users (id),
  is_public   INTEGER NOT NULL DEFAULT 0,  -- answered to everyone, not only the author
  created_at  INTEGER NOT NULL,
  answered_at INTEGER
);
CREATE INDEX idx_clarifications_contest ON clarifications (contest_id, created_at);
