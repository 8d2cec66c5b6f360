#pragma once
// Theory of operation: the ICPC scoreboard, kept up to date one submission at a time.
//
// Rules (ICPC World Finals as the ccs-specs Contest API scoreboard describes them):
// - a problem is solved by its first accepted submission; submissions after it do not count;
// - its penalty is the contest minute of that submission (rounded down) plus `penaltyPerTry`
//   (20) minutes for each earlier rejected try; compile errors and judge errors are not tries;
// - teams rank by solved count (more is better), then total penalty (less), then the minute of
//   their last first-accepted submission (earlier); teams equal in all three share a rank and
//   are listed by team id;
// - a problem's first-to-solve mark goes to the earliest first accepted submission (to the
//   millisecond; teams solving in the same millisecond all get it).
// Submissions are ordered by (time, id): two in the same millisecond count in id order.
// A judge error is the judge's fault: it shows as pending until the submission is judged again.
//
// Freeze: with `freezeAt`, the public view shows every submission made at or after it as
// pending; the jury view is always the truth. Both views are maintained side by side.
//
// Cost: apply() re-derives only the touched cell from that cell's own submissions (a handful),
// the team's row from its cells, moves that row to its new place (RankedRows) and renumbers the
// ranks: linear in the number of teams with a small constant, for each view. A full rebuild
// (rebuild()) re-derives every cell and sorts; it is kept as the reference the tests and the
// benchmark compare against.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/scoring/ranked_rows.hpp"
#include "arena/scoring/scored_submission.hpp"

namespace arena::scoring {

struct IcpcOptions {
  std::int64_t penaltyPerTry = 20;       // minutes for each rejected try before the first AC
  std::optional<ContestTime> freezeAt;   // since the start; none: never frozen
};

// One team on one problem.
struct IcpcCell {
  std::int32_t numJudged = 0;   // tries counted: rejected ones plus the accepted one
  std::int32_t numPending = 0;  // not judged (or hidden by the freeze) before any known AC
  bool solved = false;
  std::int64_t time = 0;      // contest minute of the first AC (when solved)
  std::int64_t penalty = 0;   // time + penaltyPerTry * rejected tries (when solved)
  bool firstToSolve = false;

  friend bool operator==(const IcpcCell&, const IcpcCell&) = default;
};

struct IcpcRow {
  std::int64_t teamId = 0;
  std::int32_t rank = 0;
  std::int32_t numSolved = 0;
  std::int64_t totalTime = 0;      // the sum of the solved cells' penalties
  std::int64_t lastSolvedTime = 0; // minute of the latest first AC; the tie-breaker
  std::vector<IcpcCell> cells;     // in the contest's problem order

  auto rankKey() const { return std::tuple(-numSolved, totalTime, lastSolvedTime); }
  // Solved count, total time and last solve again from the cells, after one of them changed.
  void recomputeTotals() {
    numSolved = 0;
    totalTime = 0;
    lastSolvedTime = 0;
    for (const IcpcCell& cell : cells) {
      if (!cell.solved) continue;
      ++numSolved;
      totalTime += cell.penalty;
      lastSolvedTime = std::max(lastSolvedTime, cell.time);
    }
  }
  friend bool operator==(const IcpcRow&, const IcpcRow&) = default;
};

class IcpcScoreboard {
 public:
  // `problemIds` in the contest's order (A, B, ...); both lists without duplicates.
  IcpcScoreboard(std::vector<std::int64_t> problemIds, std::vector<std::int64_t> teamIds,
                 IcpcOptions options = {});

  // Adds a team with an empty row (late registration); Conflict when it is already there.
  Result<ScoreboardChange> addTeam(std::int64_t teamId);

  // Adds a submission, or replaces the one with the same id (a verdict arriving, a rejudge).
  // InvalidArgument for an unknown team or problem, or an id reused for another team/problem.
  Result<ScoreboardChange> apply(const ScoredSubmission& submission);

  // Recomputes both views from every submission, from scratch (the reference implementation).
  void rebuild();

  const std::vector<std::int64_t>& problemIds() const { return m_problemIds; }
  // Rows in ranking order.
  const std::vector<IcpcRow>& rows(ScoreboardView view) const;
  const IcpcRow& row(ScoreboardView view, std::int64_t teamId) const;

 private:
  struct Entry {
    std::int64_t id = 0;
    ContestTime time{};
    std::optional<model::Verdict> verdict;
  };
  struct Cell {
    std::vector<Entry> entries;  // sorted by (time, id)
  };
  struct View {
    ScoreboardView kind;
    RankedRows<IcpcRow> rows;
    // [team][problem]: the exact time of the first AC in this view, when there is one.
    std::vector<std::vector<std::optional<ContestTime>>> acceptedAt;
    // Per problem: the earliest of those, which earns the first-to-solve mark.
    std::vector<std::optional<ContestTime>> firstSolve;
  };

  // The cell as `view` sees it (first-to-solve left unset); `acceptedAt` gets its first AC.
  IcpcCell deriveCell(const Cell& cell, ScoreboardView view,
                      std::optional<ContestTime>& acceptedAt) const;
  std::optional<ContestTime> earliestSolve(const View& view, std::size_t problem) const;
  void refresh(View& view, std::size_t team, std::size_t problem,
               std::vector<std::int64_t>& changed);
  View& viewOf(ScoreboardView view) { return view == ScoreboardView::Public ? m_public : m_jury; }
  const View& viewOf(ScoreboardView view) const {
    return view == ScoreboardView::Public ? m_public : m_jury;
  }

  std::vector<std::int64_t> m_problemIds;
  std::vector<std::int64_t> m_teamIds;
  IcpcOptions m_options;
  std::unordered_map<std::int64_t, std::size_t> m_problemIndex;
  std::unordered_map<std::int64_t, std::size_t> m_teamIndex;
  std::vector<std::vector<Cell>> m_cells;  // [team][problem]
  using Located = BoardCell;
  std::unordered_map<std::int64_t, Located> m_submissions;
  View m_public{ScoreboardView::Public, {}, {}, {}};
  View m_jury{ScoreboardView::Jury, {}, {}, {}};
};

}  // namespace arena::scoring
