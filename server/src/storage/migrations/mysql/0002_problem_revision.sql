-- 0002 problem revisions (MySQL). Keep in step with sqlite/0002_problem_revision.sql.
ALTER TABLE problems ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
