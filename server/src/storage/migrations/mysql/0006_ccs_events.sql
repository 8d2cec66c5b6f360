-- 0006 ccs_events (MySQL). Keep in step with sqlite/0006_ccs_events.sql (the comments are there).
CREATE TABLE IF NOT EXISTS ccs_events (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contest_id  BIGINT       NOT NULL,
  audience    VARCHAR(8)   NOT NULL,
  type        VARCHAR(32)  NOT NULL,
  object_id   VARCHAR(64)  NULL,
  data        MEDIUMTEXT   NULL,
  created_at  BIGINT       NOT NULL,
  KEY idx_ccs_events_feed (contest_id, audience, id),
  CONSTRAINT ck_ccs_events_audience CHECK (audience IN ('public', 'jury')),
  CONSTRAINT fk_ccs_events_contest FOREIGN KEY (contest_id) REFERENCES contests (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
