#pragma once
// The leaderboard as the API serves it: the live top list and the daily snapshot.
//
// Theory of operation
//   GET /api/leaderboard/top is read far more often than ratings change, so its body is
//   serialised once per distinct `limit` and handed out as shared bytes. The cache holds a few
//   limits (clients use one or two), is emptied by invalidate() when ratings change, and each
//   entry also expires after a short TTL, because `solved` counts change with every accepted
//   submission and nobody calls invalidate() for those. A generation number keeps a list built
//   before an invalidate() from being stored after it.
//   Snapshots are per UTC day and idempotent in storage: taking today's twice keeps the first.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "storage/leaderboard_repository.hpp"

namespace arena::server::leaderboard {

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// The ranked list shared by replicas (scaleout::RedisLeaderboardCache, a sorted set): entries
// serialised with toJson, best first. Unreachable counts as not cached.
class SharedTopCache {
 public:
  virtual ~SharedTopCache() = default;
  // The first `limit` entries, or nothing when the list is not cached.
  virtual std::optional<std::vector<std::string>> top(int limit) = 0;
  virtual void store(const std::vector<std::string>& entries, std::chrono::milliseconds ttl) = 0;
  virtual void invalidate() = 0;
};

constexpr int kDefaultTop = 50;
constexpr int kMaxTop = 100;

struct LeaderboardOptions {
  std::chrono::milliseconds cacheTtl{5000};
  std::size_t maxCachedLimits = 4;
  int snapshotSize = kMaxTop;  // entries kept in a daily snapshot
  WallClock now;               // TTL and "today" (UTC); the system clock when empty
  // With Redis: the top kMaxTop kept for every replica (same TTL), read before storage.
  std::shared_ptr<SharedTopCache> shared;
};

// takeSnapshotNow(): whether this call took it, and the day's snapshot either way.
struct SnapshotTaken {
  bool taken = false;
  nlohmann::json body;  // {"date", "entries"}
};

class LeaderboardService {
 public:
  explicit LeaderboardService(storage::LeaderboardRepository& repository,
                              LeaderboardOptions options = {});

  // {"entries":[...]} as bytes; InvalidArgument unless 1 <= limit <= kMaxTop.
  Result<std::shared_ptr<const std::string>> top(int limit);
  // Ratings changed: the next top() reads storage again.
  void invalidate();

  // {"date":"YYYY-MM-DD","entries":[...]}; NotFound before today's snapshot is taken.
  Result<nlohmann::json> snapshotToday();
  Result<SnapshotTaken> takeSnapshotNow();
  Result<storage::SnapshotOutcome> takeSnapshot(std::chrono::sys_days date);

  std::chrono::sys_days today() const;

 private:
  struct CachedTop {
    std::shared_ptr<const std::string> bytes;
    std::chrono::system_clock::time_point storedAt;
  };

  bool fresh(const CachedTop& entry, std::chrono::system_clock::time_point now) const;
  // The serialised entries of top(limit): from the shared cache, else storage (filling it).
  Result<std::vector<std::string>> topEntries(int limit);
  Result<nlohmann::json> snapshotBody(std::chrono::sys_days date);

  storage::LeaderboardRepository& m_repository;
  LeaderboardOptions m_options;
  std::mutex m_mutex;
  std::map<int, CachedTop> m_cache;
  std::uint64_t m_generation = 0;
};

// "2026-11-26"
std::string formatDate(std::chrono::sys_days date);

}  // namespace arena::server::leaderboard
