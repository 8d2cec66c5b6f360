#include "arena/scoring/scoreboard_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>
#include <vector>

namespace arena::scoring {
namespace {

template <class Number>
void appendNumber(std::string& out, Number value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error == std::errc{}) out.append(buffer, end);
}

void appendDouble(std::string& out, double value) {
  // JSON has no NaN or infinity; scoreboards only ever hold finite points.
  if (!std::isfinite(value)) value = 0.0;
  appendNumber(out, value);
}

void appendBool(std::string& out, bool value) { out += value ? "true" : "false"; }

const char* viewName(ScoreboardView view) {
  return view == ScoreboardView::Public ? "public" : "jury";
}

void appendRow(std::string& out, const IcpcRow& row, const std::vector<std::int64_t>& problems) {
  out += "{\"rank\":";
  appendNumber(out, row.rank);
  out += ",\"team_id\":";
  appendNumber(out, row.teamId);
  out += ",\"score\":{\"num_solved\":";
  appendNumber(out, row.numSolved);
  out += ",\"total_time\":";
  appendNumber(out, row.totalTime);
  out += "},\"problems\":[";
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const IcpcCell& cell = row.cells[i];
    if (i > 0) out += ',';
    out += "{\"problem_id\":";
    appendNumber(out, problems[i]);
    out += ",\"num_judged\":";
    appendNumber(out, cell.numJudged);
    out += ",\"num_pending\":";
    appendNumber(out, cell.numPending);
    out += ",\"solved\":";
    appendBool(out, cell.solved);
    if (cell.solved) {
      out += ",\"time\":";
      appendNumber(out, cell.time);
    }
    out += ",\"first_to_solve\":";
    appendBool(out, cell.firstToSolve);
    out += '}';
  }
  out += "]}";
}

void appendRow(std::string& out, const IoiRow& row, const std::vector<std::int64_t>& problems) {
  out += "{\"rank\":";
  appendNumber(out, row.rank);
  out += ",\"team_id\":";
  appendNumber(out, row.teamId);
  out += ",\"score\":{\"total\":";
  appendDouble(out, row.total);
  out += "},\"problems\":[";
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const IoiCell& cell = row.cells[i];
    if (i > 0) out += ',';
    out += "{\"problem_id\":";
    appendNumber(out, problems[i]);
    out += ",\"score\":";
    appendDouble(out, cell.score);
    out += ",\"num_judged\":";
    appendNumber(out, cell.numJudged);
    out += ",\"num_pending\":";
    appendNumber(out, cell.numPending);
    out += '}';
  }
  out += "]}";
}

// Rows of `board` in ranking order, all of them or only those of `only`.
template <class Board>
void boardJson(std::string& out, const Board& board, ScoreboardView view,
               const std::span<const std::int64_t>* only) {
  const auto& rows = board.rows(view);
  std::vector<std::int64_t> wanted;
  if (only) {
    wanted.assign(only->begin(), only->end());
    std::sort(wanted.begin(), wanted.end());
  }
  out.clear();
  out.reserve(64 + (only ? only->size() : rows.size()) * (48 + 96 * board.problemIds().size()));
  out += "{\"view\":\"";
  out += viewName(view);
  out += "\",\"rows\":[";
  bool first = true;
  for (const auto& row : rows) {
    if (only && !std::binary_search(wanted.begin(), wanted.end(), row.teamId)) continue;
    if (!first) out += ',';
    first = false;
    appendRow(out, row, board.problemIds());
  }
  out += "]}";
}

template <class Board>
std::string boardJson(const Board& board, ScoreboardView view,
                      const std::span<const std::int64_t>* only) {
  std::string out;
  boardJson(out, board, view, only);
  return out;
}

}  // namespace

std::string toJson(const IcpcScoreboard& board, ScoreboardView view) {
  return boardJson(board, view, nullptr);
}

std::string rowsToJson(const IcpcScoreboard& board, ScoreboardView view,
                       std::span<const std::int64_t> teamIds) {
  return boardJson(board, view, &teamIds);
}

std::string toJson(const IoiScoreboard& board, ScoreboardView view) {
  return boardJson(board, view, nullptr);
}

void writeJson(std::string& out, const IcpcScoreboard& board, ScoreboardView view) {
  boardJson(out, board, view, nullptr);
}

void writeJson(std::string& out, const IoiScoreboard& board, ScoreboardView view) {
  boardJson(out, board, view, nullptr);
}

std::string rowsToJson(const IoiScoreboard& board, ScoreboardView view,
                       std::span<const std::int64_t> teamIds) {
  return boardJson(board, view, &teamIds);
}

void writeJson(std::string& out, const IcpcResolver& resolver) {
  boardJson(out, resolver, ScoreboardView::Public, nullptr);
}

void writeJson(std::string& out, const IoiResolver& resolver) {
  boardJson(out, resolver, ScoreboardView::Public, nullptr);
}

std::string rowsToJson(const IcpcResolver& resolver, std::span<const std::int64_t> teamIds) {
  return boardJson(resolver, ScoreboardView::Public, &teamIds);
}

std::string rowsToJson(const IoiResolver& resolver, std::span<const std::int64_t> teamIds) {
  return boardJson(resolver, ScoreboardView::Public, &teamIds);
}

}  // namespace arena::scoring
