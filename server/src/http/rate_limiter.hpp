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

class RateLimiter {
 public:
  explicit RateLimiter(TokenBucket::Config config, std::size_t maxKeys = 100'000);

  // True when `key` may make a request now (and takes the token).
  bool allow(const std::string& key,
             std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  // Whole seconds after which a refused key has a token again (for Retry-After), at least 1.
  int retryAfterSeconds() const;
  std::size_t size() const;

 private:
  void evict(std::chrono::steady_clock::time_point now);

  TokenBucket::Config m_config;
  std::size_t m_maxKeys;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, TokenBucket> m_buckets;
};

}  // namespace arena::server::http
