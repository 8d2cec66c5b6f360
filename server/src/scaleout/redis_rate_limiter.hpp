#pragma once
// Token buckets in Redis, shared by every replica: a client refused by one replica is refused
// by all, and a client cannot multiply its rate by spreading requests over replicas.
//
// Theory of operation
//   One hash per key (<prefix>:rate:<scope>:<key> = {tokens, ts}); a Lua script refills it
//   from Redis' own clock (TIME, so replicas' clocks do not matter), takes a token when there
//   is one, and sets the key to expire once it would be full again (an idle bucket is the same
//   as none). EVALSHA, with EVAL when Redis does not have the script yet.
//   Redis unreachable: this replica falls back to its own in-process buckets for a second at a
//   time (limits stay per replica meanwhile, never off, and requests do not wait on Redis).

#include <atomic>
#include <memory>
#include <string>

#include "http/rate_limiter.hpp"
#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout {

class RedisRateLimiter final : public http::RequestLimiter {
 public:
  // `scope` separates limiters sharing one Redis ("client", "user").
  RedisRateLimiter(RedisUrl url, RedisOptions redis, http::TokenBucket::Config config,
                   std::string scope, std::string prefix = "arena");

  bool allow(const std::string& key) override;
  int retryAfterSeconds() const override { return m_local.retryAfterSeconds(); }

 private:
  http::TokenBucket::Config m_config;
  std::string m_keyPrefix;
  RedisPool m_pool;
  http::RateLimiter m_local;
  std::atomic<std::int64_t> m_localUntilMs{0};
};

}  // namespace arena::server::scaleout
