// RedisLeaderboardCache and LeaderboardService with it: one storage read serves every replica
// until the TTL or invalidate(), prefixes of the stored list answer smaller limits, an empty
// leaderboard is cached too, and Redis away means storage is read as without Redis.

#include "scaleout/redis_leaderboard_cache.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include "redis_test_support.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;

class CountingRepository final : public storage::LeaderboardRepository {
 public:
  Result<std::vector<model::LeaderboardEntry>> top(int limit) override {
    ++reads;
    std::vector<model::LeaderboardEntry> out;
    for (int i = 0; i < std::min<int>(limit, static_cast<int>(entries.size())); ++i) {
      out.push_back(entries[static_cast<std::size_t>(i)]);
    }
    return out;
  }
  Result<storage::SnapshotOutcome> takeSnapshot(std::chrono::sys_days, int) override {
    return storage::SnapshotOutcome{};
  }
  Result<std::vector<model::LeaderboardEntry>> snapshot(std::chrono::sys_days) override {
    return std::vector<model::LeaderboardEntry>{};
  }
  std::vector<model::LeaderboardEntry> entries;
  std::atomic<int> reads{0};
};

std::vector<model::LeaderboardEntry> ranked(int n) {
  std::vector<model::LeaderboardEntry> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({i + 1, 100 + i, "user" + std::to_string(i), 2000 - i, i % 3});
  }
  return out;
}

TEST(RedisLeaderboardCacheTest, StoresTheListAndAnswersEveryPrefix) {
  ARENA_REQUIRE_REDIS();
  RedisLeaderboardCache cache(testing::parsedTestUrl(), {}, testing::uniquePrefix("lb"));
  EXPECT_EQ(cache.top(10), std::nullopt);
  cache.store({"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"}, 5s);
  EXPECT_EQ(cache.top(2), (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
  EXPECT_EQ(cache.top(50)->size(), 3U);
  cache.invalidate();
  EXPECT_EQ(cache.top(2), std::nullopt);
  cache.store({}, 5s);
  EXPECT_EQ(cache.top(5), std::vector<std::string>{}) << "an empty board is an answer too";
}

TEST(RedisLeaderboardCacheTest, TheListExpiresAfterItsTtl) {
  ARENA_REQUIRE_REDIS();
  RedisLeaderboardCache cache(testing::parsedTestUrl(), {}, testing::uniquePrefix("lb"));
  cache.store({"{}"}, 100ms);
  EXPECT_TRUE(cache.top(1).has_value());
  EXPECT_TRUE(testing::waitFor([&] { return !cache.top(1).has_value(); }, 3s));
}

TEST(RedisLeaderboardCacheTest, TwoReplicasReadStorageOnceBetweenThemWithTheSameBytes) {
  ARENA_REQUIRE_REDIS();
  const std::string prefix = testing::uniquePrefix("lb");
  CountingRepository repo;
  repo.entries = ranked(120);
  leaderboard::LeaderboardOptions options;
  options.cacheTtl = 10s;
  options.shared = std::make_shared<RedisLeaderboardCache>(testing::parsedTestUrl(),
                                                           RedisOptions{}, prefix);
  leaderboard::LeaderboardService a(repo, options);
  options.shared = std::make_shared<RedisLeaderboardCache>(testing::parsedTestUrl(),
                                                           RedisOptions{}, prefix);
  leaderboard::LeaderboardService b(repo, options);
  // What the service answered before Redis: the same bytes.
  leaderboard::LeaderboardService plain(repo);

  auto fromA = a.top(50);
  ASSERT_TRUE(fromA.has_value());
  auto fromB = b.top(10);
  ASSERT_TRUE(fromB.has_value());
  EXPECT_EQ(repo.reads.load(), 1) << "B answered from Redis";
  auto expected = plain.top(10);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(**fromB, **expected);
  auto expected50 = plain.top(50);
  EXPECT_EQ(**fromA, **expected50);

  repo.entries[0].username = "renamed";
  a.invalidate();  // clears Redis for B too
  auto afterB = b.top(100);
  ASSERT_TRUE(afterB.has_value());
  EXPECT_NE((*afterB)->find("renamed"), std::string::npos);
}

TEST(RedisLeaderboardCacheTest, WithRedisAwayTheServiceReadsStorage) {
  CountingRepository repo;
  repo.entries = ranked(3);
  leaderboard::LeaderboardOptions options;
  options.cacheTtl = 0ms;  // no local byte cache: every call asks the shared one
  options.shared = std::make_shared<RedisLeaderboardCache>(RedisUrl{"127.0.0.1", 1, "", 0},
                                                           RedisOptions{200ms, 200ms});
  leaderboard::LeaderboardService service(repo, options);
  auto top = service.top(3);
  ASSERT_TRUE(top.has_value()) << top.error().message;
  EXPECT_NE((*top)->find("user2"), std::string::npos);
  ASSERT_TRUE(service.top(3).has_value());
  EXPECT_EQ(repo.reads.load(), 2);
}

}  // namespace
}  // namespace arena::server::scaleout
