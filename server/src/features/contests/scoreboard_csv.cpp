#include "features/contests/scoreboard_csv.hpp"

#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace arena::server::contests {

std::string csvField(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
    value.insert(0, 1, '\'');
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string formatScore(double score) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::round(score * 100.0) / 100.0);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

namespace {

std::string icpcCell(const scoring::IcpcCell& cell) {
  if (cell.solved) return std::to_string(cell.time) + "+" + std::to_string(cell.numJudged - 1);
  if (cell.numJudged > 0) return "-" + std::to_string(cell.numJudged);
  return "";
}

}  // namespace

std::string scoreboardCsv(const ContestBoard& board, scoring::ScoreboardView view) {
  std::unordered_map<std::int64_t, std::string> names;
  for (const auto& team : board.teams) names[team.id] = team.name;
  const bool icpc = std::holds_alternative<scoring::IcpcScoreboard>(board.board);
  std::string out = icpc ? "rank,team_id,team,solved,penalty" : "rank,team_id,team,total";
  for (const auto& problem : board.contest.contest.problems) out += "," + csvField(problem.label);
  out += "\r\n";
  if (icpc) {
    for (const auto& row : std::get<scoring::IcpcScoreboard>(board.board).rows(view)) {
      out += std::to_string(row.rank) + "," + std::to_string(row.teamId) + "," +
             csvField(names[row.teamId]) + "," + std::to_string(row.numSolved) + "," +
             std::to_string(row.totalTime);
      for (const auto& cell : row.cells) out += "," + icpcCell(cell);
      out += "\r\n";
    }
  } else {
    for (const auto& row : std::get<scoring::IoiScoreboard>(board.board).rows(view)) {
      out += std::to_string(row.rank) + "," + std::to_string(row.teamId) + "," +
             csvField(names[row.teamId]) + "," + formatScore(row.total);
      for (const auto& cell : row.cells) out += "," + formatScore(cell.score);
      out += "\r\n";
    }
  }
  return out;
}

}  // namespace arena::server::contests
