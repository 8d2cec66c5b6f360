-- 0008 brackets (MySQL). Keep in step with sqlite/0008_brackets.sql (the comments are there).
CREATE TABLE IF NOT EXISTS brackets (
  id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  rated        TINYINT NOT NULL DEFAULT 0,
  status       VARCHAR(16) NOT NULL DEFAULT 'running',
  champion_id  BIGINT NULL,
  created_by   BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  finished_at  BIGINT NULL,
  KEY idx_brackets_status (status),
  CONSTRAINT fk_brackets_champion FOREIGN KEY (champion_id) REFERENCES users (id),
  CONSTRAINT fk_brackets_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE IF NOT EXISTS bracket_entrants (
  bracket_id   BIGINT NOT NULL,
  user_id      BIGINT NOT NULL,
  seed         INT NOT NULL,
  seed_rating  INT NOT NULL,
  PRIMARY KEY (bracket_id, user_id),
  UNIQUE KEY uq_bracket_entrants_seed (bracket_id, seed),
  CONSTRAINT fk_bracket_entrants_bracket FOREIGN KEY (bracket_id) REFERENCES brackets (id) ON DELETE CASCADE,
  CONSTRAINT fk_bracket_entrants_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE IF NOT EXISTS bracket_problems (
  bracket_id   BIGINT NOT NULL,
  position     INT NOT NULL,
  problem_id   BIGINT NOT NULL,
  PRIMARY KEY (bracket_id, position),
  CONSTRAINT fk_bracket_problems_bracket FOREIGN KEY (bracket_id) REFERENCES brackets (id) ON DELETE CASCADE,
  CONSTRAINT fk_bracket_problems_problem FOREIGN KEY (problem_id) REFERENCES problems (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE TABLE IF NOT EXISTS bracket_slots (
  bracket_id   BIGINT NOT NULL,
  round        INT NOT NULL,
  position     INT NOT NULL,
  player1_id   BIGINT NULL,
  player2_id   BIGINT NULL,
  match_id     BIGINT NULL,
  winner_id    BIGINT NULL,
  decided_by   VARCHAR(24) NULL,
  decided_at   BIGINT NULL,
  PRIMARY KEY (bracket_id, round, position),
  KEY idx_bracket_slots_match (match_id),
  CONSTRAINT fk_bracket_slots_bracket FOREIGN KEY (bracket_id) REFERENCES brackets (id) ON DELETE CASCADE,
  CONSTRAINT fk_bracket_slots_player1 FOREIGN KEY (player1_id) REFERENCES users (id),
  CONSTRAINT fk_bracket_slots_player2 FOREIGN KEY (player2_id) REFERENCES users (id),
  CONSTRAINT fk_bracket_slots_match FOREIGN KEY (match_id) REFERENCES matches (id),
  CONSTRAINT fk_bracket_slots_winner FOREIGN KEY (winner_id) REFERENCES users (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
