#include "storage/sql/sql_submission_repository.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "arena/protocol/json_codecs.hpp"
#include "storage/sql/sql_analytics_repository.hpp"
#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr int kMaxPage = 500;

constexpr std::string_view kSummary =
    "SELECT s.id, s.user_id, s.problem_id, s.language, s.status, s.verdict, s.exec_time_ms, "
    "s.memory_kb, "
    "s.created_at, s.client_id, s.judge_attempt, s.judged_at FROM submissions s ";
constexpr std::string_view kFull =
    "SELECT s.id, s.user_id, s.problem_id, s.language, s.status, s.verdict, s.exec_time_ms, "
    "s.memory_kb, "
    "s.created_at, s.client_id, s.judge_attempt, s.judged_at, p.code, p.results_json "
    "FROM submissions s JOIN submission_payloads p ON p.id = s.payload_key ";

std::vector<model::TestResult> parseResults(const std::string& text) {
  std::vector<model::TestResult> tests;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return tests;
  for (const auto& item : json) {
    if (auto test = protocol::testResultFromJson(item)) tests.push_back(*test);
  }
  return tests;
}

std::string resultsJson(const std::vector<model::TestResult>& tests) {
  auto json = nlohmann::json::array();
  for (const auto& test : tests) json.push_back(protocol::toJson(test));
  return json.dump();
}

SubmissionRecord toRecord(const SqlRow& row) {
  SubmissionRecord record;
  auto& submission = record.submission;
  submission.id = row.int64(0);
  submission.userId = row.int64(1);
  submission.problemId = row.int64(2);
  submission.language = row.text(3);
  submission.status = enumColumn(row, 4, model::SubmissionStatus::Queued);
  if (!row.isNull(5)) submission.verdict = model::enumFromName<model::Verdict>(row.text(5));
  submission.execTimeMs = row.int32(6);
  submission.memoryKb = row.int32(7);
  submission.createdAt = row.timestamp(8);
  record.clientId = row.optText(9);
  record.judgeAttempt = row.int64(10);
  record.judgedAt = row.optTimestamp(11);
  if (row.size() > 13) {
    submission.code = row.text(12);
    submission.tests = parseResults(row.text(13));
  }
  return record;
}

Result<std::vector<SubmissionRecord>> toRecords(Result<SqlRows> rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<SubmissionRecord> records;
  records.reserve(rows->size());
  for (const auto& row : *rows) records.push_back(toRecord(row));
  return records;
}

// Why a guarded UPDATE matched nothing: the submission is missing, judged, or owned by a newer
// attempt.
Result<SqlRow> currentState(SqlSession& session, std::int64_t id) {
  auto rows = session.query("SELECT status, judge_attempt FROM submissions WHERE id = ?", {id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty())
    return fail(ErrorCode::NotFound, "submission " + std::to_string(id) + " not found");
  return rows->front();
}

bool isJudged(const SqlRow& state) {
  return state.text(0) == model::enumName(model::SubmissionStatus::Judged);
}

}  // namespace

Result<SubmissionRecord> SqlSubmissionRepository::findByClientId(std::int64_t userId,
                                                                 const std::string& clientId) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(std::string{kFull} + "WHERE s.user_id = ? AND s.client_id = ?",
                                  {userId, clientId}),
                    "submission with that client id", toRecord);
  });
}

