#include "storage/sql/sql_contest_repository.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "arena/protocol/json_codecs.hpp"
#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kSelectContest =
    "SELECT id, name, starts_at, duration_seconds, freeze_after_seconds, rules, is_public, "
    "unfrozen_at, ioi_scoring, offline_grace_seconds, allowed_cidr, created_at FROM contests ";

// Only submissions of users who are in one of the contest's teams count.
constexpr std::string_view kSelectSubmission =
    "SELECT s.id, s.contest_id, s.user_id, cp.team_id, s.problem_id, s.created_at, s.client_time, "
    "s.status, s.verdict, p.results_json FROM submissions s "
    "JOIN contest_participants cp ON cp.contest_id = s.contest_id AND cp.user_id = s.user_id "
    "JOIN submission_payloads p ON p.id = s.payload_key ";

constexpr std::string_view kBestSubtask = "best-subtask";
constexpr std::string_view kBestSubmission = "best-submission";

std::string_view scoringText(scoring::IoiScoring scoring) {
  return scoring == scoring::IoiScoring::BestSubmission ? kBestSubmission : kBestSubtask;
}

ContestRecord toRecord(const SqlRow& row) {
  ContestRecord record;
  auto& contest = record.contest;
  contest.id = row.int64(0);
  contest.name = row.text(1);
  contest.startsAt = row.timestamp(2);
  contest.durationSeconds = row.int32(3);
  if (!row.isNull(4)) contest.freezeAfterSeconds = row.int32(4);
  contest.rules = enumColumn(row, 5, model::ContestRules::Icpc);
  contest.isPublic = row.boolean(6);
  record.unfrozenAt = row.optTimestamp(7);
  record.ioiScoring = row.text(8) == kBestSubmission ? scoring::IoiScoring::BestSubmission
                                                     : scoring::IoiScoring::BestPerSubtask;
  record.offlineGraceSeconds = row.int32(9);
  record.allowedCidr = row.optText(10);
  record.createdAt = row.timestamp(11);
  return record;
}

Result<void> loadProblems(SqlSession& session, ContestRecord& record) {
  auto rows = session.query(
      "SELECT problem_id, label, color FROM contest_problems WHERE contest_id = ? "
      "ORDER BY ordinal",
      {record.contest.id});
  if (!rows) return std::unexpected(rows.error());
  record.contest.problems.clear();
  for (const auto& row : *rows)
    record.contest.problems.push_back({row.int64(0), row.text(1), row.text(2)});
  return {};
}

Result<ContestRecord> loadContest(SqlSession& session, std::int64_t id) {
  std::string sql{kSelectContest};
  sql += "WHERE id = ?";
  auto record =
      firstRow(session.query(sql, {id}), "contest " + std::to_string(id), toRecord);
  if (!record) return record;
  if (auto problems = loadProblems(session, *record); !problems)
    return std::unexpected(problems.error());
  return record;
}

// Duplicates are refused here with a clear message rather than as a bare unique violation.
Result<void> checkProblems(const model::Contest& contest) {
  std::set<std::string> labels;
  std::set<std::int64_t> ids;
  for (const auto& problem : contest.problems) {
    if (!labels.insert(problem.label).second)
      return fail(ErrorCode::Conflict, "label '" + problem.label + "' is used twice");
    if (!ids.insert(problem.problemId).second)
      return fail(ErrorCode::Conflict,
                  "problem " + std::to_string(problem.problemId) + " is listed twice");
  }
  return {};
}

Result<void> writeProblems(SqlSession& session, std::int64_t contestId,
                           const model::Contest& contest) {
  if (auto removed =
          session.execute("DELETE FROM contest_problems WHERE contest_id = ?", {contestId});
      !removed)
    return std::unexpected(removed.error());
  std::int32_t ordinal = 0;
  for (const auto& problem : contest.problems) {
    auto exists = session.query("SELECT id FROM problems WHERE id = ?", {problem.problemId});
    if (!exists) return std::unexpected(exists.error());
    if (exists->empty())
      return fail(ErrorCode::NotFound,
                  "problem " + std::to_string(problem.problemId) + " not found");
    auto inserted = session.execute(
        "INSERT INTO contest_problems (contest_id, problem_id, ordinal, label, color) "
        "VALUES (?, ?, ?, ?, ?)",
        {contestId, problem.problemId, ++ordinal, problem.label, problem.color});
    if (!inserted) return std::unexpected(inserted.error());
  }
  return {};
}

