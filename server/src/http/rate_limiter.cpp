// Theory of operation: a bucket is created full (a new client gets its burst) and refilled
// lazily when its key is seen again: tokens = min(burst, tokens + elapsed * rate). A bucket
// idle long enough to be full again is the same as no bucket, so eviction first forgets those
// (losing nothing); if the map is still at maxKeys (an address scan), the oldest-updated tenth
// is dropped in one pass, which keeps the amortised cost per new key constant.
#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace arena::server::http {

RateLimiter::RateLimiter(TokenBucket::Config config, std::size_t maxKeys)
    : m_config(config), m_maxKeys(std::max<std::size_t>(1, maxKeys)) {}

bool RateLimiter::allow(const std::string& key, std::chrono::steady_clock::time_point now) {
  if (m_config.rate <= 0) return true;
  std::lock_guard lock(m_mutex);
  auto found = m_buckets.find(key);
  if (found == m_buckets.end()) {
    if (m_buckets.size() >= m_maxKeys) evict(now);
    found = m_buckets.emplace(key, TokenBucket{m_config.burst, now}).first;
  }
  TokenBucket& bucket = found->second;
  if (now > bucket.updated) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(m_config.burst, bucket.tokens + elapsed * m_config.rate);
    bucket.updated = now;
  }
  // A clock that went backwards (injected time in tests) refills nothing.
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  return false;
}

int RateLimiter::retryAfterSeconds() const {
  if (m_config.rate <= 0) return 60;
  return std::max(1, static_cast<int>(std::ceil(1.0 / m_config.rate)));
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(m_mutex);
  return m_buckets.size();
}

void RateLimiter::evict(std::chrono::steady_clock::time_point now) {
  std::erase_if(m_buckets, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * m_config.rate >= m_config.burst;
  });
  if (m_buckets.size() < m_maxKeys) return;
  std::vector<std::chrono::steady_clock::time_point> ages;
  ages.reserve(m_buckets.size());
  for (const auto& entry : m_buckets) ages.push_back(entry.second.updated);
  const std::size_t drop = std::max<std::size_t>(1, m_buckets.size() / 10);
  std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(drop - 1), ages.end());
  const auto cutoff = ages[drop - 1];
  std::size_t dropped = 0;
  std::erase_if(m_buckets, [&](const auto& entry) {
    if (dropped >= drop || entry.second.updated > cutoff) return false;
    ++dropped;
    return true;
  });
}

}  // namespace arena::server::http
