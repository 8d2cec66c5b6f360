// The ICPC scoreboard against hand-worked contests: every expected table below was worked out
// on paper from the rules in icpc_scoreboard.hpp, and is matched exactly.

#include "arena/scoring/icpc_scoreboard.hpp"

#include <algorithm>
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

constexpr std::int64_t kA = 101, kB = 102, kC = 103;

// Contest 1, three problems, seven teams, no freeze.
std::vector<ScoredSubmission> contestOne() {
  return {
      // Team 1: A rejected once then solved at 25 (25 + 20); B compile error (free) then solved
      // at 40:10; a WA on A after its AC counts for nothing.
      submission(1, 1, kA, at(10), Verdict::WrongAnswer),
      submission(2, 1, kA, at(25), Verdict::Accepted),
      submission(3, 1, kB, at(30), Verdict::CompileError),
      submission(4, 1, kB, at(40, 10), Verdict::Accepted),
      submission(5, 1, kA, at(50), Verdict::WrongAnswer),
      // Team 2: A at 20; B after two rejections at 45 (45 + 40).
      submission(6, 2, kA, at(20), Verdict::Accepted),
      submission(7, 2, kB, at(30), Verdict::WrongAnswer),
      submission(8, 2, kB, at(35), Verdict::TimeLimitExceeded),
      submission(9, 2, kB, at(45), Verdict::Accepted),
      // Teams 3 and 5: the same exact times: 85 minutes, last solve at 45 -> they share a rank
      // and come after team 1 (also 85, but its last solve was at 40).
      submission(10, 3, kA, at(45), Verdict::Accepted),
      submission(11, 3, kB, at(40, 30), Verdict::Accepted),
      submission(12, 5, kA, at(45), Verdict::Accepted),
      submission(13, 5, kB, at(40, 30), Verdict::Accepted),
      // Team 4: first to solve A at 10; C two rejections, a judge error (pending: it will be
      // judged again) and a run-time error.
      submission(14, 4, kA, at(10), Verdict::Accepted),
      submission(15, 4, kC, at(50), Verdict::WrongAnswer),
      submission(16, 4, kC, at(55), Verdict::WrongAnswer),
      submission(17, 4, kC, at(58), Verdict::JudgeError),
      submission(18, 4, kC, at(60), Verdict::RuntimeError),
      // Team 7: only a compile error: no tries. Team 6 never submits.
      submission(19, 7, kB, at(70), Verdict::CompileError),
  };
}

const Lines kContestOneTable{
    "1 1 2 85 | 2/0 @25 1/0 @40* 0/0",
    "2 3 2 85 | 1/0 @45 1/0 @40 0/0",
    "2 5 2 85 | 1/0 @45 1/0 @40 0/0",
    "4 2 2 105 | 1/0 @20 3/0 @45 0/0",
    "5 4 1 10 | 1/0 @10* 0/0 3/1",
    "6 6 0 0 | 0/0 0/0 0/0",
    "6 7 0 0 | 0/0 0/0 0/0",
};

IcpcScoreboard emptyContestOne(IcpcOptions options = {}) {
  return IcpcScoreboard({kA, kB, kC}, {1, 2, 3, 4, 5, 6, 7}, options);
}

// The incremental board must always equal the same board recomputed from scratch.
void expectMatchesRebuild(const IcpcScoreboard& board) {
  IcpcScoreboard rebuilt = board;
  rebuilt.rebuild();
  for (const auto view : {ScoreboardView::Public, ScoreboardView::Jury})
    ASSERT_EQ(board.rows(view), rebuilt.rows(view));
}

TEST(IcpcScoreboardTest, HandWorkedContestMatchesTheExpectedTable) {
  IcpcScoreboard board = emptyContestOne();
  for (const auto& s : contestOne()) {
    ASSERT_TRUE(board.apply(s).has_value());
    expectMatchesRebuild(board);
  }
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), kContestOneTable);
  // No freeze: the public sees the same board.
  EXPECT_EQ(render(board.rows(ScoreboardView::Public)), kContestOneTable);
}

