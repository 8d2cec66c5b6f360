// The awards-ceremony reveal against hand-worked contests: the order of reveals, each cell's
// result and the ranks after every step were worked out on paper from the rules in resolver.hpp.

#include "arena/scoring/resolver.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "scoreboard_test_support.hpp"

namespace arena::scoring {
namespace {

using model::Verdict;
using testing::at;
using testing::render;
using testing::submission;
using Lines = std::vector<std::string>;

constexpr std::int64_t kA = 101, kB = 102;

// Four teams, two problems, frozen at minute 60.
//   before the freeze: team 1 solves A at 10 (first to solve), teams 2 and 3 solve A at 20 (a tie:
//   same solved count, penalty and last solve; listed by id, so team 3 is the lower of the two);
//   team 4 has nothing.
//   after the freeze (pending on the public board): team 4 solves A at 65 and fails B at 70;
//   team 3 fails B at 61 then solves it at 75 (75 + 20 = 95, 115 in all; first to solve B);
//   team 2 fails B at 62.
IcpcScoreboard frozenContest() {
  IcpcScoreboard board({kA, kB}, {1, 2, 3, 4}, {20, at(60)});
  for (const auto& s : {
           submission(1, 1, kA, at(10), Verdict::Accepted),
           submission(2, 2, kA, at(20), Verdict::Accepted),
           submission(3, 3, kA, at(20), Verdict::Accepted),
           submission(4, 4, kA, at(65), Verdict::Accepted),
           submission(5, 4, kB, at(70), Verdict::WrongAnswer),
           submission(6, 3, kB, at(61), Verdict::WrongAnswer),
           submission(7, 3, kB, at(75), Verdict::Accepted),
           submission(8, 2, kB, at(62), Verdict::WrongAnswer),
       }) {
    EXPECT_TRUE(board.apply(s).has_value());
  }
  return board;
}

TEST(IcpcResolver, StartsFromTheFrozenPublicBoard) {
  const auto board = frozenContest();
  const auto resolver = makeResolver(board);
  EXPECT_EQ(render(resolver.rows()), (Lines{
                                         "1 1 1 10 | 1/0 @10* 0/0",
                                         "2 2 1 20 | 1/0 @20 0/1",
                                         "2 3 1 20 | 1/0 @20 0/2",
                                         "4 4 0 0 | 0/1 0/1",
                                     }));
  EXPECT_EQ(resolver.remaining(), 4u);
  EXPECT_EQ(resolver.revealed(), 0u);
}

TEST(IcpcResolver, RevealsBottomUpLowestLabelFirstAndReranksAfterEachStep) {
  const auto board = frozenContest();
  auto resolver = makeResolver(board);

  // 1. Team 4 is last: its A (the lowest label) is solved at 65; still last (65 > 20).
  auto step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{4, kA}));
  EXPECT_EQ(step->result, RevealResult::Solved);
  EXPECT_EQ(step->oldRank, 4);
  EXPECT_EQ(step->newRank, 4);
  EXPECT_EQ(step->changedRows, (std::vector<std::int64_t>{4}));
  EXPECT_EQ(resolver.remaining(), 3u);

  // 2. Team 4 still has B pending: rejected, nothing moves.
  step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{4, kB}));
  EXPECT_EQ(step->result, RevealResult::Rejected);
  EXPECT_EQ(step->newRank, 4);
  EXPECT_EQ(render(resolver.rows()), (Lines{
                                         "1 1 1 10 | 1/0 @10* 0/0",
                                         "2 2 1 20 | 1/0 @20 0/1",
                                         "2 3 1 20 | 1/0 @20 0/2",
                                         "4 4 1 65 | 1/0 @65 1/0",
                                     }));

  // 3. Team 4 is done: the reveal moves up to the tie at rank 2, whose lower row is team 3. Its B
  //    is solved (first to solve B) and it overtakes everyone: teams 1 and 2 each drop a place.
  step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{3, kB}));
  EXPECT_EQ(step->result, RevealResult::Solved);
  EXPECT_EQ(step->oldRank, 2);
  EXPECT_EQ(step->newRank, 1);
  auto changed = step->changedRows;
  std::sort(changed.begin(), changed.end());
  EXPECT_EQ(changed, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(render(resolver.rows()), (Lines{
                                         "1 3 2 115 | 1/0 @20 2/0 @75*",
                                         "2 1 1 10 | 1/0 @10* 0/0",
                                         "3 2 1 20 | 1/0 @20 0/1",
                                         "4 4 1 65 | 1/0 @65 1/0",
                                     }));

  // 4. The lowest row with a pending cell is now team 2 (rank 3): its B is rejected.
  step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{2, kB}));
  EXPECT_EQ(step->result, RevealResult::Rejected);
  EXPECT_EQ(step->oldRank, 3);
  EXPECT_EQ(step->newRank, 3);
  EXPECT_EQ(resolver.remaining(), 0u);
  EXPECT_EQ(resolver.revealed(), 4u);

  // Nothing left: the revealed board is the jury's, exactly.
  EXPECT_FALSE(resolver.step());
  EXPECT_FALSE(resolver.next());
  EXPECT_EQ(resolver.rows(), board.rows(ScoreboardView::Jury));
}

