#include "features/duels/sql_duel_repository.hpp"

#include <string>

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::duels {

namespace {

using storage::sql::enumColumn;
using storage::sql::enumText;
using storage::sql::firstRow;
using storage::sql::SqlRow;
using storage::sql::SqlRows;
using storage::sql::SqlSession;

constexpr std::string_view kColumns =
    "SELECT id, player1_id, player2_id, problem_id, status, winner_id, started_at, ended_at, "
    "rated, ends_at, end_reason FROM matches ";

Duel toDuel(const SqlRow& row) {
  Duel duel;
  duel.match.id = row.int64(0);
  duel.match.player1Id = row.int64(1);
  duel.match.player2Id = row.int64(2);
  duel.match.problemId = row.int64(3);
  duel.match.status = enumColumn(row, 4, model::MatchStatus::Pending);
  duel.match.winnerId = row.optInt64(5);
  duel.match.startedAt = row.optTimestamp(6);
  duel.match.endedAt = row.optTimestamp(7);
  duel.rated = row.boolean(8);
  duel.endsAt = row.optTimestamp(9);
  if (auto reason = row.optText(10)) duel.endReason = model::enumFromName<EndReason>(*reason);
  return duel;
}

RatingPoint toPoint(const SqlRow& row) {
  RatingPoint point;
  point.userId = row.int64(0);
  point.matchId = row.optInt64(1);
  point.rating = row.int32(2);
  if (!row.isNull(3)) point.previousRating = row.int32(3);
  point.ratingDeviation = row.real(4);
  point.volatility = row.real(5);
  point.changedAt = row.timestamp(6);
  return point;
}

template <class T, class Map>
Result<std::vector<T>> mapRows(Result<SqlRows> rows, Map map) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<T> out;
  out.reserve(rows->size());
  for (const SqlRow& row : *rows) out.push_back(map(row));
  return out;
}

Result<Duel> findIn(SqlSession& session, std::int64_t matchId) {
  return firstRow(session.query(std::string(kColumns) + "WHERE id = ?", {matchId}),
                  "match " + std::to_string(matchId), toDuel);
}

// Why an UPDATE guarded by "still open" matched nothing.
Error notOpen(SqlSession& session, std::int64_t matchId) {
  auto duel = findIn(session, matchId);
  if (!duel) return duel.error();
  return Error{ErrorCode::Conflict, "match " + std::to_string(matchId) + " has already ended"};
}

constexpr std::string_view kRatingPoint =
    "SELECT user_id, match_id, rating, previous_rating, rating_deviation, volatility, changed_at "
    "FROM rating_history ";

}  // namespace

Result<Duel> SqlDuelRepository::schedule(std::int64_t matchId, const DuelSchedule& schedule) {
  return m_database.write([&](SqlSession& session) -> Result<Duel> {
    auto updated = session.execute(
        "UPDATE matches SET rated = ?, started_at = ?, ends_at = ? WHERE id = ? AND status IN "
        "('pending', 'active')",
        {schedule.rated, schedule.startsAt, schedule.endsAt, matchId});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows == 0) return std::unexpected(notOpen(session, matchId));
    return findIn(session, matchId);
  });
}

Result<Duel> SqlDuelRepository::find(std::int64_t matchId) {
  return m_database.read([&](SqlSession& session) { return findIn(session, matchId); });
}

Result<std::vector<Duel>> SqlDuelRepository::listOpen() {
  return m_database.read([&](SqlSession& session) {
    return mapRows<Duel>(
        session.query(std::string(kColumns) +
                      "WHERE status IN ('pending', 'active') AND ends_at IS NOT NULL ORDER BY id"),
        toDuel);
  });
}

Result<std::vector<Duel>> SqlDuelRepository::openFor(std::int64_t userId, std::int64_t problemId) {
  return m_database.read([&](SqlSession& session) {
    return mapRows<Duel>(
        session.query(std::string(kColumns) +
                          "WHERE status IN ('pending', 'active') AND ends_at IS NOT NULL AND "
                          "problem_id = ? AND (player1_id = ? OR player2_id = ?) ORDER BY id",
                      {problemId, userId, userId}),
        toDuel);
  });
}