TEST(IcpcScoreboardTest, ArrivalOrderOfVerdictsDoesNotMatter) {
  auto submissions = contestOne();
  std::reverse(submissions.begin(), submissions.end());
  IcpcScoreboard reversed = emptyContestOne();
  for (const auto& s : submissions) ASSERT_TRUE(reversed.apply(s).has_value());
  EXPECT_EQ(render(reversed.rows(ScoreboardView::Jury)), kContestOneTable);

  std::mt19937 random(7);
  std::shuffle(submissions.begin(), submissions.end(), random);
  IcpcScoreboard shuffled = emptyContestOne();
  for (const auto& s : submissions) ASSERT_TRUE(shuffled.apply(s).has_value());
  EXPECT_EQ(render(shuffled.rows(ScoreboardView::Jury)), kContestOneTable);
}

TEST(IcpcScoreboardTest, PendingSubmissionsShowUntilTheirVerdictArrives) {
  IcpcScoreboard board({kA}, {1, 2});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(10), std::nullopt)));
  ASSERT_TRUE(board.apply(submission(2, 1, kA, at(15), Verdict::Accepted)));
  // The earlier one is still pending: the AC at 15 counts for now, with the pending try shown.
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)),
            (Lines{"1 1 1 15 | 1/1 @15*", "2 2 0 0 | 0/0"}));

  // It is judged wrong: 20 minutes of penalty for the AC at 15.
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(10), Verdict::WrongAnswer)));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)),
            (Lines{"1 1 1 35 | 2/0 @15*", "2 2 0 0 | 0/0"}));

  // Rejudged as accepted: solved at 10, and the AC at 15 no longer counts.
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(10), Verdict::Accepted)));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)),
            (Lines{"1 1 1 10 | 1/0 @10*", "2 2 0 0 | 0/0"}));
  expectMatchesRebuild(board);
}

TEST(IcpcScoreboardTest, CompileAndJudgeErrorsAreNeverTries) {
  IcpcScoreboard board({kA, kB}, {1});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(5), Verdict::CompileError)));
  ASSERT_TRUE(board.apply(submission(2, 1, kA, at(6), Verdict::CompileError)));
  ASSERT_TRUE(board.apply(submission(3, 1, kA, at(7), Verdict::JudgeError)));
  ASSERT_TRUE(board.apply(submission(4, 1, kA, at(30, 59), Verdict::Accepted)));
  // B: every kind of rejection counts, including a security violation.
  ASSERT_TRUE(board.apply(submission(5, 1, kB, at(31), Verdict::MemoryLimitExceeded)));
  ASSERT_TRUE(board.apply(submission(6, 1, kB, at(32), Verdict::OutputLimitExceeded)));
  ASSERT_TRUE(board.apply(submission(7, 1, kB, at(33), Verdict::SecurityViolation)));
  ASSERT_TRUE(board.apply(submission(8, 1, kB, at(34), Verdict::Accepted)));
  // A: minute 30 (seconds are dropped), no penalty; the judge error still shows as pending.
  // B: 34 + 3 * 20.
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{"1 1 2 124 | 1/1 @30* 4/0 @34*"}));
}

TEST(IcpcScoreboardTest, PenaltyPerTryIsConfigurable) {
  IcpcScoreboard board({kA}, {1}, IcpcOptions{5, std::nullopt});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(1), Verdict::WrongAnswer)));
  ASSERT_TRUE(board.apply(submission(2, 1, kA, at(2), Verdict::WrongAnswer)));
  ASSERT_TRUE(board.apply(submission(3, 1, kA, at(3), Verdict::Accepted)));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{"1 1 1 13 | 3/0 @3*"}));
}

TEST(IcpcScoreboardTest, SubmissionsInTheSameMillisecondCountInIdOrder) {
  IcpcScoreboard board({kA}, {1});
  ASSERT_TRUE(board.apply(submission(9, 1, kA, at(20), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(8, 1, kA, at(20), Verdict::WrongAnswer)));
  // Id 8 came first: one rejected try before the AC.
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{"1 1 1 40 | 2/0 @20*"}));
}

