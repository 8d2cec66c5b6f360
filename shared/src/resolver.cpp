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
