// RedisRateLimiter: the bucket is shared by limiter instances (replicas) through Redis, refills
// at its rate, keeps keys and scopes apart, and falls back to in-process buckets when Redis is
// away (limits stay on).

#include "scaleout/redis_rate_limiter.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include "redis_test_support.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;

TEST(RedisRateLimiterTest, TwoReplicasShareOneBucket) {
  ARENA_REQUIRE_REDIS();
  const std::string prefix = testing::uniquePrefix("rate");
  // 0.01 token/s: no refill within the test.
  RedisRateLimiter a(testing::parsedTestUrl(), {}, {0.01, 4.0}, "client", prefix);
  RedisRateLimiter b(testing::parsedTestUrl(), {}, {0.01, 4.0}, "client", prefix);
  EXPECT_TRUE(a.allow("10.0.0.1"));
  EXPECT_TRUE(b.allow("10.0.0.1"));
  EXPECT_TRUE(a.allow("10.0.0.1"));
  EXPECT_TRUE(b.allow("10.0.0.1"));
  EXPECT_FALSE(a.allow("10.0.0.1")) << "the burst of 4 is spent across both replicas";
  EXPECT_FALSE(b.allow("10.0.0.1"));
  EXPECT_TRUE(b.allow("10.0.0.2")) << "another key has its own bucket";
  RedisRateLimiter users(testing::parsedTestUrl(), {}, {0.01, 4.0}, "user", prefix);
  EXPECT_TRUE(users.allow("10.0.0.1")) << "another scope has its own buckets";
  EXPECT_GE(a.retryAfterSeconds(), 1);
}

TEST(RedisRateLimiterTest, TheBucketRefillsAtItsRate) {
  ARENA_REQUIRE_REDIS();
  const std::string prefix = testing::uniquePrefix("rate");
  RedisRateLimiter a(testing::parsedTestUrl(), {}, {20.0, 1.0}, "client", prefix);
  RedisRateLimiter b(testing::parsedTestUrl(), {}, {20.0, 1.0}, "client", prefix);
  EXPECT_TRUE(a.allow("k"));
  EXPECT_FALSE(b.allow("k"));
  // 20 tokens/s: a token is back within 50 ms.
  EXPECT_TRUE(testing::waitFor([&] { return b.allow("k"); }, 2s));
}

TEST(RedisRateLimiterTest, ManyConcurrentRequestsNeverTakeMoreThanTheBurst) {
  ARENA_REQUIRE_REDIS();
  const std::string prefix = testing::uniquePrefix("rate");
  RedisRateLimiter a(testing::parsedTestUrl(), {}, {0.01, 30.0}, "client", prefix);
  RedisRateLimiter b(testing::parsedTestUrl(), {}, {0.01, 30.0}, "client", prefix);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      RedisRateLimiter& limiter = t % 2 == 0 ? a : b;
      for (int i = 0; i < 25; ++i) allowed += limiter.allow("hot") ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 30);
}

TEST(RedisRateLimiterTest, WithRedisAwayLimitsStayOnInProcess) {
  RedisRateLimiter limiter(RedisUrl{"127.0.0.1", 1, "", 0}, {200ms, 200ms}, {0.01, 2.0},
                           "client");
  const auto began = std::chrono::steady_clock::now();
  EXPECT_TRUE(limiter.allow("k"));
  EXPECT_TRUE(limiter.allow("k"));
  EXPECT_FALSE(limiter.allow("k"));
  EXPECT_TRUE(limiter.allow("other"));
  EXPECT_LT(std::chrono::steady_clock::now() - began, 1s) << "requests must not wait on Redis";
}

TEST(RedisRateLimiterTest, ARateOfZeroIsNoLimit) {
  RedisRateLimiter limiter(RedisUrl{"127.0.0.1", 1, "", 0}, {}, {0.0, 1.0}, "client");
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.allow("k"));
}

}  // namespace
}  // namespace arena::server::scaleout