TEST(IcpcScoreboardTest, FreezeHidesLaterSubmissionsFromThePublicOnly) {
  IcpcScoreboard board({kA, kB}, {1, 2, 3}, IcpcOptions{20, at(60)});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(50), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(2, 2, kB, at(55), Verdict::WrongAnswer)));
  ASSERT_TRUE(board.apply(submission(3, 3, kA, at(59, 59, 999), Verdict::Accepted)));
  // From the freeze on (exactly 60:00.000 included), the public sees pending cells.
  ASSERT_TRUE(board.apply(submission(4, 2, kB, at(60), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(5, 2, kA, at(70), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(6, 3, kB, at(75), Verdict::WrongAnswer)));
  // Team 1 solved A before the freeze: its later tries do not count in either view.
  ASSERT_TRUE(board.apply(submission(7, 1, kA, at(80), Verdict::WrongAnswer)));

  EXPECT_EQ(render(board.rows(ScoreboardView::Public)), (Lines{
                                                            "1 1 1 50 | 1/0 @50* 0/0",
                                                            "2 3 1 59 | 1/0 @59 0/1",
                                                            "3 2 0 0 | 0/1 1/1",
                                                        }));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{
                                                          "1 2 2 150 | 1/0 @70 2/0 @60*",
                                                          "2 1 1 50 | 1/0 @50* 0/0",
                                                          "3 3 1 59 | 1/0 @59 1/0",
                                                      }));
  expectMatchesRebuild(board);
}

TEST(IcpcScoreboardTest, VerdictsAfterTheFreezeChangeOnlyTheJuryView) {
  IcpcScoreboard board({kA}, {1, 2}, IcpcOptions{20, at(60)});
  // A new submission after the freeze adds a pending try to the public row...
  auto queued = board.apply(submission(1, 2, kA, at(65), std::nullopt));
  ASSERT_TRUE(queued.has_value());
  EXPECT_EQ(queued->publicRows, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(queued->juryRows, (std::vector<std::int64_t>{2}));
  // ...but its verdict is news for the jury alone: team 2 overtakes team 1 there.
  auto judged = board.apply(submission(1, 2, kA, at(65), Verdict::Accepted));
  ASSERT_TRUE(judged.has_value());
  EXPECT_TRUE(judged->publicRows.empty());
  EXPECT_EQ(judged->juryRows, (std::vector<std::int64_t>{2, 1}));
}

TEST(IcpcScoreboardTest, ChangeListsOnlyRowsThatChanged) {
  IcpcScoreboard board({kA}, {1, 2, 3, 4});
  // All four tie at rank 1; team 4 solving puts it first and moves the others to rank 2.
  auto solved = board.apply(submission(1, 4, kA, at(10), Verdict::Accepted));
  ASSERT_TRUE(solved.has_value());
  EXPECT_EQ(solved->juryRows, (std::vector<std::int64_t>{4, 1, 2, 3}));
  // A rejection at the bottom changes that row only.
  auto rejected = board.apply(submission(2, 3, kA, at(11), Verdict::WrongAnswer));
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(rejected->juryRows, (std::vector<std::int64_t>{3}));
  // A compile error changes nothing anyone can see.
  auto compileError = board.apply(submission(3, 2, kA, at(12), Verdict::CompileError));
  ASSERT_TRUE(compileError.has_value());
  EXPECT_TRUE(compileError->empty());
  // The same verdict delivered twice changes nothing either.
  auto again = board.apply(submission(2, 3, kA, at(11), Verdict::WrongAnswer));
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->empty());
}

TEST(IcpcScoreboardTest, FirstToSolveIsSharedInTheSameMillisecondAndMovesOnRejudge) {
  IcpcScoreboard board({kA}, {1, 2, 3});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(12, 0, 500), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(2, 2, kA, at(12, 0, 500), Verdict::Accepted)));
  ASSERT_TRUE(board.apply(submission(3, 3, kA, at(12, 0, 501), Verdict::Accepted)));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{
                                                          "1 1 1 12 | 1/0 @12*",
                                                          "1 2 1 12 | 1/0 @12*",
                                                          "1 3 1 12 | 1/0 @12",
                                                      }));
  // Both early solves are rejudged wrong: team 3 is now the first to solve.
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(12, 0, 500), Verdict::WrongAnswer)));
  auto change = board.apply(submission(2, 2, kA, at(12, 0, 500), Verdict::WrongAnswer));
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)), (Lines{
                                                          "1 3 1 12 | 1/0 @12*",
                                                          "2 1 0 0 | 1/0",
                                                          "2 2 0 0 | 1/0",
                                                      }));
  EXPECT_NE(std::find(change->juryRows.begin(), change->juryRows.end(), 3),
            change->juryRows.end());
  expectMatchesRebuild(board);
}

