#include "features/contests/scoreboard_html.hpp"

#include <gtest/gtest.h>

namespace arena::server::contests {
namespace {

using namespace std::chrono_literals;

// Two teams, two problems, frozen at minute 60: Ada solves A after a wrong try, the second team
// (a hostile name) gets B wrong, then submits A after the freeze.
ContestBoard frozenBoard() {
  storage::ContestRecord contest;
  contest.contest.name = "Spring <Cup> & \"Final\"";
  contest.contest.problems = {{10, "A", "#ff0000"}, {11, "B", "red;background:url(x)"}};
  std::vector<storage::ContestTeam> teams = {{1, "Ada", {}},
                                             {2, "<script>alert(1)</script>", {}}};
  scoring::IcpcOptions options;
  options.freezeAt = 60min;
  scoring::IcpcScoreboard board({10, 11}, {1, 2}, options);
  auto apply = [&](std::int64_t id, std::int64_t team, std::int64_t problem,
                   std::chrono::minutes at, model::Verdict verdict) {
    ASSERT_TRUE(board.apply({id, team, problem, at, verdict, {}}).has_value());
  };
  apply(1, 1, 10, 10min, model::Verdict::WrongAnswer);
  apply(2, 1, 10, 20min, model::Verdict::Accepted);
  apply(3, 2, 11, 5min, model::Verdict::WrongAnswer);
  apply(4, 2, 10, 70min, model::Verdict::Accepted);
  return ContestBoard{contest, teams, {}, std::move(board), {}};
}

HtmlBoardOptions publicFrozen() {
  HtmlBoardOptions options;
  options.frozen = true;
  options.generatedAt = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
  return options;
}

TEST(ScoreboardHtmlTest, NamesAreEscapedAndOnlyPlainColoursAreUsed) {
  const std::string html = scoreboardHtml(frozenBoard(), publicFrozen());
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<title>Spring &lt;Cup&gt; &amp; &quot;Final&quot; - scoreboard</title>"),
            std::string::npos);
  EXPECT_NE(html.find("border-top:4px solid #ff0000"), std::string::npos);
  EXPECT_EQ(html.find("url(x)"), std::string::npos) << "a colour that is not #rrggbb is dropped";
  EXPECT_EQ(html.find("<link"), std::string::npos) << "nothing loaded from outside";
  EXPECT_EQ(html.find("src="), std::string::npos);
}

TEST(ScoreboardHtmlTest, ThePublicFrozenBoardShowsPendingCellsAndTheJuryBoardTheTruth) {
  const std::string open = scoreboardHtml(frozenBoard(), publicFrozen());
  EXPECT_NE(open.find("frozen: cells marked ? were judged after the freeze"), std::string::npos);
  EXPECT_NE(open.find("<tr><td>1</td><td class=\"team\">Ada</td><td>1</td><td>40</td>"
                      "<td class=\"solved first\">20<br><small>2 tries</small></td><td></td></tr>"),
            std::string::npos)
      << open;
  EXPECT_NE(open.find("<td class=\"pending\">?<br><small>1 try</small></td>"
                      "<td class=\"failed\">-1</td></tr>"),
            std::string::npos)
      << open;

  HtmlBoardOptions jury;
  jury.view = scoring::ScoreboardView::Jury;
  const std::string truth = scoreboardHtml(frozenBoard(), jury);
  EXPECT_EQ(truth.find("class=\"pending\""), std::string::npos) << "the jury sees every verdict";
  EXPECT_NE(truth.find("jury board"), std::string::npos);
  EXPECT_NE(truth.find("<td class=\"solved\">70<br><small>1 try</small></td>"), std::string::npos)
      << truth;
}

TEST(ScoreboardHtmlTest, IoiBoardsShowTotalsAndScores) {
  storage::ContestRecord contest;
  contest.contest.name = "IOI day 1";
  contest.contest.rules = model::ContestRules::Ioi;
  contest.contest.problems = {{10, "A", ""}};
  scoring::IoiScoreboard board({10}, {1});
  ASSERT_TRUE(board.apply({1, 1, 10, 1min, model::Verdict::WrongAnswer, {50.0, 25.0, 0.0}})
                  .has_value());
  const ContestBoard wrapped{contest, {{1, "solo", {}}}, {}, std::move(board), {}};
  const std::string html = scoreboardHtml(wrapped, {});
  EXPECT_NE(html.find("IOI rules"), std::string::npos);
  EXPECT_NE(html.find("<th>Rank</th><th>Team</th><th>Total</th><th>A</th>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"team\">solo</td><td>75</td><td>75</td>"), std::string::npos)
      << html;
}

}  // namespace
}  // namespace arena::server::contests
