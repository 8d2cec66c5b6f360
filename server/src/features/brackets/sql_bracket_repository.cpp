#include "features/brackets/sql_bracket_repository.hpp"

#include <string>

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::brackets {

namespace {

using storage::sql::enumColumn;
using storage::sql::enumText;
using storage::sql::firstRow;
using storage::sql::SqlRow;
using storage::sql::SqlRows;
using storage::sql::SqlSession;

constexpr std::string_view kSummary =
    "SELECT b.id, b.name, b.rated, b.status, b.champion_id, b.created_by, b.created_at, "
    "b.finished_at, (SELECT COUNT(*) FROM bracket_entrants e WHERE e.bracket_id = b.id) "
    "FROM brackets b ";

BracketSummary toSummary(const SqlRow& row) {
  BracketSummary summary;
  summary.id = row.int64(0);
  summary.name = row.text(1);
  summary.rated = row.boolean(2);
  summary.status = enumColumn(row, 3, BracketStatus::Running);
  summary.championId = row.optInt64(4);
  summary.createdBy = row.int64(5);
  summary.createdAt = row.timestamp(6);
  summary.finishedAt = row.optTimestamp(7);
  summary.playerCount = row.int32(8);
  return summary;
}

Result<BracketRecord> findIn(SqlSession& session, std::int64_t id) {
  auto summary = firstRow(session.query(std::string(kSummary) + "WHERE b.id = ?", {id}),
                          "bracket " + std::to_string(id), toSummary);
  if (!summary) return std::unexpected(summary.error());
  BracketRecord record;
  record.summary = std::move(*summary);

  auto entrants = session.query(
      "SELECT e.user_id, e.seed, e.seed_rating, u.username FROM bracket_entrants e "
      "JOIN users u ON u.id = e.user_id WHERE e.bracket_id = ? ORDER BY e.seed",
      {id});
  if (!entrants) return std::unexpected(entrants.error());
  for (const SqlRow& row : *entrants) {
    record.entrants.push_back({row.int64(0), row.int32(1), row.int32(2), row.text(3)});
  }

  auto problems = session.query(
      "SELECT problem_id FROM bracket_problems WHERE bracket_id = ? ORDER BY position", {id});
  if (!problems) return std::unexpected(problems.error());
  for (const SqlRow& row : *problems) record.problems.push_back(row.int64(0));

  auto slots = session.query(
      "SELECT round, position, player1_id, player2_id, match_id, winner_id, decided_by "
      "FROM bracket_slots WHERE bracket_id = ? ORDER BY round, position",
      {id});
  if (!slots) return std::unexpected(slots.error());
  for (const SqlRow& row : *slots) {
    Slot slot;
    slot.round = row.int32(0);
    slot.position = row.int32(1);
    slot.player1 = row.optInt64(2);
    slot.player2 = row.optInt64(3);
    slot.matchId = row.optInt64(4);
    slot.winnerId = row.optInt64(5);
    if (auto decided = row.optText(6)) slot.decidedBy = model::enumFromName<Decision>(*decided);
    record.slots.push_back(slot);
  }
  return record;
}

}  // namespace

Result<BracketRecord> SqlBracketRepository::create(const NewBracket& bracket) {
  return m_database.write([&](SqlSession& session) -> Result<BracketRecord> {
    auto made = session.execute(
        "INSERT INTO brackets (name, rated, status, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
        {bracket.name, bracket.rated, enumText(BracketStatus::Running), bracket.createdBy,
         bracket.createdAt});
    if (!made) return std::unexpected(made.error());
    const std::int64_t id = made->lastInsertId;
    for (const Entrant& entrant : bracket.entrants) {
      auto added = session.execute(
          "INSERT INTO bracket_entrants (bracket_id, user_id, seed, seed_rating) "
          "VALUES (?, ?, ?, ?)",
          {id, entrant.userId, entrant.seed, entrant.rating});
      if (!added) return std::unexpected(added.error());
    }
    for (std::size_t i = 0; i < bracket.problems.size(); ++i) {
      auto added = session.execute(
          "INSERT INTO bracket_problems (bracket_id, position, problem_id) VALUES (?, ?, ?)",
          {id, static_cast<std::int64_t>(i), bracket.problems[i]});
      if (!added) return std::unexpected(added.error());
    }
    for (const Slot& slot : bracket.slots) {
      std::optional<std::string> decided;
      if (slot.decidedBy) decided = enumText(*slot.decidedBy);
      std::optional<Timestamp> decidedAt;
      if (slot.winnerId) decidedAt = bracket.createdAt;
      auto added = session.execute(
          "INSERT INTO bracket_slots (bracket_id, round, position, player1_id, player2_id, "
          "match_id, winner_id, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, slot.round, slot.position, slot.player1, slot.player2, slot.matchId, slot.winnerId,
           decided, decidedAt});
      if (!added) return std::unexpected(added.error());
    }
    return findIn(session, id);
  });
}