Result<std::vector<Attempt>> SqlDuelRepository::attempts(std::int64_t problemId,
                                                         std::array<std::int64_t, 2> players,
                                                         Timestamp from, Timestamp to) {
  return m_database.read([&](SqlSession& session) {
    return mapRows<Attempt>(
        session.query("SELECT id, user_id, status, verdict, created_at FROM submissions "
                      "WHERE problem_id = ? AND user_id IN (?, ?) AND created_at >= ? AND "
                      "created_at < ? ORDER BY created_at, id",
                      {problemId, players[0], players[1], from, to}),
        [](const SqlRow& row) {
          Attempt attempt;
          attempt.id = row.int64(0);
          attempt.userId = row.int64(1);
          attempt.status = enumColumn(row, 2, model::SubmissionStatus::Queued);
          if (auto verdict = row.optText(3)) {
            attempt.verdict = model::enumFromName<model::Verdict>(*verdict);
          }
          attempt.createdAt = row.timestamp(4);
          return attempt;
        });
  });
}

Result<Duel> SqlDuelRepository::end(std::int64_t matchId, const DuelEnding& ending) {
  const auto finished = enumText(model::MatchStatus::Finished);
  const auto reason = enumText(ending.reason);
  return m_database.write([&](SqlSession& session) -> Result<Duel> {
    // The status guard makes the first ending win when replicas race; the ratings below are in
    // the same transaction, so a losing ending changes nobody's rating.
    auto updated = session.execute(
        "UPDATE matches SET status = ?, winner_id = ?, ended_at = ?, end_reason = ? "
        "WHERE id = ? AND status IN ('pending', 'active') "
        "AND (? IS NULL OR ? IN (player1_id, player2_id))",
        {finished, ending.winnerId, ending.endedAt, reason, matchId, ending.winnerId,
         ending.winnerId});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows == 0) {
      Error why = notOpen(session, matchId);
      if (why.code == ErrorCode::Conflict) {
        auto duel = findIn(session, matchId);
        if (duel && duel->isOpen()) {
          return fail(ErrorCode::InvalidArgument, "the winner must be one of the match's players");
        }
      }
      return std::unexpected(why);
    }
    for (const DuelRatingChange& change : ending.ratings) {
      auto rated = session.execute(
          "UPDATE users SET rating = ?, rating_deviation = ?, volatility = ? WHERE id = ?",
          {change.rating, change.ratingDeviation, change.volatility, change.userId});
      if (!rated) return std::unexpected(rated.error());
      if (rated->affectedRows == 0) {
        return fail(ErrorCode::NotFound, "user " + std::to_string(change.userId) + " not found");
      }
      auto logged = session.execute(
          "INSERT INTO rating_history (user_id, match_id, rating, previous_rating, "
          "rating_deviation, volatility, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {change.userId, matchId, change.rating, change.previousRating, change.ratingDeviation,
           change.volatility, ending.endedAt});
      if (!logged) return std::unexpected(logged.error());
    }
    return findIn(session, matchId);
  });
}

Result<std::vector<RatingPoint>> SqlDuelRepository::ratingHistory(std::int64_t userId) {
  return m_database.read([&](SqlSession& session) {
    return mapRows<RatingPoint>(
        session.query(std::string(kRatingPoint) + "WHERE user_id = ? ORDER BY changed_at, id",
                      {userId}),
        toPoint);
  });
}

Result<std::vector<RatingPoint>> SqlDuelRepository::ratingChanges(std::int64_t matchId) {
  return m_database.read([&](SqlSession& session) {
    return mapRows<RatingPoint>(
        session.query(std::string(kRatingPoint) + "WHERE match_id = ? ORDER BY user_id",
                      {matchId}),
        toPoint);
  });
}

}  // namespace arena::server::duels
