-- 0002 problem revisions (SQLite). A problem's judging inputs (limits, statement, test cases)
-- change under one number, bumped by every update and test-case replacement, so judges can keep
-- one package per revision on disk and never judge against a half-changed problem.
ALTER TABLE problems ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
