-- 0004 clarifications (SQLite). Keep in step with mysql/0004_clarifications.sql.
-- 0001 made a placeholder `clarifications` table; running contests needs a different shape:
-- a question may be outside any contest (contest_id NULL), an announcement is a row a proctor
-- writes with no question (question NULL, the text in `answer`), and an answer is either private
-- to the asker or shown to all (visibility). The old rows, if any, are carried over.
CREATE TABLE clarifications_v4 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id   INTEGER REFERENCES contests (id) ON DELETE CASCADE,  -- NULL: not about a contest
  problem_id   INTEGER REFERENCES problems (id),                    -- NULL: a general question
  from_user_id INTEGER NOT NULL REFERENCES users (id),
  question     TEXT,            -- NULL: an announcement
  answer       TEXT,            -- NULL: not answered yet
  answered_by  INTEGER REFERENCES users (id),
  visibility   TEXT    NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'all')),
  created_at   INTEGER NOT NULL,
  answered_at  INTEGER
);
INSERT INTO clarifications_v4 (id, contest_id, problem_id, from_user_id, question, answer,
                               answered_by, visibility, created_at, answered_at)
  SELECT id, contest_id, problem_id, author_id, question, answer, answered_by,
         CASE WHEN is_public <> 0 THEN 'all' ELSE 'private' END, created_at, answered_at
  FROM clarifications;
DROP TABLE clarifications;
ALTER TABLE clarifications_v4 RENAME TO clarifications;
CREATE INDEX idx_clarifications_contest ON clarifications (contest_id, id);
CREATE INDEX idx_clarifications_from_user ON clarifications (from_user_id);
