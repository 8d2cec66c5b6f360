#pragma once
// The leaderboard's shared cache: the ranked list as a sorted set in Redis, so replicas read
// storage once per TTL between them instead of once each.
//
// Theory of operation
//   <prefix>:leaderboard:top holds the serialised entries with their position as score, plus an
//   empty member at score -1 that marks the list as stored (an empty leaderboard is a cached
//   answer too). store() replaces the whole set in one script and gives it the TTL; top(n) is
//   one ZRANGE 0..n (the marker and n entries). invalidate() deletes the key, for every
//   replica at once (replicas' own byte caches still live out their short TTL).
//   Redis unreachable: top() answers "not cached", store() and invalidate() do nothing; the
//   service reads storage as it would without Redis.

#include "features/leaderboard/leaderboard_service.hpp"
#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout {

class RedisLeaderboardCache final : public leaderboard::SharedTopCache {
 public:
  RedisLeaderboardCache(RedisUrl url, RedisOptions redis = {}, std::string prefix = "arena");

  std::optional<std::vector<std::string>> top(int limit) override;
  void store(const std::vector<std::string>& entries, std::chrono::milliseconds ttl) override;
  void invalidate() override;

 private:
  std::string m_key;
  RedisPool m_pool;
};

}  // namespace arena::server::scaleout