Result<CreatedSubmission> SqlSubmissionRepository::create(const NewSubmission& submission) {
  if (submission.clientId) {
    if (auto existing = findByClientId(submission.userId, *submission.clientId)) {
      return CreatedSubmission{std::move(*existing), false};
    } else if (existing.error().code != ErrorCode::NotFound) {
      return std::unexpected(existing.error());
    }
  }
  SubmissionRecord record;
  record.submission.userId = submission.userId;
  record.submission.problemId = submission.problemId;
  record.submission.language = submission.language;
  record.submission.code = submission.code;
  record.submission.createdAt = now();
  record.clientId = submission.clientId;
  const auto queued = enumText(model::SubmissionStatus::Queued);

  auto id = m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto payload =
        session.execute("INSERT INTO submission_payloads (code, results_json) VALUES (?, ?)",
                        {submission.code, "[]"});
    if (!payload) return std::unexpected(payload.error());
    auto inserted = session.execute(
        "INSERT INTO submissions (user_id, problem_id, language, status, payload_key, client_id, "
        "judge_attempt, "
        "created_at, contest_id, client_time) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        {submission.userId, submission.problemId, submission.language, queued,
         payload->lastInsertId, submission.clientId, record.submission.createdAt,
         submission.contestId, submission.clientTime});
    if (!inserted) return std::unexpected(inserted.error());
    return inserted->lastInsertId;
  });
  if (!id) {
    // Two requests with the same client id raced past the check above; the loser returns the
    // winner's submission.
    if (id.error().code == ErrorCode::Conflict && submission.clientId) {
      if (auto existing = findByClientId(submission.userId, *submission.clientId)) {
        return CreatedSubmission{std::move(*existing), false};
      }
    }
    return std::unexpected(id.error());
  }
  record.submission.id = *id;
  return CreatedSubmission{std::move(record), true};
}

Result<SubmissionRecord> SqlSubmissionRepository::findById(std::int64_t id) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(std::string{kFull} + "WHERE s.id = ?", {id}),
                    "submission " + std::to_string(id), toRecord);
  });
}

Result<SubmissionPage> SqlSubmissionRepository::listByUser(std::int64_t userId,
                                                           std::optional<SubmissionCursor> after,
                                                           int limit) {
  const std::int64_t pageSize = std::clamp(limit, 1, kMaxPage);
  // One row more than asked tells whether another page follows.
  auto records = m_database.read([&](SqlSession& session) {
    if (!after) {
      return toRecords(
          session.query(std::string{kSummary} +
                            "WHERE s.user_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
                        {userId, pageSize + 1}));
    }
    return toRecords(session.query(
        std::string{kSummary} +
            "WHERE s.user_id = ? AND (s.created_at < ? OR (s.created_at = ? AND s.id < ?)) "
            "ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
        {userId, after->createdAt, after->createdAt, after->id, pageSize + 1}));
  });
  if (!records) return std::unexpected(records.error());
  SubmissionPage page;
  page.items = std::move(*records);
  if (std::ssize(page.items) > pageSize) {
    page.items.resize(static_cast<std::size_t>(pageSize));
    const auto& last = page.items.back().submission;
    page.next = SubmissionCursor{last.createdAt, last.id};
  }
  return page;
}

Result<std::int64_t> SqlSubmissionRepository::claimForJudging(std::int64_t id) {
  const auto judged = enumText(model::SubmissionStatus::Judged);
  const auto compiling = enumText(model::SubmissionStatus::Compiling);
  return m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto updated = session.execute(
        "UPDATE submissions SET status = ?, judge_attempt = judge_attempt + 1 WHERE id = ? AND "
        "status <> ?",
        {compiling, id, judged});
    if (!updated) return std::unexpected(updated.error());
    auto state = currentState(session, id);
    if (!state) return std::unexpected(state.error());
    if (updated->affectedRows == 0) {
      return fail(ErrorCode::Conflict, "submission " + std::to_string(id) + " is already judged");
    }
    return state->int64(1);
  });
}

Result<bool> SqlSubmissionRepository::markRunning(std::int64_t id, std::int64_t attempt) {
  const auto judged = enumText(model::SubmissionStatus::Judged);
  const auto running = enumText(model::SubmissionStatus::Running);
  return m_database.write([&](SqlSession& session) -> Result<bool> {
    auto updated = session.execute(
        "UPDATE submissions SET status = ? WHERE id = ? AND judge_attempt = ? AND status <> ?",
        {running, id, attempt, judged});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows > 0) return true;
    auto state = currentState(session, id);
    if (!state) return std::unexpected(state.error());
    return false;
  });
}

