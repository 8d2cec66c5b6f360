// The IOI scoreboard against hand-worked contests, in both scoring modes.

#include "arena/scoring/ioi_scoreboard.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "scoreboard_test_support.hpp"

namespace arena::scoring {
namespace {

using model::Verdict;
using testing::at;
using testing::render;
using testing::submission;
using Lines = std::vector<std::string>;

constexpr std::int64_t kP = 201, kQ = 202;

// Problem P has subtasks worth 10, 20 and 70; Q has 40 and 60.
std::vector<ScoredSubmission> contest() {
  return {
      // Team 1 solves P's subtasks in three different submissions: 10 + 20 + 35 per subtask,
      // but its best single submission is 45.
      submission(1, 1, kP, at(10), Verdict::WrongAnswer, {10, 0, 0}),
      submission(2, 1, kP, at(20), Verdict::WrongAnswer, {0, 20, 0}),
      submission(3, 1, kP, at(30), Verdict::WrongAnswer, {10, 0, 35}),
      submission(4, 1, kQ, at(40), Verdict::CompileError),
      // Team 2: full P in one go, Q's first subtask.
      submission(5, 2, kP, at(15), Verdict::Accepted, {10, 20, 70}),
      submission(6, 2, kQ, at(50), Verdict::WrongAnswer, {40, 0}),
      // Team 3: 65 on P by one submission (it ties team 1 per subtask), still judging on Q.
      submission(7, 3, kP, at(25), Verdict::WrongAnswer, {10, 20, 35}),
      submission(8, 3, kQ, at(55), std::nullopt),
      // Team 4: a judge error earns nothing yet and shows as pending.
      submission(9, 4, kQ, at(60), Verdict::JudgeError, {40, 60}),
  };
}

IoiScoreboard board(IoiOptions options) {
  IoiScoreboard result({kP, kQ}, {1, 2, 3, 4}, options);
  for (const auto& s : contest()) EXPECT_TRUE(result.apply(s).has_value());
  return result;
}

void expectMatchesRebuild(const IoiScoreboard& scoreboard) {
  IoiScoreboard rebuilt = scoreboard;
  rebuilt.rebuild();
  for (const auto view : {ScoreboardView::Public, ScoreboardView::Jury})
    ASSERT_EQ(scoreboard.rows(view), rebuilt.rows(view));
}

TEST(IoiScoreboardTest, BestPerSubtaskAddsTheBestOfEachSubtaskAcrossSubmissions) {
  const auto scoreboard = board(IoiOptions{IoiScoring::BestPerSubtask, std::nullopt});
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Jury)), (Lines{
                                                               "1 2 140 | 100(1/0) 40(1/0)",
                                                               "2 1 65 | 65(3/0) 0(1/0)",
                                                               "2 3 65 | 65(1/0) 0(0/1)",
                                                               "4 4 0 | 0(0/0) 0(0/1)",
                                                           }));
  expectMatchesRebuild(scoreboard);
}

TEST(IoiScoreboardTest, BestSubmissionTakesTheBestSingleTotal) {
  const auto scoreboard = board(IoiOptions{IoiScoring::BestSubmission, std::nullopt});
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Jury)), (Lines{
                                                               "1 2 140 | 100(1/0) 40(1/0)",
                                                               "2 3 65 | 65(1/0) 0(0/1)",
                                                               "3 1 45 | 45(3/0) 0(1/0)",
                                                               "4 4 0 | 0(0/0) 0(0/1)",
                                                           }));
  expectMatchesRebuild(scoreboard);
}

TEST(IoiScoreboardTest, JudgedAgainTheJudgeErrorScores) {
  auto scoreboard = board({});
  ASSERT_TRUE(scoreboard.apply(submission(9, 4, kQ, at(60), Verdict::Accepted, {40, 60})));
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Jury)).at(1), "2 4 100 | 0(0/0) 100(1/0)");
}

TEST(IoiScoreboardTest, FractionalPointsThatSumEquallyTie) {
  IoiScoreboard scoreboard({kP}, {1, 2});
  // 0.1 + 0.2 is not 0.3 in binary floating point; to the micro-point it is.
  ASSERT_TRUE(scoreboard.apply(submission(1, 1, kP, at(1), Verdict::WrongAnswer, {0.1, 0.2})));
  ASSERT_TRUE(scoreboard.apply(submission(2, 2, kP, at(1), Verdict::WrongAnswer, {0.3, 0.0})));
  EXPECT_EQ(scoreboard.row(ScoreboardView::Jury, 1).rank, 1);
  EXPECT_EQ(scoreboard.row(ScoreboardView::Jury, 2).rank, 1);
}

TEST(IoiScoreboardTest, FreezeShowsLaterSubmissionsAsPendingToThePublic) {
  IoiScoreboard scoreboard({kP}, {1, 2}, IoiOptions{IoiScoring::BestPerSubtask, at(240)});
  ASSERT_TRUE(scoreboard.apply(submission(1, 1, kP, at(100), Verdict::WrongAnswer, {10, 20, 0})));
  ASSERT_TRUE(scoreboard.apply(submission(2, 2, kP, at(200), Verdict::WrongAnswer, {10, 0, 0})));
  ASSERT_TRUE(scoreboard.apply(submission(3, 2, kP, at(250), Verdict::Accepted, {10, 20, 70})));
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Public)),
            (Lines{"1 1 30 | 30(1/0)", "2 2 10 | 10(1/1)"}));
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Jury)),
            (Lines{"1 2 100 | 100(2/0)", "2 1 30 | 30(1/0)"}));
}

TEST(IoiScoreboardTest, RefusesPointsThatAreNotPoints) {
  IoiScoreboard scoreboard({kP}, {1});
  for (const double bad : {-1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    const auto result =
        scoreboard.apply(submission(1, 1, kP, at(1), Verdict::Accepted, {10.0, bad}));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_EQ(scoreboard.apply(submission(1, 7, kP, at(1), Verdict::Accepted)).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(render(scoreboard.rows(ScoreboardView::Jury)), (Lines{"1 1 0 | 0(0/0)"}));
}

TEST(IoiScoreboardTest, RandomStreamAlwaysEqualsFullRecomputation) {
  std::mt19937 random(99);
  IoiScoreboard scoreboard({1, 2, 3}, {1, 2, 3, 4, 5, 6, 7, 8},
                           IoiOptions{IoiScoring::BestPerSubtask, at(100)});
  const std::array verdicts{Verdict::Accepted, Verdict::WrongAnswer, Verdict::CompileError,
                            Verdict::JudgeError};
  for (int step = 0; step < 2000; ++step) {
    ScoredSubmission s = submission(static_cast<std::int64_t>(random() % 300 + 1), 0, 0, at(static_cast<int>(random() % 200)),
                                    verdicts[random() % verdicts.size()]);
    // Ids pick their team and problem, so a repeated id is a rejudge of the same cell.
    s.teamId = s.id % 8 + 1;
    s.problemId = s.id % 3 + 1;
    for (int subtask = 0; subtask < 3; ++subtask)
      s.subtaskScores.push_back(static_cast<double>(random() % 5) * 2.5);
    ASSERT_TRUE(scoreboard.apply(s).has_value());
    if (step % 50 == 0) {
      ASSERT_NO_FATAL_FAILURE(expectMatchesRebuild(scoreboard));
    }
  }
  expectMatchesRebuild(scoreboard);
}

}  // namespace
}  // namespace arena::scoring
