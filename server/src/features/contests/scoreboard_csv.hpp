#pragma once
// A board as CSV for proctors' records (the export): one line per team in ranking order.
//
//   ICPC: rank,team_id,team,solved,penalty,A,B,...   a cell is "<minute>+<rejected tries>" when
//         solved ("47+1"), "-<tries>" when tried and not solved, empty when never tried.
//   IOI:  rank,team_id,team,total,A,B,...             a cell is the problem's score.
// Team names are quoted as RFC 4180 asks, and a name a spreadsheet would run as a formula
// (starting with = + - @) gets a leading apostrophe.

#include <string>

#include "features/contests/contest_boards.hpp"

namespace arena::server::contests {

std::string scoreboardCsv(const ContestBoard& board, scoring::ScoreboardView view);
// One CSV field, quoted and defused as above.
std::string csvField(const std::string& text);
// Scores print with up to two decimals and no trailing zeros ("33.33", "100").
std::string formatScore(double score);

}  // namespace arena::server::contests