ContestSubmission toSubmission(const SqlRow& row) {
  ContestSubmission submission;
  submission.id = row.int64(0);
  submission.contestId = row.int64(1);
  submission.userId = row.int64(2);
  submission.teamId = row.int64(3);
  submission.problemId = row.int64(4);
  submission.createdAt = row.timestamp(5);
  submission.clientTime = row.optTimestamp(6);
  submission.status = enumColumn(row, 7, model::SubmissionStatus::Queued);
  if (!row.isNull(8)) submission.verdict = model::enumFromName<model::Verdict>(row.text(8));
  const auto results = nlohmann::json::parse(row.text(9), nullptr, false);
  if (results.is_array()) {
    for (const auto& item : results)
      if (auto test = protocol::testResultFromJson(item)) submission.tests.push_back(*test);
  }
  return submission;
}

}  // namespace

Result<ContestRecord> SqlContestRepository::create(const ContestRecord& input) {
  if (auto checked = checkProblems(input.contest); !checked) return std::unexpected(checked.error());
  const auto& contest = input.contest;
  return m_database.write([&](SqlSession& session) -> Result<ContestRecord> {
    auto inserted = session.execute(
        "INSERT INTO contests (name, starts_at, duration_seconds, freeze_after_seconds, rules, "
        "is_public, ioi_scoring, offline_grace_seconds, allowed_cidr, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {contest.name, contest.startsAt, contest.durationSeconds, contest.freezeAfterSeconds,
         enumText(contest.rules), contest.isPublic, scoringText(input.ioiScoring),
         input.offlineGraceSeconds, input.allowedCidr, now()});
    if (!inserted) return std::unexpected(inserted.error());
    const std::int64_t id = inserted->lastInsertId;
    if (auto problems = writeProblems(session, id, contest); !problems)
      return std::unexpected(problems.error());
    return loadContest(session, id);
  });
}

Result<ContestRecord> SqlContestRepository::update(std::int64_t id, const ContestRecord& input) {
  if (auto checked = checkProblems(input.contest); !checked) return std::unexpected(checked.error());
  const auto& contest = input.contest;
  return m_database.write([&](SqlSession& session) -> Result<ContestRecord> {
    auto updated = session.execute(
        "UPDATE contests SET name = ?, starts_at = ?, duration_seconds = ?, "
        "freeze_after_seconds = ?, rules = ?, is_public = ?, ioi_scoring = ?, "
        "offline_grace_seconds = ?, allowed_cidr = ? WHERE id = ?",
        {contest.name, contest.startsAt, contest.durationSeconds, contest.freezeAfterSeconds,
         enumText(contest.rules), contest.isPublic, scoringText(input.ioiScoring),
         input.offlineGraceSeconds, input.allowedCidr, id});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows == 0)
      return fail(ErrorCode::NotFound, "contest " + std::to_string(id) + " not found");
    if (auto problems = writeProblems(session, id, contest); !problems)
      return std::unexpected(problems.error());
    return loadContest(session, id);
  });
}

Result<ContestRecord> SqlContestRepository::findById(std::int64_t id) {
  return m_database.read([&](SqlSession& session) { return loadContest(session, id); });
}

Result<std::vector<ContestRecord>> SqlContestRepository::list() {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<ContestRecord>> {
    std::string sql{kSelectContest};
    sql += "ORDER BY starts_at DESC, id DESC";
    auto rows = session.query(sql);
    if (!rows) return std::unexpected(rows.error());
    std::vector<ContestRecord> records;
    for (const auto& row : *rows) {
      records.push_back(toRecord(row));
      if (auto problems = loadProblems(session, records.back()); !problems)
        return std::unexpected(problems.error());
    }
    return records;
  });
}

Result<ContestRecord> SqlContestRepository::setUnfrozenAt(std::int64_t id,
                                                          std::optional<Timestamp> at) {
  return m_database.write([&](SqlSession& session) -> Result<ContestRecord> {
    auto updated = session.execute("UPDATE contests SET unfrozen_at = ? WHERE id = ?", {at, id});
    if (!updated) return std::unexpected(updated.error());
    return loadContest(session, id);
  });
}

