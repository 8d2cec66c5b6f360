#pragma once
// A board as one self-contained HTML page: the static scoreboard a proctor posts after the
// contest (on a wall screen, a web server, a USB stick). Inline CSS, no script, no outside
// resource, so it opens anywhere offline. Every team and contest name is escaped; a problem's
// colour is used only when it is a plain "#rrggbb".
//
//   ICPC: rank, team, solved, penalty, then a cell per problem: the minute of the first AC and
//         the tries it took (first solvers marked), "-n" for n rejected tries, "?" for pending.
//   IOI:  rank, team, total, then each problem's score.

#include <string>

#include "arena/core/timestamp.hpp"
#include "features/contests/contest_boards.hpp"

namespace arena::server::contests {

struct HtmlBoardOptions {
  scoring::ScoreboardView view = scoring::ScoreboardView::Public;
  bool frozen = false;  // the public view after the freeze: pending cells are hidden verdicts
  Timestamp generatedAt{};
};

std::string scoreboardHtml(const ContestBoard& board, const HtmlBoardOptions& options);

}  // namespace arena::server::contests
