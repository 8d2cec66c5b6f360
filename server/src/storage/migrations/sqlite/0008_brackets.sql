-- 0008 brackets (SQLite). Keep in step with mysql/0008_brackets.sql.
-- A single-elimination bracket of duels a proctor runs for a class. Its entrants are seeded by
-- rating when it is made (seed 1 the strongest; the rating then is kept for display); the pool
-- of problems, when given, is played round by round (round r on the problem at position
-- r mod pool size). A slot is one duel of the tree: round 0 is the first round, position counts
-- from the top; the winner of (r, p) takes seat 1 of (r + 1, p / 2) when p is even, seat 2 when
-- odd. A slot whose duel has not started has no match_id; a bye is decided at creation without
-- one. decided_by says how the winner was found (bye, solved, forfeit, disconnect, or on a draw
-- fewer_wrong_tries, then higher_seed). The guards "winner_id IS NULL" and "match_id IS NULL"
-- make every advance happen once when replicas race.
CREATE TABLE brackets (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT NOT NULL,
  rated        INTEGER NOT NULL DEFAULT 0,
  status       TEXT NOT NULL DEFAULT 'running',
  champion_id  INTEGER REFERENCES users (id),
  created_by   INTEGER NOT NULL REFERENCES users (id),
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
CREATE TABLE bracket_entrants (
  bracket_id   INTEGER NOT NULL REFERENCES brackets (id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  seed         INTEGER NOT NULL,
  seed_rating  INTEGER NOT NULL,
  PRIMARY KEY (bracket_id, user_id),
  UNIQUE (bracket_id, seed)
);
CREATE TABLE bracket_problems (
  bracket_id   INTEGER NOT NULL REFERENCES brackets (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  problem_id   INTEGER NOT NULL REFERENCES problems (id),
  PRIMARY KEY (bracket_id, position)
);
CREATE TABLE bracket_slots (
  bracket_id   INTEGER NOT NULL REFERENCES brackets (id) ON DELETE CASCADE,
  round        INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  player1_id   INTEGER REFERENCES users (id),
  player2_id   INTEGER REFERENCES users (id),
  match_id     INTEGER REFERENCES matches (id),
  winner_id    INTEGER REFERENCES users (id),
  decided_by   TEXT,
  decided_at   INTEGER,
  PRIMARY KEY (bracket_id, round, position)
);
CREATE INDEX idx_bracket_slots_match ON bracket_slots (match_id);
CREATE INDEX idx_brackets_status ON brackets (status);
