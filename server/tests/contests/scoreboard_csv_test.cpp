#include "features/contests/scoreboard_csv.hpp"

#include <gtest/gtest.h>

namespace arena::server::contests {
namespace {

using namespace std::chrono_literals;

ContestBoard icpcBoard() {
  storage::ContestRecord contest;
  contest.contest.problems = {{10, "A", ""}, {11, "B", ""}};
  std::vector<storage::ContestTeam> teams = {{1, "Lovelace, Ada", {}}, {2, "=cmd()", {}}};
  scoring::IcpcScoreboard board({10, 11}, {1, 2});
  auto apply = [&](std::int64_t id, std::int64_t team, std::int64_t problem,
                   std::chrono::minutes at, model::Verdict verdict) {
    ASSERT_TRUE(board.apply({id, team, problem, at, verdict, {}}).has_value());
  };
  apply(1, 1, 10, 10min, model::Verdict::WrongAnswer);
  apply(2, 1, 10, 20min, model::Verdict::Accepted);
  apply(3, 2, 11, 5min, model::Verdict::WrongAnswer);
  return ContestBoard{contest, teams, {}, std::move(board), {}};
}

TEST(ScoreboardCsvTest, IcpcRowsInRankOrderWithCellsAndQuotedNames) {
  const auto csv = scoreboardCsv(icpcBoard(), scoring::ScoreboardView::Jury);
  EXPECT_EQ(csv,
            "rank,team_id,team,solved,penalty,A,B\r\n"
            "1,1,\"Lovelace, Ada\",1,40,20+1,\r\n"
            "2,2,'=cmd(),0,0,,-1\r\n");
}

TEST(ScoreboardCsvTest, IoiTotalsAndScores) {
  storage::ContestRecord contest;
  contest.contest.rules = model::ContestRules::Ioi;
  contest.contest.problems = {{10, "A", ""}};
  scoring::IoiScoreboard board({10}, {1});
  ASSERT_TRUE(
      board.apply({1, 1, 10, 1min, model::Verdict::WrongAnswer, {100.0 / 3, 100.0 / 3, 0.0}})
          .has_value());
  const ContestBoard wrapped{contest, {{1, "solo", {}}}, {}, std::move(board), {}};
  EXPECT_EQ(scoreboardCsv(wrapped, scoring::ScoreboardView::Jury),
            "rank,team_id,team,total,A\r\n1,1,solo,66.67,66.67\r\n");
}

TEST(ScoreboardCsvTest, FieldsAreQuotedAndDefused) {
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(csvField("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csvField("-1+1,2"), "\"'-1+1,2\"");
  EXPECT_EQ(formatScore(100), "100");
  EXPECT_EQ(formatScore(12.5), "12.5");
  EXPECT_EQ(formatScore(0), "0");
}

}  // namespace
}  // namespace arena::server::contests
