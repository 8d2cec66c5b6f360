-- 0006 ccs_events (SQLite). Keep in step with mysql/0006_ccs_events.sql.
-- The ICPC Contest API's event feed, persisted: an append-only log per contest and audience
-- ('public' or 'jury'). Each row is one notification; its id is the feed's token, so a client
-- that reconnects with since_token resumes exactly after the last row it saw. `data` is the
-- object's JSON (NULL: the object was deleted). Rows are never updated or deleted.
CREATE TABLE ccs_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  contest_id  INTEGER NOT NULL REFERENCES contests (id) ON DELETE CASCADE,
  audience    TEXT    NOT NULL CHECK (audience IN ('public', 'jury')),
  type        TEXT    NOT NULL,
  object_id   TEXT,
  data        TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX idx_ccs_events_feed ON ccs_events (contest_id, audience, id);
