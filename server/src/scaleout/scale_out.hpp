#pragma once
// The Redis implementations of the interfaces that run in process by default, made from one
// URL (ARENA_REDIS_URL): what arena-server and arena-judge choose when Redis is configured.
//
//   judge queue        RedisJudgeQueue      (a stream + consumer group; XAUTOCLAIM after a lease)
//   live events        RedisEventBus        (pub/sub; local delivery while Redis is away)
//   rate limits        RedisRateLimiter x2  (per client address and per user, shared buckets)
//   leaderboard cache  RedisLeaderboardCache (a sorted set)
//   duel queue         RedisMatchQueue      (a sorted set + hashes; claims by script)
//
// connect() refuses a malformed URL or a wrong password at once (a configuration error), but
// not an unreachable Redis: every part degrades and reconnects, so a replica may start while
// Redis is down and catches up (QueueSweeper) when it returns.

#include <memory>
#include <string>

#include "http/rate_limiter.hpp"
#include "scaleout/queue_sweeper.hpp"
#include "scaleout/redis_event_bus.hpp"
#include "scaleout/redis_judge_queue.hpp"
#include "scaleout/redis_leaderboard_cache.hpp"
#include "scaleout/redis_match_queue.hpp"
#include "scaleout/redis_rate_limiter.hpp"

namespace arena::server::scaleout {

struct ScaleOutOptions {
  RedisOptions redis;
  std::string prefix = "arena";  // every key and channel starts with it
  http::TokenBucket::Config perClient{50.0, 200.0};
  http::TokenBucket::Config perUser{20.0, 100.0};
  RedisJudgeQueueOptions queue;  // its prefix is set from `prefix`
};

struct ScaleOut {
  std::unique_ptr<RedisJudgeQueue> queue;
  std::unique_ptr<RedisEventBus> events;
  std::shared_ptr<RedisRateLimiter> clientLimiter;
  std::shared_ptr<RedisRateLimiter> userLimiter;
  std::shared_ptr<RedisLeaderboardCache> leaderboard;
  std::shared_ptr<RedisMatchQueue> matchQueue;
  bool reachable = true;  // false: Redis did not answer at start (logged; parts reconnect)
};

Result<ScaleOut> connect(const std::string& redisUrl, ScaleOutOptions options = {});

}  // namespace arena::server::scaleout