Result<ContestTeam> SqlContestRepository::addTeam(std::int64_t contestId, const std::string& name,
                                                  const std::vector<std::int64_t>& userIds) {
  if (userIds.empty()) return fail(ErrorCode::InvalidArgument, "a team needs at least one member");
  if (std::set<std::int64_t>(userIds.begin(), userIds.end()).size() != userIds.size())
    return fail(ErrorCode::InvalidArgument, "a team lists a member twice");
  auto id = m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto contest = session.query("SELECT id FROM contests WHERE id = ?", {contestId});
    if (!contest) return std::unexpected(contest.error());
    if (contest->empty())
      return fail(ErrorCode::NotFound, "contest " + std::to_string(contestId) + " not found");
    for (const auto userId : userIds) {
      auto user = session.query("SELECT id FROM users WHERE id = ?", {userId});
      if (!user) return std::unexpected(user.error());
      if (user->empty())
        return fail(ErrorCode::NotFound, "user " + std::to_string(userId) + " not found");
      auto taken = session.query(
          "SELECT 1 FROM contest_participants WHERE contest_id = ? AND user_id = ?",
          {contestId, userId});
      if (!taken) return std::unexpected(taken.error());
      if (!taken->empty())
        return fail(ErrorCode::Conflict, "user " + std::to_string(userId) +
                                             " already takes part in contest " +
                                             std::to_string(contestId));
    }
    auto team = session.execute(
        "INSERT INTO contest_teams (contest_id, name, created_at) VALUES (?, ?, ?)",
        {contestId, name, now()});
    if (!team) {
      if (team.error().code == ErrorCode::Conflict)
        return fail(ErrorCode::Conflict, "a team named '" + name + "' already takes part");
      return std::unexpected(team.error());
    }
    for (const auto userId : userIds) {
      auto member = session.execute(
          "INSERT INTO contest_participants (contest_id, user_id, registered_at, team_id) "
          "VALUES (?, ?, ?, ?)",
          {contestId, userId, now(), team->lastInsertId});
      if (!member) return std::unexpected(member.error());
    }
    return team->lastInsertId;
  });
  if (!id) return std::unexpected(id.error());
  auto all = teams(contestId);
  if (!all) return std::unexpected(all.error());
  for (auto& team : *all)
    if (team.id == *id) return std::move(team);
  return fail(ErrorCode::Internal, "team " + std::to_string(*id) + " vanished");
}

Result<std::vector<ContestTeam>> SqlContestRepository::teams(std::int64_t contestId) {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<ContestTeam>> {
    auto rows = session.query(
        "SELECT t.id, t.name, u.id, u.username FROM contest_teams t "
        "JOIN contest_participants cp ON cp.team_id = t.id "
        "JOIN users u ON u.id = cp.user_id WHERE t.contest_id = ? ORDER BY t.id, u.id",
        {contestId});
    if (!rows) return std::unexpected(rows.error());
    std::vector<ContestTeam> teams;
    for (const auto& row : *rows) {
      if (teams.empty() || teams.back().id != row.int64(0))
        teams.push_back({row.int64(0), row.text(1), {}});
      teams.back().members.push_back({row.int64(2), row.text(3)});
    }
    return teams;
  });
}

Result<std::optional<std::int64_t>> SqlContestRepository::teamOf(std::int64_t contestId,
                                                                 std::int64_t userId) {
  return m_database.read([&](SqlSession& session) -> Result<std::optional<std::int64_t>> {
    auto rows = session.query(
        "SELECT team_id FROM contest_participants WHERE contest_id = ? AND user_id = ?",
        {contestId, userId});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty() || rows->front().isNull(0)) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{rows->front().int64(0)};
  });
}

Result<std::vector<ContestSubmission>> SqlContestRepository::submissions(std::int64_t contestId) {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<ContestSubmission>> {
    std::string sql{kSelectSubmission};
    sql += "WHERE s.contest_id = ? AND cp.team_id IS NOT NULL ORDER BY s.id";
    auto rows = session.query(sql, {contestId});
    if (!rows) return std::unexpected(rows.error());
    std::vector<ContestSubmission> submissions;
    submissions.reserve(rows->size());
    for (const auto& row : *rows) submissions.push_back(toSubmission(row));
    return submissions;
  });
}

Result<ContestSubmission> SqlContestRepository::findSubmission(std::int64_t submissionId) {
  return m_database.read([&](SqlSession& session) {
    std::string sql{kSelectSubmission};
    sql += "WHERE s.id = ? AND cp.team_id IS NOT NULL";
    return firstRow(session.query(sql, {submissionId}),
                    "contest submission " + std::to_string(submissionId), toSubmission);
  });
}

Result<std::unordered_map<std::int64_t, std::int32_t>> SqlContestRepository::testCounts(
    std::int64_t contestId) {
  using Counts = std::unordered_map<std::int64_t, std::int32_t>;
  return m_database.read([&](SqlSession& session) -> Result<Counts> {
    auto rows = session.query(
        "SELECT cp.problem_id, COUNT(t.id) FROM contest_problems cp "
        "LEFT JOIN test_cases t ON t.problem_id = cp.problem_id WHERE cp.contest_id = ? "
        "GROUP BY cp.problem_id",
        {contestId});
    if (!rows) return std::unexpected(rows.error());
    Counts counts;
    for (const auto& row : *rows) counts[row.int64(0)] = row.int32(1);
    return counts;
  });
}

}  // namespace arena::server::storage::sql
