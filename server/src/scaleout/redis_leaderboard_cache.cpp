#include "scaleout/redis_leaderboard_cache.hpp"

#include "http/json_log.hpp"

namespace arena::server::scaleout {

namespace {

// KEYS: the set. ARGV: ttl ms, then the entries best first.
const RedisScript kStoreScript(R"(
redis.call('DEL', KEYS[1])
redis.call('ZADD', KEYS[1], -1, '')
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], i - 2, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return #ARGV - 1
)");

void logWarn(const std::string& event, const Error& error) {
  http::logJsonLine({{"level", "warn"},
                     {"event", event},
                     {"component", "redis_leaderboard_cache"},
                     {"message", error.message}});
}

}  // namespace

RedisLeaderboardCache::RedisLeaderboardCache(RedisUrl url, RedisOptions redis, std::string prefix)
    : m_key(prefix + ":leaderboard:top"), m_pool(std::move(url), redis) {}

std::optional<std::vector<std::string>> RedisLeaderboardCache::top(int limit) {
  if (limit < 1) return std::vector<std::string>{};
  auto client = m_pool.acquire();
  auto reply = client->command({"ZRANGE", m_key, "0", std::to_string(limit)});
  if (!reply) {
    logWarn("leaderboard_cache_read_failed", reply.error());
    return std::nullopt;
  }
  // The marker first, or the list is not stored (expired, invalidated, never).
  if (reply->elements.empty() || !reply->elements[0].str.empty()) return std::nullopt;
  std::vector<std::string> entries;
  entries.reserve(reply->elements.size() - 1);
  for (std::size_t i = 1; i < reply->elements.size(); ++i) {
    entries.push_back(std::move(reply->elements[i].str));
  }
  return entries;
}

void RedisLeaderboardCache::store(const std::vector<std::string>& entries,
                                  std::chrono::milliseconds ttl) {
  std::vector<std::string> args{std::to_string(std::max<long long>(1, ttl.count()))};
  args.insert(args.end(), entries.begin(), entries.end());
  auto client = m_pool.acquire();
  if (auto stored = kStoreScript.run(*client, {m_key}, std::move(args)); !stored) {
    logWarn("leaderboard_cache_store_failed", stored.error());
  }
}

void RedisLeaderboardCache::invalidate() {
  auto client = m_pool.acquire();
  if (auto removed = client->command({"DEL", m_key}); !removed) {
    logWarn("leaderboard_cache_invalidate_failed", removed.error());
  }
}

}  // namespace arena::server::scaleout
