#pragma once
// Token buckets keyed by client address or user id: each key refills at `rate` tokens per
// second up to `burst`; a request takes one token or is refused. Idle buckets are forgotten so
// a scan of many addresses cannot grow memory without bound.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace arena::server::http {

struct TokenBucket {
  struct Config {
    double rate = 10.0;   // tokens per second; 0 or less: no limit
    double burst = 20.0;  // bucket size
  };
  double tokens = 0;
  std::chrono::steady_clock::time_point updated{};
};

// What the dispatcher asks before serving a request. RateLimiter (below) keeps its buckets in
// this process; scaleout::RedisRateLimiter keeps them in Redis, shared by every replica.
class RequestLimiter {
 public:
  virtual ~RequestLimiter() = default;
  // True when `key` may make a request now (and takes the token).
  virtual bool allow(const std::string& key) = 0;
  // Whole seconds after which a refused key has a token again (for Retry-After), at least 1.
  virtual int retryAfterSeconds() const = 0;
};

class RateLimiter final : public RequestLimiter {
 public:
  explicit RateLimiter(TokenBucket::Config config, std::size_t maxKeys = 100'000);

  bool allow(const std::string& key) override { return allow(key, std::chrono::steady_clock::now()); }
  bool allow(const std::string& key, std::chrono::steady_clock::time_point now);

  int retryAfterSeconds() const override;
  std::size_t size() const;

 private:
  void evict(std::chrono::steady_clock::time_point now);

  TokenBucket::Config m_config;
  std::size_t m_maxKeys;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, TokenBucket> m_buckets;
};

}  // namespace arena::server::http
