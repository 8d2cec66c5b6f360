#pragma once

#include <chrono>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/leaderboard_entry.hpp"

namespace arena::server::storage {

struct SnapshotOutcome {
  bool taken = false;  // false: a snapshot for that date already existed and was kept
  int entries = 0;     // rows in the snapshot for that date
};

// Contestants ranked by rating (ties share a rank, ordered by user id); `solved` counts distinct
// problems with an accepted submission. Proctors and admins are not ranked.
class LeaderboardRepository {
 public:
  virtual ~LeaderboardRepository() = default;

  virtual Result<std::vector<model::LeaderboardEntry>> top(int limit) = 0;
  // Stores today's top `limit` as the snapshot of `date`; idempotent per date.
  virtual Result<SnapshotOutcome> takeSnapshot(std::chrono::sys_days date, int limit) = 0;
  // Empty when no snapshot was taken that day.
  virtual Result<std::vector<model::LeaderboardEntry>> snapshot(std::chrono::sys_days date) = 0;
};

}  // namespace arena::server::storage
