#pragma once

#include "storage/leaderboard_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlLeaderboardRepository final : public LeaderboardRepository {
 public:
  explicit SqlLeaderboardRepository(SqlDatabase& database) : m_database(database) {}

  Result<std::vector<model::LeaderboardEntry>> top(int limit) override;
  Result<SnapshotOutcome> takeSnapshot(std::chrono::sys_days date, int limit) override;
  Result<std::vector<model::LeaderboardEntry>> snapshot(std::chrono::sys_days date) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
