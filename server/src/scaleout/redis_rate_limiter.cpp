#include "scaleout/redis_rate_limiter.hpp"

#include <cmath>

#include "http/json_log.hpp"

namespace arena::server::scaleout {

namespace {

// KEYS: bucket. ARGV: rate (tokens/s), burst, expiry (ms). 1: allowed, 0: refused.
const RedisScript kTakeScript(R"(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(saved[1])
local ts = tonumber(saved[2])
if tokens == nil or ts == nil then tokens = burst; ts = now end
if now > ts then
  tokens = math.min(burst, tokens + (now - ts) / 1000 * rate)
  ts = now
end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return allowed
)");

constexpr std::int64_t kLocalForMs = 1000;

std::int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

RedisRateLimiter::RedisRateLimiter(RedisUrl url, RedisOptions redis,
                                   http::TokenBucket::Config config, std::string scope,
                                   std::string prefix)
    : m_config(config),
      m_keyPrefix(prefix + ":rate:" + scope + ":"),
      m_pool(std::move(url), redis),
      m_local(config) {}

bool RedisRateLimiter::allow(const std::string& key) {
  if (m_config.rate <= 0) return true;
  if (steadyMs() < m_localUntilMs.load()) return m_local.allow(key);
  // Expire once the bucket would be full again: idle buckets cost Redis nothing.
  const auto expiryMs =
      static_cast<long long>(std::ceil(m_config.burst / m_config.rate * 1000.0)) + 1000;
  auto client = m_pool.acquire();
  auto reply = kTakeScript.run(*client, {m_keyPrefix + key},
                               {std::to_string(m_config.rate), std::to_string(m_config.burst),
                                std::to_string(expiryMs)});
  if (reply) return reply->integer == 1;
  const std::int64_t now = steadyMs();
  // Logged when the outage starts, not once a second while it lasts.
  if (now - m_localUntilMs.exchange(now + kLocalForMs) > 5 * kLocalForMs) {
    http::logJsonLine({{"level", "warn"},
                       {"event", "rate_limit_local"},
                       {"component", "redis_rate_limiter"},
                       {"message", reply.error().message + " (limiting in process meanwhile)"}});
  }
  return m_local.allow(key);
}

}  // namespace arena::server::scaleout
