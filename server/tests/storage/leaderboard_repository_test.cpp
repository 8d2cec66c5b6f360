#include <vector>

#include "storage_fixture.hpp"

namespace arena::server::storage::testing {
namespace {

using namespace std::chrono_literals;

class LeaderboardRepositoryTest : public StorageTest {
 protected:
  void setRating(std::int64_t user, std::int32_t rating) {
    const std::vector<RatingChange> change{{user, rating, 200.0, 0.06, std::nullopt}};
    ASSERT_TRUE(storage().users().updateRatings(change).has_value());
  }
  void solve(std::int64_t user, std::int64_t problem) {
    auto created = storage().submissions().create({user, problem, "cpp17", "ok", std::nullopt});
    ASSERT_TRUE(created.has_value());
    const auto id = created->record.submission.id;
    const auto attempt = storage().submissions().claimForJudging(id);
    ASSERT_TRUE(attempt.has_value());
    ASSERT_EQ(storage().submissions().recordResult(
                  id, *attempt, {model::Verdict::Accepted, 1, 1, {}, Timestamp{}, std::nullopt}),
              RecordOutcome::Recorded);
  }
};

TEST_P(LeaderboardRepositoryTest, RanksContestantsByRatingWithTiesAndSolvedCounts) {
  const auto low = makeUser("low");
  const auto high = makeUser("high");
  const auto tieA = makeUser("tie-a");
  const auto tieB = makeUser("tie-b");
  makeUser("the-admin", model::Role::Admin);
  setRating(low, 1200);
  setRating(high, 1900);
  setRating(tieA, 1600);
  setRating(tieB, 1600);
  const auto p1 = makeProblem("p1");
  const auto p2 = makeProblem("p2");
  solve(high, p1);
  solve(high, p1);  // the same problem twice counts once
  solve(high, p2);
  solve(tieB, p2);

  auto top = storage().leaderboard().top(10);
  ASSERT_TRUE(top.has_value()) << top.error().message;
  const std::vector<model::LeaderboardEntry> expected{{1, high, "high", 1900, 2},
                                                      {2, tieA, "tie-a", 1600, 0},
                                                      {2, tieB, "tie-b", 1600, 1},
                                                      {4, low, "low", 1200, 0}};
  EXPECT_EQ(*top, expected);
  auto two = storage().leaderboard().top(2);
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->size(), 2U);
}

TEST_P(LeaderboardRepositoryTest, SnapshotsAreTakenOncePerDate) {
  const auto a = makeUser("a");
  const auto b = makeUser("b");
  setRating(a, 1700);
  const std::chrono::sys_days day = 2026y / 11 / 25;

  auto first = storage().leaderboard().takeSnapshot(day, 100);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->taken);
  EXPECT_EQ(first->entries, 2);

  setRating(b, 2000);  // later changes do not alter a taken snapshot
  auto second = storage().leaderboard().takeSnapshot(day, 100);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_FALSE(second->taken);
  EXPECT_EQ(second->entries, 2);

  auto stored = storage().leaderboard().snapshot(day);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  const std::vector<model::LeaderboardEntry> expected{{1, a, "a", 1700, 0}, {2, b, "b", 1500, 0}};
  EXPECT_EQ(*stored, expected);

  auto nextDay = storage().leaderboard().takeSnapshot(day + std::chrono::days{1}, 100);
  ASSERT_TRUE(nextDay.has_value());
  EXPECT_TRUE(nextDay->taken);
  EXPECT_EQ(storage().leaderboard().snapshot(day + std::chrono::days{1})->front().userId, b);
  EXPECT_TRUE(storage().leaderboard().snapshot(day - std::chrono::days{1})->empty());
}

ARENA_STORAGE_BACKENDS(LeaderboardRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
