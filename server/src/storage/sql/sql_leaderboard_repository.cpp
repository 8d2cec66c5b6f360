#include "storage/sql/sql_leaderboard_repository.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr int kMaxLimit = 10000;

// RANK() gives equal ratings an equal rank (1, 1, 3), computed over all contestants before LIMIT.
constexpr std::string_view kRanking =
    "SELECT RANK() OVER (ORDER BY u.rating DESC) AS position, u.id, u.username, u.rating, "
    "(SELECT COUNT(DISTINCT s.problem_id) FROM submissions s WHERE s.user_id = u.id AND s.verdict "
    "= 'AC') "
    "AS solved FROM users u WHERE u.role = 'contestant' ORDER BY u.rating DESC, u.id ASC LIMIT ?";

std::string dateText(std::chrono::sys_days date) {
  const std::chrono::year_month_day ymd{date};
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer.data();
}

Result<std::vector<model::LeaderboardEntry>> toEntries(Result<SqlRows> rows) {
  if (!rows) return std::unexpected(rows.error());
  std::vector<model::LeaderboardEntry> entries;
  entries.reserve(rows->size());
  for (const auto& row : *rows) {
    entries.push_back({row.int32(0), row.int64(1), row.text(2), row.int32(3), row.int32(4)});
  }
  return entries;
}

Result<std::int64_t> countSnapshot(SqlSession& session, const std::string& date) {
  auto rows =
      session.query("SELECT COUNT(*) FROM leaderboard_snapshots WHERE snapshot_date = ?", {date});
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : rows->front().int64(0);
}

}  // namespace

Result<std::vector<model::LeaderboardEntry>> SqlLeaderboardRepository::top(int limit) {
  const std::int64_t count = std::clamp(limit, 1, kMaxLimit);
  return m_database.read(
      [&](SqlSession& session) { return toEntries(session.query(kRanking, {count})); });
}

Result<SnapshotOutcome> SqlLeaderboardRepository::takeSnapshot(std::chrono::sys_days date,
                                                               int limit) {
  const std::int64_t count = std::clamp(limit, 1, kMaxLimit);
  const auto day = dateText(date);
  auto outcome = m_database.write([&](SqlSession& session) -> Result<SnapshotOutcome> {
    auto existing = countSnapshot(session, day);
    if (!existing) return std::unexpected(existing.error());
    if (*existing > 0) return SnapshotOutcome{false, static_cast<int>(*existing)};
    auto entries = toEntries(session.query(kRanking, {count}));
    if (!entries) return std::unexpected(entries.error());
    for (const auto& entry : *entries) {
      auto inserted = session.execute(
          "INSERT INTO leaderboard_snapshots (snapshot_date, user_id, `rank`, rating, solved) "
          "VALUES (?, ?, ?, ?, ?)",
          {day, entry.userId, entry.rank, entry.rating, entry.solved});
      if (!inserted) return std::unexpected(inserted.error());
    }
    return SnapshotOutcome{true, static_cast<int>(entries->size())};
  });
  if (!outcome && outcome.error().code == ErrorCode::Conflict) {
    // Another server took the same day's snapshot at the same moment: theirs stands.
    auto existing =
        m_database.read([&](SqlSession& session) { return countSnapshot(session, day); });
    if (!existing) return std::unexpected(existing.error());
    return SnapshotOutcome{false, static_cast<int>(*existing)};
  }
  return outcome;
}

Result<std::vector<model::LeaderboardEntry>> SqlLeaderboardRepository::snapshot(
    std::chrono::sys_days date) {
  const auto day = dateText(date);
  return m_database.read([&](SqlSession& session) {
    return toEntries(
        session.query("SELECT ls.`rank`, ls.user_id, u.username, ls.rating, ls.solved FROM "
                      "leaderboard_snapshots ls "
                      "JOIN users u ON u.id = ls.user_id WHERE ls.snapshot_date = ? ORDER BY "
                      "ls.`rank`, ls.user_id",
                      {day}));
  });
}

}  // namespace arena::server::storage::sql
