#include "storage/sql/sql_clarification_repository.hpp"

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, contest_id, problem_id, from_user_id, question, answer, answered_by, visibility, "
    "created_at, answered_at FROM clarifications ";

constexpr std::string_view kAll = "all";
constexpr std::string_view kPrivate = "private";

Clarification toClarification(const SqlRow& row) {
  Clarification clarification;
  clarification.id = row.int64(0);
  clarification.contestId = row.optInt64(1);
  clarification.problemId = row.optInt64(2);
  clarification.fromUserId = row.int64(3);
  clarification.question = row.optText(4);
  clarification.answer = row.optText(5);
  clarification.answeredBy = row.optInt64(6);
  clarification.toAll = row.text(7) == kAll;
  clarification.createdAt = row.timestamp(8);
  clarification.answeredAt = row.optTimestamp(9);
  return clarification;
}

Result<std::vector<Clarification>> toList(Result<SqlRows> rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<Clarification> list;
  list.reserve(rows->size());
  for (const auto& row : *rows) list.push_back(toClarification(row));
  return list;
}

Result<Clarification> byId(SqlSession& session, std::int64_t id) {
  return firstRow(session.query(std::string{kColumns} + "WHERE id = ?", {id}),
                  "clarification " + std::to_string(id), toClarification);
}

}  // namespace

Result<Clarification> SqlClarificationRepository::ask(const NewQuestion& question, Timestamp at) {
  return m_database.write([&](SqlSession& session) -> Result<Clarification> {
    auto inserted = session.execute(
        "INSERT INTO clarifications (contest_id, problem_id, from_user_id, question, visibility, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {question.contestId, question.problemId, question.fromUserId, question.question, kPrivate,
         at});
    if (!inserted) return std::unexpected(inserted.error());
    return byId(session, inserted->lastInsertId);
  });
}

Result<Clarification> SqlClarificationRepository::announce(const NewAnnouncement& announcement,
                                                           Timestamp at) {
  return m_database.write([&](SqlSession& session) -> Result<Clarification> {
    auto inserted = session.execute(
        "INSERT INTO clarifications (contest_id, problem_id, from_user_id, question, answer, "
        "answered_by, visibility, created_at, answered_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)",
        {announcement.contestId, announcement.problemId, announcement.fromUserId,
         announcement.text, announcement.fromUserId, kAll, at, at});
    if (!inserted) return std::unexpected(inserted.error());
    return byId(session, inserted->lastInsertId);
  });
}

Result<Clarification> SqlClarificationRepository::answer(std::int64_t id, std::int64_t answeredBy,
                                                         const std::string& answer, bool toAll,
                                                         Timestamp at) {
  return m_database.write([&](SqlSession& session) -> Result<Clarification> {
    auto current = byId(session, id);
    if (!current) return std::unexpected(current.error());
    if (current->isAnnouncement()) {
      return fail(ErrorCode::Conflict, "an announcement has no question to answer");
    }
    auto updated = session.execute(
        "UPDATE clarifications SET answer = ?, answered_by = ?, visibility = ?, answered_at = ? "
        "WHERE id = ?",
        {answer, answeredBy, toAll ? kAll : kPrivate, at, id});
    if (!updated) return std::unexpected(updated.error());
    return byId(session, id);
  });
}

Result<Clarification> SqlClarificationRepository::findById(std::int64_t id) {
  return m_database.read([&](SqlSession& session) { return byId(session, id); });
}

Result<std::vector<Clarification>> SqlClarificationRepository::listForContest(
    std::int64_t contestId) {
  return m_database.read([&](SqlSession& session) {
    return toList(
        session.query(std::string{kColumns} + "WHERE contest_id = ? ORDER BY id", {contestId}));
  });
}

Result<std::vector<Clarification>> SqlClarificationRepository::listVisibleTo(
    std::int64_t contestId, std::int64_t userId) {
  return m_database.read([&](SqlSession& session) {
    return toList(session.query(std::string{kColumns} +
                                    "WHERE contest_id = ? AND (from_user_id = ? OR visibility = ?) "
                                    "ORDER BY id",
                                {contestId, userId, kAll}));
  });
}

}  // namespace arena::server::storage::sql