Result<BracketRecord> SqlBracketRepository::find(std::int64_t id) {
  return m_database.read([&](SqlSession& session) { return findIn(session, id); });
}

Result<std::vector<BracketSummary>> SqlBracketRepository::list() {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<BracketSummary>> {
    auto rows = session.query(std::string(kSummary) + "ORDER BY b.id DESC");
    if (!rows) return std::unexpected(rows.error());
    std::vector<BracketSummary> out;
    for (const SqlRow& row : *rows) out.push_back(toSummary(row));
    return out;
  });
}

Result<std::vector<std::int64_t>> SqlBracketRepository::runningIds() {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<std::int64_t>> {
    auto rows = session.query("SELECT id FROM brackets WHERE status = ? ORDER BY id",
                              {enumText(BracketStatus::Running)});
    if (!rows) return std::unexpected(rows.error());
    std::vector<std::int64_t> out;
    for (const SqlRow& row : *rows) out.push_back(row.int64(0));
    return out;
  });
}

Result<std::optional<std::int64_t>> SqlBracketRepository::bracketOfMatch(std::int64_t matchId) {
  return m_database.read([&](SqlSession& session) -> Result<std::optional<std::int64_t>> {
    auto rows = session.query("SELECT bracket_id FROM bracket_slots WHERE match_id = ?", {matchId});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>{rows->front().int64(0)};
  });
}

Result<bool> SqlBracketRepository::decide(std::int64_t bracketId, int round, int position,
                                          std::int64_t winner, Decision decision,
                                          const std::optional<Seat>& next, Timestamp at) {
  return m_database.write([&](SqlSession& session) -> Result<bool> {
    // The guard makes the first decision win; the seat below is in the same transaction, so a
    // losing decision seats nobody.
    auto decided = session.execute(
        "UPDATE bracket_slots SET winner_id = ?, decided_by = ?, decided_at = ? "
        "WHERE bracket_id = ? AND round = ? AND position = ? AND winner_id IS NULL "
        "AND (player1_id = ? OR player2_id = ?)",
        {winner, enumText(decision), at, bracketId, round, position, winner, winner});
    if (!decided) return std::unexpected(decided.error());
    if (decided->affectedRows == 0) return false;
    if (next) {
      const std::string column = next->seat == 1 ? "player1_id" : "player2_id";
      auto seated = session.execute("UPDATE bracket_slots SET " + column +
                                        " = ? WHERE bracket_id = ? AND round = ? AND position = ?",
                                    {winner, bracketId, next->round, next->position});
      if (!seated) return std::unexpected(seated.error());
      if (seated->affectedRows == 0) {
        return fail(ErrorCode::Internal, "bracket " + std::to_string(bracketId) + " has no slot (" +
                                             std::to_string(next->round) + ", " +
                                             std::to_string(next->position) + ")");
      }
      return true;
    }
    auto finished = session.execute(
        "UPDATE brackets SET status = ?, champion_id = ?, finished_at = ? WHERE id = ?",
        {enumText(BracketStatus::Finished), winner, at, bracketId});
    if (!finished) return std::unexpected(finished.error());
    return true;
  });
}

Result<bool> SqlBracketRepository::attachMatch(std::int64_t bracketId, int round, int position,
                                               std::int64_t matchId) {
  return m_database.write([&](SqlSession& session) -> Result<bool> {
    auto attached = session.execute(
        "UPDATE bracket_slots SET match_id = ? WHERE bracket_id = ? AND round = ? AND "
        "position = ? AND match_id IS NULL AND winner_id IS NULL",
        {matchId, bracketId, round, position});
    if (!attached) return std::unexpected(attached.error());
    return attached->affectedRows > 0;
  });
}

}  // namespace arena::server::brackets
