// LeaderboardService against both storage backends, with a fake wall clock.

#include "features/leaderboard/leaderboard_service.hpp"

#include <memory>

#include <gtest/gtest.h>

#include "fake_wall_clock.hpp"
#include "storage_fixture.hpp"

namespace arena::server::leaderboard {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using storage::testing::StorageTest;
using testing::FakeWallClock;
using testing::nov26;

class LeaderboardServiceTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_ann = makeUser("ann");
    m_ben = makeUser("ben");
    m_cid = makeUser("cid");
    makeUser("pete", model::Role::Proctor);  // proctors are not ranked
    setRating(m_ann, 1700);
    setRating(m_ben, 1600);
    makeService({});
  }

  void makeService(LeaderboardOptions options) {
    options.now = m_clock.function();
    m_service = std::make_unique<LeaderboardService>(storage().leaderboard(), options);
  }

  void setRating(std::int64_t user, std::int32_t rating) {
    const storage::RatingChange change{user, rating, 300.0, 0.06, std::nullopt};
    auto updated = storage().users().updateRatings(std::span(&change, 1));
    ASSERT_TRUE(updated.has_value()) << updated.error().message;
  }

  std::shared_ptr<const std::string> top(int limit) {
    auto bytes = m_service->top(limit);
    EXPECT_TRUE(bytes.has_value()) << bytes.error().message;
    return bytes ? *bytes : nullptr;
  }

  static std::vector<std::string> usernames(const std::shared_ptr<const std::string>& bytes) {
    std::vector<std::string> names;
    const auto body = json::parse(*bytes);
    for (const auto& entry : body.at("entries"))
      names.push_back(entry.at("username").get<std::string>());
    return names;
  }

  FakeWallClock m_clock{nov26(10h)};
  std::int64_t m_ann = 0;
  std::int64_t m_ben = 0;
  std::int64_t m_cid = 0;
  std::unique_ptr<LeaderboardService> m_service;
};

TEST_P(LeaderboardServiceTest, TopListsContestantsByRatingAsEntries) {
  const auto bytes = top(10);
  ASSERT_NE(bytes, nullptr);
  const auto body = json::parse(*bytes);
  ASSERT_EQ(body.at("entries").size(), 3U);
  EXPECT_EQ(
      body.at("entries")[0],
      (json{
          {"rank", 1}, {"user_id", m_ann}, {"username", "ann"}, {"rating", 1700}, {"solved", 0}}));
  EXPECT_EQ(usernames(bytes), (std::vector<std::string>{"ann", "ben", "cid"}));
  EXPECT_EQ(usernames(top(2)), (std::vector<std::string>{"ann", "ben"}));
}

TEST_P(LeaderboardServiceTest, ServesTheSameCachedBytesUntilInvalidated) {
  const auto first = top(10);
  setRating(m_cid, 2000);
  const auto cached = top(10);
  EXPECT_EQ(cached.get(), first.get()) << "the cached bytes must be reused, not rebuilt";
  EXPECT_EQ(usernames(cached).front(), "ann");

  m_service->invalidate();
  const auto rebuilt = top(10);
  EXPECT_NE(rebuilt.get(), first.get());
  EXPECT_EQ(usernames(rebuilt), (std::vector<std::string>{"cid", "ann", "ben"}));
  EXPECT_EQ(top(10).get(), rebuilt.get());
}

TEST_P(LeaderboardServiceTest, CachedBytesExpireAfterTheTtl) {
  const auto first = top(10);
  m_clock.advance(4900ms);
  EXPECT_EQ(top(10).get(), first.get());
  setRating(m_cid, 2000);
  m_clock.advance(200ms);  // 5.1 s after it was built
  const auto refreshed = top(10);
  EXPECT_NE(refreshed.get(), first.get());
  EXPECT_EQ(usernames(refreshed).front(), "cid");
}

TEST_P(LeaderboardServiceTest, AWallClockSteppingBackEndsTheCachedEntry) {
  const auto first = top(10);
  m_clock.advance(-1h);
  EXPECT_NE(top(10).get(), first.get());
}

TEST_P(LeaderboardServiceTest, EachLimitHasItsOwnEntryAndOnlyAFewAreKept) {
  LeaderboardOptions options;
  options.maxCachedLimits = 2;
  makeService(options);
  const auto one = top(1);
  m_clock.advance(1ms);
  const auto two = top(2);
  EXPECT_NE(one.get(), two.get());
  EXPECT_EQ(top(1).get(), one.get());
  EXPECT_EQ(top(2).get(), two.get());
  m_clock.advance(1ms);
  top(3);  // evicts the oldest, limit 1
  EXPECT_EQ(top(2).get(), two.get());
  const auto oneAgain = top(1);
  EXPECT_NE(oneAgain.get(), one.get());
  EXPECT_EQ(*oneAgain, *one);
}

TEST_P(LeaderboardServiceTest, LimitOutsideOneToHundredIsInvalid) {
  for (const int limit : {0, -1, 101, 1'000'000}) {
    auto bytes = m_service->top(limit);
    ASSERT_FALSE(bytes.has_value()) << limit;
    EXPECT_EQ(bytes.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_NE(top(100), nullptr);
}

TEST_P(LeaderboardServiceTest, TodaysSnapshotIsNotFoundUntilTakenAndTakenOnlyOnce) {
  auto before = m_service->snapshotToday();
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().code, ErrorCode::NotFound);
  EXPECT_NE(before.error().message.find("2026-11-26"), std::string::npos) << before.error().message;

  auto taken = m_service->takeSnapshotNow();
  ASSERT_TRUE(taken.has_value()) << taken.error().message;
  EXPECT_TRUE(taken->taken);
  EXPECT_EQ(taken->body.at("date"), "2026-11-26");
  ASSERT_EQ(taken->body.at("entries").size(), 3U);
  EXPECT_EQ(taken->body.at("entries")[0].at("username"), "ann");

  setRating(m_cid, 2500);  // later changes do not alter the day's snapshot
  auto again = m_service->takeSnapshotNow();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(again->taken);
  EXPECT_EQ(again->body, taken->body);

  auto today = m_service->snapshotToday();
  ASSERT_TRUE(today.has_value()) << today.error().message;
  EXPECT_EQ(*today, taken->body);
}

TEST_P(LeaderboardServiceTest, TodayFollowsTheUtcClock) {
  m_clock.set(nov26(23h + 59min + 59s));
  ASSERT_TRUE(m_service->takeSnapshotNow().has_value());
  EXPECT_TRUE(m_service->snapshotToday().has_value());
  m_clock.advance(1s);  // midnight: a new day without a snapshot
  EXPECT_EQ(formatDate(m_service->today()), "2026-11-27");
  auto next = m_service->snapshotToday();
  ASSERT_FALSE(next.has_value());
  EXPECT_EQ(next.error().code, ErrorCode::NotFound);
}

ARENA_STORAGE_BACKENDS(LeaderboardServiceTest);

}  // namespace
}  // namespace arena::server::leaderboard
