-- 0004 clarifications (MySQL). Keep in step with sqlite/0004_clarifications.sql (the comments
-- are there). Foreign key names are database-wide in InnoDB, hence the new fk_clar_* names.
CREATE TABLE IF NOT EXISTS clarifications_v4 (
  id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id   BIGINT      NULL,
  problem_id   BIGINT      NULL,
  from_user_id BIGINT      NOT NULL,
  question     MEDIUMTEXT  NULL,
  answer       MEDIUMTEXT  NULL,
  answered_by  BIGINT      NULL,
  visibility   VARCHAR(8)  NOT NULL DEFAULT 'private',
  created_at   BIGINT      NOT NULL,
  answered_at  BIGINT      NULL,
  KEY idx_clar_contest (contest_id, id),
  KEY idx_clar_from_user (from_user_id),
  CONSTRAINT ck_clar_visibility CHECK (visibility IN ('private', 'all')),
  CONSTRAINT fk_clar_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
  CONSTRAINT fk_clar_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_clar_from_user FOREIGN KEY (from_user_id) REFERENCES users (id),
  CONSTRAINT fk_clar_answered_by FOREIGN KEY (answered_by) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO clarifications_v4 (id, contest_id, problem_id, from_user_id, question, answer,
                               answered_by, visibility, created_at, answered_at)
  SELECT id, contest_id, problem_id, author_id, question, answer, answered_by,
         CASE WHEN is_public <> 0 THEN 'all' ELSE 'private' END, created_at, answered_at
  FROM clarifications;
DROP TABLE clarifications;
RENAME TABLE clarifications_v4 TO clarifications;
