#pragma once
// Helpers for the scoreboard tests: submissions written as (team, problem, mm:ss, verdict), and
// boards rendered as one line per row so expected tables read like a printed scoreboard.
//
//   ICPC row: "rank team solved total | cell cell ..."  cell: judged/pending[ @minute][*]
//             (* marks first to solve; "0/0" an untouched problem)
//   IOI row:  "rank team total | score(judged/pending) ..."

#include <cstdint>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "arena/scoring/icpc_scoreboard.hpp"
#include "arena/scoring/ioi_scoreboard.hpp"

namespace arena::scoring::testing {

inline ContestTime at(int minutes, int seconds = 0, int millis = 0) {
  return std::chrono::minutes(minutes) + std::chrono::seconds(seconds) +
         std::chrono::milliseconds(millis);
}

inline ScoredSubmission submission(std::int64_t id, std::int64_t team, std::int64_t problem,
                                   ContestTime time, std::optional<model::Verdict> verdict,
                                   std::vector<double> subtasks = {}) {
  return {id, team, problem, time, verdict, std::move(subtasks)};
}

inline std::vector<std::string> render(const std::vector<IcpcRow>& rows) {
  std::vector<std::string> lines;
  for (const IcpcRow& row : rows) {
    std::ostringstream line;
    line << row.rank << " " << row.teamId << " " << row.numSolved << " " << row.totalTime << " |";
    for (const IcpcCell& cell : row.cells) {
      line << " " << cell.numJudged << "/" << cell.numPending;
      if (cell.solved) line << " @" << cell.time;
      if (cell.firstToSolve) line << "*";
    }
    lines.push_back(line.str());
  }
  return lines;
}

inline std::vector<std::string> render(const std::vector<IoiRow>& rows) {
  std::vector<std::string> lines;
  for (const IoiRow& row : rows) {
    std::ostringstream line;
    line << row.rank << " " << row.teamId << " " << row.total << " |";
    for (const IoiCell& cell : row.cells)
      line << " " << cell.score << "(" << cell.numJudged << "/" << cell.numPending << ")";
    lines.push_back(line.str());
  }
  return lines;
}

}  // namespace arena::scoring::testing
