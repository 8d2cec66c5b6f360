// The duel problem: unsolved by both, of a suited difficulty, deterministic per pair.

#include "features/matchmaking/problem_choice.hpp"

#include <set>
#include <vector>

#include <gtest/gtest.h>

namespace arena::server::matchmaking {
namespace {

using model::Difficulty;

const std::vector<ProblemOption> kOptions{{1, Difficulty::Easy},   {2, Difficulty::Easy},
                                          {3, Difficulty::Medium}, {4, Difficulty::Medium},
                                          {5, Difficulty::Hard}};

TEST(ProblemChoiceTest, DifficultyFollowsTheMeanRating) {
  EXPECT_EQ(suitedDifficulty(1200), Difficulty::Easy);
  EXPECT_EQ(suitedDifficulty(1399.5), Difficulty::Easy);
  EXPECT_EQ(suitedDifficulty(1400), Difficulty::Medium);
  EXPECT_EQ(suitedDifficulty(1799), Difficulty::Medium);
  EXPECT_EQ(suitedDifficulty(1800), Difficulty::Hard);
}

TEST(ProblemChoiceTest, PicksAnUnsolvedProblemOfTheSuitedDifficulty) {
  const auto chosen = chooseProblem(kOptions, {3}, 1500, 10, 20);
  EXPECT_EQ(chosen, 4);
  EXPECT_EQ(chooseProblem(kOptions, {}, 1900, 10, 20), 5);
}

TEST(ProblemChoiceTest, FallsBackToTheNearestDifficulty) {
  // Both mediums solved: easy and hard are equally near; either is fine, never a solved one.
  const auto chosen = chooseProblem(kOptions, {3, 4}, 1500, 10, 20);
  ASSERT_TRUE(chosen.has_value());
  EXPECT_NE(*chosen, 3);
  EXPECT_NE(*chosen, 4);
  // The hard one solved too, for a strong pair: medium is nearer than easy.
  const auto strong = chooseProblem(kOptions, {5}, 1900, 10, 20);
  ASSERT_TRUE(strong.has_value());
  EXPECT_TRUE(*strong == 3 || *strong == 4) << *strong;
}

TEST(ProblemChoiceTest, NothingLeftMeansNoProblem) {
  EXPECT_FALSE(chooseProblem(kOptions, {1, 2, 3, 4, 5}, 1500, 10, 20).has_value());
  EXPECT_FALSE(chooseProblem({}, {}, 1500, 10, 20).has_value());
}

TEST(ProblemChoiceTest, SamePairSameProblemAndPairsSpreadOverTheChoices) {
  EXPECT_EQ(chooseProblem(kOptions, {}, 1200, 10, 20), chooseProblem(kOptions, {}, 1200, 20, 10));
  std::set<std::int64_t> used;
  for (std::int64_t a = 1; a < 20; ++a) used.insert(*chooseProblem(kOptions, {}, 1200, a, a + 1));
  EXPECT_EQ(used, (std::set<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace arena::server::matchmaking