TEST(IcpcScoreboardTest, LateTeamJoinsAtTheBottomSharingTheZeroRank) {
  IcpcScoreboard board({kA}, {1, 2});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(3), Verdict::Accepted)));
  auto added = board.addTeam(9);
  ASSERT_TRUE(added.has_value());
  EXPECT_EQ(added->juryRows, (std::vector<std::int64_t>{9}));
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)),
            (Lines{"1 1 1 3 | 1/0 @3*", "2 2 0 0 | 0/0", "2 9 0 0 | 0/0"}));
  ASSERT_TRUE(board.apply(submission(2, 9, kA, at(4), Verdict::Accepted)));
  EXPECT_EQ(board.row(ScoreboardView::Jury, 9).rank, 2);
  EXPECT_EQ(board.addTeam(9).error().code, ErrorCode::Conflict);
}

TEST(IcpcScoreboardTest, RefusesSubmissionsItCannotPlace) {
  IcpcScoreboard board({kA}, {1, 2});
  EXPECT_EQ(board.apply(submission(1, 99, kA, at(1), Verdict::Accepted)).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(board.apply(submission(1, 1, 999, at(1), Verdict::Accepted)).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(board.apply(submission(1, 1, kA, -at(1), Verdict::Accepted)).error().code,
            ErrorCode::InvalidArgument);
  ASSERT_TRUE(board.apply(submission(5, 1, kA, at(1), Verdict::WrongAnswer)));
  // The same id for another team would let one team's rejudge rewrite another's row.
  EXPECT_EQ(board.apply(submission(5, 2, kA, at(1), Verdict::Accepted)).error().code,
            ErrorCode::InvalidArgument);
  // Nothing refused left a trace.
  EXPECT_EQ(render(board.rows(ScoreboardView::Jury)),
            (Lines{"1 1 0 0 | 1/0", "1 2 0 0 | 0/0"}));
}

TEST(IcpcScoreboardTest, RandomStreamWithRejudgesAlwaysEqualsFullRecomputation) {
  std::mt19937 random(20261126);
  std::vector<std::int64_t> problems{1, 2, 3, 4, 5};
  std::vector<std::int64_t> teams;
  for (std::int64_t t = 1; t <= 30; ++t) teams.push_back(t);
  IcpcScoreboard board(problems, teams, IcpcOptions{20, at(200)});
  const std::array verdicts{Verdict::Accepted,    Verdict::WrongAnswer, Verdict::TimeLimitExceeded,
                            Verdict::CompileError, Verdict::JudgeError,  Verdict::RuntimeError};
  std::vector<ScoredSubmission> sent;
  for (int step = 0; step < 3000; ++step) {
    ScoredSubmission s;
    if (!sent.empty() && random() % 4 == 0) {
      s = sent[random() % sent.size()];  // a rejudge, or the verdict of a pending one
    } else {
      s = submission(static_cast<std::int64_t>(sent.size() + 1), teams[random() % teams.size()],
                     problems[random() % problems.size()],
                     std::chrono::milliseconds(random() % (300 * 60 * 1000)), std::nullopt);
      sent.push_back(s);
    }
    if (random() % 5 != 0) s.verdict = verdicts[random() % verdicts.size()];
    else s.verdict.reset();
    ASSERT_TRUE(board.apply(s).has_value());
    if (step % 50 == 0) {
      ASSERT_NO_FATAL_FAILURE(expectMatchesRebuild(board)) << "step " << step;
    }
  }
  expectMatchesRebuild(board);
}

}  // namespace
}  // namespace arena::scoring
