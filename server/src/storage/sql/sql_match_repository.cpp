#include "storage/sql/sql_match_repository.hpp"

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, player1_id, player2_id, problem_id, status, winner_id, started_at, ended_at FROM "
    "matches WHERE id = ?";

model::Match toMatch(const SqlRow& row) {
  model::Match match;
  match.id = row.int64(0);
  match.player1Id = row.int64(1);
  match.player2Id = row.int64(2);
  match.problemId = row.int64(3);
  match.status = enumColumn(row, 4, model::MatchStatus::Pending);
  match.winnerId = row.optInt64(5);
  match.startedAt = row.optTimestamp(6);
  match.endedAt = row.optTimestamp(7);
  return match;
}

bool hasEnded(model::MatchStatus status) {
  return status == model::MatchStatus::Finished || status == model::MatchStatus::Cancelled;
}

}  // namespace

Result<model::Match> SqlMatchRepository::create(const NewMatch& match) {
  if (match.player1Id == match.player2Id)
    return fail(ErrorCode::InvalidArgument, "a match needs two different players");
  if (hasEnded(match.status))
    return fail(ErrorCode::InvalidArgument, "a new match cannot have ended");
  auto id = m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto inserted = session.execute(
        "INSERT INTO matches (player1_id, player2_id, problem_id, status, started_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {match.player1Id, match.player2Id, match.problemId, enumText(match.status), match.startedAt,
         now()});
    if (!inserted) return std::unexpected(inserted.error());
    return inserted->lastInsertId;
  });
  if (!id) return std::unexpected(id.error());
  return model::Match{*id,          match.player1Id, match.player2Id, match.problemId,
                      match.status, std::nullopt,    match.startedAt, std::nullopt};
}

Result<model::Match> SqlMatchRepository::findById(std::int64_t id) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(kSelect, {id}), "match " + std::to_string(id), toMatch);
  });
}

Result<std::optional<model::Match>> SqlMatchRepository::activeFor(std::int64_t userId) {
  const auto pending = enumText(model::MatchStatus::Pending);
  const auto active = enumText(model::MatchStatus::Active);
  return m_database.read([&](SqlSession& session) -> Result<std::optional<model::Match>> {
    // Two single-column lookups (each uses its player index) instead of an OR across both.
    std::optional<model::Match> newest;
    for (const char* column : {"player1_id", "player2_id"}) {
      auto rows = session.query(
          "SELECT id, player1_id, player2_id, problem_id, status, winner_id, started_at, "
          "ended_at FROM matches WHERE " + std::string(column) +
              " = ? AND status IN (?, ?) ORDER BY id DESC LIMIT 1",
          {userId, pending, active});
      if (!rows) return std::unexpected(rows.error());
      if (rows->empty()) continue;
      model::Match match = toMatch(rows->front());
      if (!newest || match.id > newest->id) newest = match;
    }
    return newest;
  });
}

Result<model::Match> SqlMatchRepository::finish(std::int64_t id,
                                                std::optional<std::int64_t> winnerId,
                                                Timestamp endedAt) {
  return end(id, model::MatchStatus::Finished, winnerId, endedAt);
}

Result<model::Match> SqlMatchRepository::cancel(std::int64_t id, Timestamp endedAt) {
  return end(id, model::MatchStatus::Cancelled, std::nullopt, endedAt);
}

Result<model::Match> SqlMatchRepository::end(std::int64_t id, model::MatchStatus status,
                                             std::optional<std::int64_t> winnerId,
                                             Timestamp endedAt) {
  const auto pending = enumText(model::MatchStatus::Pending);
  const auto active = enumText(model::MatchStatus::Active);
  return m_database.write([&](SqlSession& session) -> Result<model::Match> {
    // The status guard makes the first ending win when two arrive together.
    auto updated = session.execute(
        "UPDATE matches SET status = ?, winner_id = ?, ended_at = ? WHERE id = ? AND status IN (?, "
        "?) "
        "AND (? IS NULL OR ? IN (player1_id, player2_id))",
        {enumText(status), winnerId, endedAt, id, pending, active, winnerId, winnerId});
    if (!updated) return std::unexpected(updated.error());
    auto match = firstRow(session.query(kSelect, {id}), "match " + std::to_string(id), toMatch);
    if (!match) return match;
    if (updated->affectedRows == 0) {
      if (hasEnded(match->status))
        return fail(ErrorCode::Conflict, "match " + std::to_string(id) + " has already ended");
      return fail(ErrorCode::InvalidArgument, "the winner must be one of the match's players");
    }
    return match;
  });
}

}  // namespace arena::server::storage::sql