TEST(IcpcResolver, ReplayingRevealedCellsContinuesWhereItStopped) {
  const auto board = frozenContest();
  auto first = makeResolver(board);
  std::vector<RevealedCell> done;
  for (int i = 0; i < 3; ++i) done.push_back(first.step()->cell);

  auto replayed = makeResolver(board);
  for (const auto& cell : done) ASSERT_TRUE(replayed.reveal(cell).has_value());
  EXPECT_EQ(replayed.rows(), first.rows());
  EXPECT_EQ(replayed.remaining(), 1u);
  EXPECT_EQ(replayed.next(), (std::optional<RevealedCell>{RevealedCell{2, kB}}));
}

TEST(IcpcResolver, RefusesACellThatIsNotPending) {
  const auto board = frozenContest();
  auto resolver = makeResolver(board);
  EXPECT_EQ(resolver.reveal({1, kA}).error().code, ErrorCode::InvalidArgument);  // never pending
  EXPECT_EQ(resolver.reveal({9, kA}).error().code, ErrorCode::InvalidArgument);  // no such team
  EXPECT_EQ(resolver.reveal({4, 999}).error().code, ErrorCode::InvalidArgument);
  ASSERT_TRUE(resolver.reveal({4, kB}).has_value());  // out of order is allowed (replay)
  EXPECT_EQ(resolver.reveal({4, kB}).error().code, ErrorCode::InvalidArgument);  // twice
  EXPECT_EQ(resolver.remaining(), 3u);
}

TEST(IcpcResolver, ACellTheJuryHasNotJudgedIsRevealedAsPending) {
  IcpcScoreboard board({kA}, {1, 2}, {20, at(60)});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(10), Verdict::Accepted)).has_value());
  ASSERT_TRUE(board.apply(submission(2, 2, kA, at(70), std::nullopt)).has_value());
  auto resolver = makeResolver(board);
  const auto step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{2, kA}));
  EXPECT_EQ(step->result, RevealResult::Pending);
  EXPECT_EQ(resolver.remaining(), 0u);
  EXPECT_FALSE(resolver.step());
}

TEST(IcpcResolver, ABoardWithoutPendingCellsHasNothingToReveal) {
  IcpcScoreboard board({kA}, {1, 2}, {20, at(60)});
  ASSERT_TRUE(board.apply(submission(1, 1, kA, at(10), Verdict::Accepted)).has_value());
  auto resolver = makeResolver(board);
  EXPECT_EQ(resolver.remaining(), 0u);
  EXPECT_FALSE(resolver.step());
}

// IOI, frozen at 60, one subtask per problem (best per subtask = the best score).
//   team 1: A 100 at 10.  team 2: A 60 at 20; after the freeze B 50 at 70 (110 in all).
//   team 3: A 80 at 30; after the freeze A 90 at 65 (90 in all).
TEST(IoiResolver, RevealsByScoreFromTheBottom) {
  IoiScoreboard board({kA, kB}, {1, 2, 3}, {IoiScoring::BestPerSubtask, at(60)});
  for (const auto& s : {
           submission(1, 1, kA, at(10), Verdict::Accepted, {100}),
           submission(2, 2, kA, at(20), Verdict::WrongAnswer, {60}),
           submission(3, 3, kA, at(30), Verdict::WrongAnswer, {80}),
           submission(4, 2, kB, at(70), Verdict::WrongAnswer, {50}),
           submission(5, 3, kA, at(65), Verdict::WrongAnswer, {90}),
       }) {
    ASSERT_TRUE(board.apply(s).has_value());
  }
  auto resolver = makeResolver(board);
  EXPECT_EQ(render(resolver.rows()), (Lines{
                                         "1 1 100 | 100(1/0) 0(0/0)",
                                         "2 3 80 | 80(1/1) 0(0/0)",
                                         "3 2 60 | 60(1/0) 0(0/1)",
                                     }));
  EXPECT_EQ(resolver.remaining(), 2u);

  // 1. Team 2 is last: B scores 50, 110 in all: from third to first.
  auto step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{2, kB}));
  EXPECT_EQ(step->result, RevealResult::Scored);
  EXPECT_DOUBLE_EQ(step->score, 50.0);
  EXPECT_EQ(step->oldRank, 3);
  EXPECT_EQ(step->newRank, 1);

  // 2. Team 3 is now last: A rises to 90, still third.
  step = resolver.step();
  ASSERT_TRUE(step);
  EXPECT_EQ(step->cell, (RevealedCell{3, kA}));
  EXPECT_DOUBLE_EQ(step->score, 90.0);
  EXPECT_EQ(step->oldRank, 3);
  EXPECT_EQ(step->newRank, 3);
  EXPECT_EQ(render(resolver.rows()), (Lines{
                                         "1 2 110 | 60(1/0) 50(1/0)",
                                         "2 1 100 | 100(1/0) 0(0/0)",
                                         "3 3 90 | 90(2/0) 0(0/0)",
                                     }));
  EXPECT_FALSE(resolver.step());
  EXPECT_EQ(resolver.rows(), board.rows(ScoreboardView::Jury));
}

TEST(RevealResult, HasWireNames) {
  EXPECT_STREQ(revealResultName(RevealResult::Solved), "solved");
  EXPECT_STREQ(revealResultName(RevealResult::Rejected), "rejected");
  EXPECT_STREQ(revealResultName(RevealResult::Pending), "pending");
  EXPECT_STREQ(revealResultName(RevealResult::Scored), "scored");
}

}  // namespace
}  // namespace arena::scoring
