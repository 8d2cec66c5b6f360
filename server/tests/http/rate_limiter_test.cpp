#include "http/rate_limiter.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(RateLimiterTest, NewKeyGetsItsBurstThenIsRefused) {
  RateLimiter limiter({1.0, 3.0});
  const auto t0 = Clock::time_point{} + 100s;
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
}

TEST(RateLimiterTest, RefillsAtTheRateAndNotBeyondTheBurst) {
  RateLimiter limiter({2.0, 4.0});
  const auto t0 = Clock::time_point{} + 100s;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(limiter.allow("a", t0));
  ASSERT_FALSE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0 + 400ms));  // 0.8 tokens
  EXPECT_TRUE(limiter.allow("a", t0 + 500ms));   // 1.0 tokens
  EXPECT_FALSE(limiter.allow("a", t0 + 500ms));
  // A long idle period refills to the burst only.
  const auto later = t0 + 1h;
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limiter.allow("a", later)) << i;
  EXPECT_FALSE(limiter.allow("a", later));
}

TEST(RateLimiterTest, ARateOfZeroTurnsTheLimitOffAndKeepsNoBuckets) {
  RateLimiter limiter({0.0, 0.0});
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(limiter.allow("10.0.0.1"));
  EXPECT_EQ(limiter.size(), 0U);
}

TEST(RateLimiterTest, KeysAreIndependent) {
  RateLimiter limiter({1.0, 1.0});
  const auto t0 = Clock::time_point{} + 100s;
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0));
}

TEST(RateLimiterTest, ClockGoingBackwardsRefillsNothing) {
  RateLimiter limiter({1.0, 1.0});
  const auto t0 = Clock::time_point{} + 100s;
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0 - 50s));
  EXPECT_FALSE(limiter.allow("a", t0 + 500ms));
  EXPECT_TRUE(limiter.allow("a", t0 + 1s));
}

TEST(RateLimiterTest, FullIdleBucketsAreForgottenFirst) {
  RateLimiter limiter({1.0, 2.0}, 10);
  const auto t0 = Clock::time_point{} + 100s;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(limiter.allow("idle" + std::to_string(i), t0));
  EXPECT_EQ(limiter.size(), 10u);
  // 10 s later every bucket is full again: a new key evicts them all, losing nothing.
  EXPECT_TRUE(limiter.allow("new", t0 + 10s));
  EXPECT_EQ(limiter.size(), 1u);
}

TEST(RateLimiterTest, AScanOfAddressesCannotGrowPastMaxKeys) {
  RateLimiter limiter({1.0, 5.0}, 100);
  const auto t0 = Clock::time_point{} + 100s;
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_TRUE(limiter.allow("10.0." + std::to_string(i), t0 + std::chrono::microseconds(i)));
    ASSERT_LE(limiter.size(), 100u);
  }
}

TEST(RateLimiterTest, EvictionDropsTheOldestKeysAndKeepsRecentOnes) {
  RateLimiter limiter({0.001, 1.0}, 10);  // buckets stay empty: nothing is "full again"
  const auto t0 = Clock::time_point{} + 100s;
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(limiter.allow("k" + std::to_string(i), t0 + std::chrono::seconds(i)));
  ASSERT_TRUE(limiter.allow("k10", t0 + 10s));  // evicts k0 (the oldest)
  EXPECT_FALSE(limiter.allow("k9", t0 + 10s));  // recent key kept its empty bucket
  EXPECT_TRUE(limiter.allow("k0", t0 + 10s));   // forgotten key starts over with its burst
}

TEST(RateLimiterTest, RetryAfterIsTheTimeForOneToken) {
  EXPECT_EQ(RateLimiter({0.1, 1.0}).retryAfterSeconds(), 10);
  EXPECT_EQ(RateLimiter({50.0, 1.0}).retryAfterSeconds(), 1);
}

}  // namespace
}  // namespace arena::server::http
