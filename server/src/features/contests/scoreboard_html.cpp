#include "features/contests/scoreboard_html.hpp"

#include <unordered_map>

#include "arena/core/html_escape.hpp"
#include "features/contests/scoreboard_csv.hpp"

namespace arena::server::contests {

namespace {

constexpr std::string_view kStyle =
    "body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#111}"
    "h1{margin:0 0 .25rem}p.meta{margin:0 0 1rem;color:#555}"
    "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
    "text-align:center}td.team{text-align:left}thead th{background:#f3f4f6}"
    "td.solved{background:#bbf7d0}td.first{background:#4ade80;font-weight:600}"
    "td.failed{background:#fecaca}td.pending{background:#fef08a}small{color:#444}";

bool isHexColour(const std::string& colour) {
  if (colour.size() != 7 || colour[0] != '#') return false;
  for (std::size_t i = 1; i < colour.size(); ++i) {
    const char c = colour[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

std::string tries(std::int32_t count) {
  return std::to_string(count) + (count == 1 ? " try" : " tries");
}

std::string icpcCell(const scoring::IcpcCell& cell) {
  if (cell.solved) {
    return std::string("<td class=\"solved") + (cell.firstToSolve ? " first" : "") + "\">" +
           std::to_string(cell.time) + "<br><small>" + tries(cell.numJudged) + "</small></td>";
  }
  if (cell.numPending > 0) {
    return "<td class=\"pending\">?<br><small>" + tries(cell.numJudged + cell.numPending) +
           "</small></td>";
  }
  if (cell.numJudged > 0) return "<td class=\"failed\">-" + std::to_string(cell.numJudged) + "</td>";
  return "<td></td>";
}

std::string ioiCell(const scoring::IoiCell& cell) {
  if (cell.numPending > 0) return "<td class=\"pending\">" + formatScore(cell.score) + "?</td>";
  if (cell.numJudged == 0) return "<td></td>";
  return "<td>" + formatScore(cell.score) + "</td>";
}

}  // namespace

std::string scoreboardHtml(const ContestBoard& board, const HtmlBoardOptions& options) {
  const auto& contest = board.contest.contest;
  const bool icpc = std::holds_alternative<scoring::IcpcScoreboard>(board.board);
  std::unordered_map<std::int64_t, std::string> names;
  for (const auto& team : board.teams) names[team.id] = escapeHtml(team.name);
  const std::string title = escapeHtml(contest.name);

  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>" + title + " - scoreboard</title><style>" + std::string(kStyle) +
      "</style></head>\n<body><h1>" + title + "</h1><p class=\"meta\">" +
      (icpc ? "ICPC rules" : "IOI rules") + " &middot; " +
      (options.view == scoring::ScoreboardView::Jury ? "jury board" : "public board") +
      (options.frozen ? " &middot; frozen: cells marked ? were judged after the freeze" : "") +
      " &middot; generated " + formatTimestamp(options.generatedAt) + "</p>\n<table><thead><tr>" +
      (icpc ? "<th>Rank</th><th>Team</th><th>Solved</th><th>Penalty</th>"
            : "<th>Rank</th><th>Team</th><th>Total</th>");
  for (const auto& problem : contest.problems) {
    out += "<th";
    if (isHexColour(problem.color)) out += " style=\"border-top:4px solid " + problem.color + "\"";
    out += ">" + escapeHtml(problem.label) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  const auto rowStart = [&](std::int32_t rank, std::int64_t teamId) {
    return "<tr><td>" + std::to_string(rank) + "</td><td class=\"team\">" + names[teamId] +
           "</td>";
  };
  if (icpc) {
    for (const auto& row : std::get<scoring::IcpcScoreboard>(board.board).rows(options.view)) {
      out += rowStart(row.rank, row.teamId) + "<td>" + std::to_string(row.numSolved) +
             "</td><td>" + std::to_string(row.totalTime) + "</td>";
      for (const auto& cell : row.cells) out += icpcCell(cell);
      out += "</tr>\n";
    }
  } else {
    for (const auto& row : std::get<scoring::IoiScoreboard>(board.board).rows(options.view)) {
      out += rowStart(row.rank, row.teamId) + "<td>" + formatScore(row.total) + "</td>";
      for (const auto& cell : row.cells) out += ioiCell(cell);
      out += "</tr>\n";
    }
  }
  out += "</tbody></table></body></html>\n";
  return out;
}

}  // namespace arena::server::contests
