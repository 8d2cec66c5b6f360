#include "arena/scoring/resolver.hpp"

#include <algorithm>

namespace arena::scoring {

const char* revealResultName(RevealResult result) {
  switch (result) {
    case RevealResult::Solved: return "solved";
    case RevealResult::Rejected: return "rejected";
    case RevealResult::Pending: return "pending";
    case RevealResult::Scored: return "scored";
  }
  return "pending";
}

// The same totals the boards compute (icpc_scoreboard.cpp, ioi_scoreboard.cpp).
void summarise(IcpcRow& row) {
  row.numSolved = 0;
  row.totalTime = 0;
  row.lastSolvedTime = 0;
  for (const IcpcCell& cell : row.cells) {
    if (!cell.solved) continue;
    ++row.numSolved;
    row.totalTime += cell.penalty;
    row.lastSolvedTime = std::max(row.lastSolvedTime, cell.time);
  }
}

void summarise(IoiRow& row) {
  row.total = 0.0;
  for (const IoiCell& cell : row.cells) row.total += cell.score;
}

bool isPending(const IcpcCell& cell) { return cell.numPending > 0; }
bool isPending(const IoiCell& cell) { return cell.numPending > 0; }

RevealResult resultOf(const IcpcCell& cell) {
  if (cell.solved) return RevealResult::Solved;
  return cell.numPending > 0 ? RevealResult::Pending : RevealResult::Rejected;
}

RevealResult resultOf(const IoiCell& cell) {
  return cell.numPending > 0 && cell.numJudged == 0 ? RevealResult::Pending : RevealResult::Scored;
}

double scoreOf(const IcpcCell&) { return 0.0; }
double scoreOf(const IoiCell& cell) { return cell.score; }

IcpcResolver makeResolver(const IcpcScoreboard& board) {
  return IcpcResolver(board.problemIds(), board.rows(ScoreboardView::Public),
                      board.rows(ScoreboardView::Jury));
}

IoiResolver makeResolver(const IoiScoreboard& board) {
  return IoiResolver(board.problemIds(), board.rows(ScoreboardView::Public),
                     board.rows(ScoreboardView::Jury));
}

}  // namespace arena::scoring