Result<RecordOutcome> SqlSubmissionRepository::recordResult(std::int64_t id, std::int64_t attempt,
                                                            const JudgeResult& result) {
  const auto judged = enumText(model::SubmissionStatus::Judged);
  const auto verdict = enumText(result.verdict);
  const auto tests = resultsJson(result.tests);
  return m_database.write([&](SqlSession& session) -> Result<RecordOutcome> {
    auto updated = session.execute(
        "UPDATE submissions SET status = ?, verdict = ?, exec_time_ms = ?, memory_kb = ?, "
        "judged_at = ? "
        "WHERE id = ? AND judge_attempt = ? AND status <> ?",
        {judged, verdict, result.execTimeMs, result.memoryKb, result.judgedAt, id, attempt,
         judged});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows == 0) {
      auto state = currentState(session, id);
      if (!state) return std::unexpected(state.error());
      return isJudged(*state) ? RecordOutcome::AlreadyJudged : RecordOutcome::StaleAttempt;
    }
    auto payload = session.execute(
        "UPDATE submission_payloads SET results_json = ? WHERE id = (SELECT payload_key FROM "
        "submissions WHERE id = ?)",
        {tests, id});
    if (!payload) return std::unexpected(payload.error());
    if (result.event) {
      if (auto event = insertAnalyticsEvent(session, *result.event); !event) {
        return std::unexpected(event.error());
      }
    }
    return RecordOutcome::Recorded;
  });
}

Result<std::vector<SubmissionRecord>> SqlSubmissionRepository::listUnfinished() {
  return m_database.read([&](SqlSession& session) {
    return toRecords(session.query(
        std::string{kSummary} + "WHERE s.status IN (?, ?, ?) ORDER BY s.id",
        {enumText(model::SubmissionStatus::Queued), enumText(model::SubmissionStatus::Compiling),
         enumText(model::SubmissionStatus::Running)}));
  });
}

namespace {

// One submission back to queued under a new attempt; its payload's per-test results emptied.
Result<std::int64_t> resetOne(SqlSession& session, std::int64_t id) {
  auto updated = session.execute(
      "UPDATE submissions SET status = ?, verdict = NULL, exec_time_ms = 0, memory_kb = 0, "
      "judged_at = NULL, judge_attempt = judge_attempt + 1 WHERE id = ?",
      {enumText(model::SubmissionStatus::Queued), id});
  if (!updated) return std::unexpected(updated.error());
  if (updated->affectedRows == 0) return 0;
  auto payload = session.execute(
      "UPDATE submission_payloads SET results_json = ? WHERE id = (SELECT payload_key FROM "
      "submissions WHERE id = ?)",
      {"[]", id});
  if (!payload) return std::unexpected(payload.error());
  return updated->affectedRows;
}

}  // namespace

Result<void> SqlSubmissionRepository::resetForRejudge(std::int64_t id) {
  return m_database.write([&](SqlSession& session) -> Result<void> {
    auto reset = resetOne(session, id);
    if (!reset) return std::unexpected(reset.error());
    if (*reset == 0) return fail(ErrorCode::NotFound, "submission " + std::to_string(id) + " not found");
    return {};
  });
}

Result<std::vector<std::int64_t>> SqlSubmissionRepository::resetProblemForRejudge(
    std::int64_t problemId) {
  return m_database.write([&](SqlSession& session) -> Result<std::vector<std::int64_t>> {
    auto rows =
        session.query("SELECT id FROM submissions WHERE problem_id = ? ORDER BY id", {problemId});
    if (!rows) return std::unexpected(rows.error());
    std::vector<std::int64_t> ids;
    ids.reserve(rows->size());
    for (const auto& row : *rows) {
      const std::int64_t id = row.int64(0);
      if (auto reset = resetOne(session, id); !reset) return std::unexpected(reset.error());
      ids.push_back(id);
    }
    return ids;
  });
}

}  // namespace arena::server::storage::sql
