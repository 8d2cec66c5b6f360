-- 0001 initial schema (MySQL / MariaDB). Instants are BIGINT milliseconds since the Unix epoch
-- (UTC); booleans are TINYINT 0/1. Keep this file and sqlite/0001_initial.sql describing the
-- same tables.
--
-- DDL commits implicitly in MySQL, so this file cannot run in one transaction: every statement
-- is CREATE ... IF NOT EXISTS with its indexes inline, so re-running it after a failure
-- half-way finishes the job instead of failing on the tables that already exist.
-- utf8mb4_bin everywhere: uniqueness and ordering compare bytes, as in SQLite.

CREATE TABLE IF NOT EXISTS users (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email            VARCHAR(255) NOT NULL,
  username         VARCHAR(64)  NOT NULL,
  password_hash    VARCHAR(255) NOT NULL,  -- argon2id string ($argon2id$v=19$...)
  role             VARCHAR(16)  NOT NULL DEFAULT 'contestant',
  rating           INT          NOT NULL DEFAULT 1500,
  rating_deviation DOUBLE       NOT NULL DEFAULT 350.0,  -- Glicko-2
  volatility       DOUBLE       NOT NULL DEFAULT 0.06,
  created_at       BIGINT       NOT NULL,
  UNIQUE KEY uq_users_email (email),
  UNIQUE KEY uq_users_username (username),
  KEY idx_users_rating (rating),
  CONSTRAINT ck_users_role CHECK (role IN ('contestant', 'proctor', 'admin'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS problems (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug            VARCHAR(128) NOT NULL,
  title           VARCHAR(512) NOT NULL,
  difficulty      VARCHAR(16)  NOT NULL,
  description     MEDIUMTEXT   NOT NULL,
  time_limit_ms   INT          NOT NULL,
  memory_limit_kb INT          NOT NULL,
  output_limit_kb INT          NOT NULL,
  is_active       TINYINT      NOT NULL DEFAULT 1,
  created_at      BIGINT       NOT NULL,
  UNIQUE KEY uq_problems_slug (slug),
  KEY idx_problems_active_difficulty (is_active, difficulty),
  CONSTRAINT ck_problems_difficulty CHECK (difficulty IN ('easy', 'medium', 'hard'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS test_cases (
  id              BIGINT   NOT NULL AUTO_INCREMENT PRIMARY KEY,
  problem_id      BIGINT   NOT NULL,
  ordinal         INT      NOT NULL,  -- 1-based judging order
  input           LONGTEXT NOT NULL,
  expected_output LONGTEXT NOT NULL,
  is_public       TINYINT  NOT NULL DEFAULT 0,
  UNIQUE KEY uq_test_cases_problem_ordinal (problem_id, ordinal),
  CONSTRAINT fk_test_cases_problem FOREIGN KEY (problem_id) REFERENCES problems (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The code and per-test results of a submission (the specification's realtime-database payload).
CREATE TABLE IF NOT EXISTS submission_payloads (
  id           BIGINT     NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code         MEDIUMTEXT NOT NULL,
  results_json MEDIUMTEXT NOT NULL  -- JSON array of TestResult
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS submissions (
  id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT      NOT NULL,
  problem_id    BIGINT      NOT NULL,
  language      VARCHAR(64) NOT NULL,
  status        VARCHAR(16) NOT NULL DEFAULT 'queued',
  verdict       VARCHAR(8)  NULL,
  exec_time_ms  INT         NOT NULL DEFAULT 0,
  memory_kb     INT         NOT NULL DEFAULT 0,
  payload_key   BIGINT      NOT NULL,
  client_id     VARCHAR(64) NULL,  -- the desktop's id for exactly-once sync; NULLs do not collide
  judge_attempt BIGINT      NOT NULL DEFAULT 0,  -- bumped by every claim; stale results are ignored
  created_at    BIGINT      NOT NULL,
  judged_at     BIGINT      NULL,
  UNIQUE KEY uq_submissions_payload (payload_key),
  UNIQUE KEY uq_submissions_user_client (user_id, client_id),
  KEY idx_submissions_user_created (user_id, created_at),
  KEY idx_submissions_problem (problem_id),
  KEY idx_submissions_status (status),
  CONSTRAINT fk_submissions_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_submissions_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_submissions_payload FOREIGN KEY (payload_key) REFERENCES submission_payloads (id),
  CONSTRAINT ck_submissions_status CHECK (status IN ('queued', 'compiling', 'running', 'judged')),
  CONSTRAINT ck_submissions_verdict CHECK (verdict IS NULL OR
    verdict IN ('AC', 'WA', 'TLE', 'MLE', 'RE', 'OLE', 'CE', 'JE', 'SV'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS matches (
  id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  player1_id BIGINT      NOT NULL,
  player2_id BIGINT      NOT NULL,
  problem_id BIGINT      NOT NULL,
  status     VARCHAR(16) NOT NULL,
  winner_id  BIGINT      NULL,
  started_at BIGINT      NULL,
  ended_at   BIGINT      NULL,
  created_at BIGINT      NOT NULL,
  KEY idx_matches_player1 (player1_id),
  KEY idx_matches_player2 (player2_id),
  KEY idx_matches_status (status),
  CONSTRAINT fk_matches_player1 FOREIGN KEY (player1_id) REFERENCES users (id),
  CONSTRAINT fk_matches_player2 FOREIGN KEY (player2_id) REFERENCES users (id),
  CONSTRAINT fk_matches_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_matches_winner FOREIGN KEY (winner_id) REFERENCES users (id),
  CONSTRAINT ck_matches_status CHECK (status IN ('pending', 'active', 'finished', 'cancelled'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS leaderboard_snapshots (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  snapshot_date DATE   NOT NULL,  -- UTC day
  user_id       BIGINT NOT NULL,
  `rank`        INT    NOT NULL,
  rating        INT    NOT NULL,
  solved        INT    NOT NULL,
  UNIQUE KEY uq_leaderboard_snapshots_date_user (snapshot_date, user_id),
  CONSTRAINT fk_leaderboard_snapshots_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rating_history (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id          BIGINT NOT NULL,
  match_id         BIGINT NULL,
  rating           INT    NOT NULL,
  rating_deviation DOUBLE NOT NULL,
  volatility       DOUBLE NOT NULL,
  changed_at       BIGINT NOT NULL,
  KEY idx_rating_history_user (user_id, changed_at),
  CONSTRAINT fk_rating_history_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_rating_history_match FOREIGN KEY (match_id) REFERENCES matches (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS analytics_events (
  id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_type  VARCHAR(64) NOT NULL,
  occurred_at BIGINT      NOT NULL,
  user_id     BIGINT      NULL,
  metadata    MEDIUMTEXT  NOT NULL,  -- JSON object
  KEY idx_analytics_type_time (event_type, occurred_at),
  CONSTRAINT fk_analytics_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Rotating refresh tokens: only a hash is stored; reuse of a used token revokes its family.
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash VARCHAR(128) NOT NULL PRIMARY KEY,
  user_id    BIGINT       NOT NULL,
  family_id  VARCHAR(64)  NOT NULL,
  issued_at  BIGINT       NOT NULL,
  expires_at BIGINT       NOT NULL,
  used       TINYINT      NOT NULL DEFAULT 0,
  revoked    TINYINT      NOT NULL DEFAULT 0,
  KEY idx_refresh_tokens_family (family_id),
  KEY idx_refresh_tokens_user (user_id),
  CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Contests: tables only for now; their repository arrives with the contests issue.
CREATE TABLE IF NOT EXISTS contests (
  id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name                 VARCHAR(255) NOT NULL,
  starts_at            BIGINT       NOT NULL,
  duration_seconds     INT          NOT NULL,
  freeze_after_seconds INT          NULL,
  rules                VARCHAR(8)   NOT NULL DEFAULT 'icpc',
  is_public            TINYINT      NOT NULL DEFAULT 0,
  created_at           BIGINT       NOT NULL,
  CONSTRAINT ck_contests_rules CHECK (rules IN ('icpc', 'ioi'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS contest_problems (
  contest_id BIGINT      NOT NULL,
  problem_id BIGINT      NOT NULL,
  ordinal    INT         NOT NULL,
  label      VARCHAR(16) NOT NULL,
  color      VARCHAR(16) NOT NULL DEFAULT '',
  PRIMARY KEY (contest_id, problem_id),
  UNIQUE KEY uq_contest_problems_label (contest_id, label),
  CONSTRAINT fk_contest_problems_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
  CONSTRAINT fk_contest_problems_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS contest_participants (
  contest_id    BIGINT NOT NULL,
  user_id       BIGINT NOT NULL,
  registered_at BIGINT NOT NULL,
  PRIMARY KEY (contest_id, user_id),
  KEY idx_contest_participants_user (user_id),
  CONSTRAINT fk_contest_participants_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
  CONSTRAINT fk_contest_participants_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS clarifications (
  id          BIGINT     NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id  BIGINT     NOT NULL,
  problem_id  BIGINT     NULL,  -- NULL: a general question
  author_id   BIGINT     NOT NULL,
  question    MEDIUMTEXT NOT NULL,
  answer      MEDIUMTEXT NULL,
  answered_by BIGINT     NULL,
  is_public   TINYINT    NOT NULL DEFAULT 0,  -- answered to everyone, not only the author
  created_at  BIGINT     NOT NULL,
  answered_at BIGINT     NULL,
  KEY idx_clarifications_contest (contest_id, created_at),
  CONSTRAINT fk_clarifications_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE,
  CONSTRAINT fk_clarifications_problem FOREIGN KEY (problem_id) REFERENCES problems (id),
  CONSTRAINT fk_clarifications_author FOREIGN KEY (author_id) REFERENCES users (id),
  CONSTRAINT fk_clarifications_answered_by FOREIGN KEY (answered_by) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
