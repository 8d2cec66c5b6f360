#pragma once
// Theory of operation: the IOI scoreboard, kept up to date one submission at a time.
//
// A problem's score is either the sum over subtasks of the best points any of the team's
// submissions earned in that subtask (BestPerSubtask, the IOI rule since 2017), or the best total
// of a single submission (BestSubmission). The team's total is the sum over problems; teams rank
// by total (higher is better) and equal totals share a rank, listed by team id. Totals compare
// to the micro-point, so sums of fractional points that differ only by rounding still tie.
// A judge error earns nothing yet and shows as pending until judged again; a compile error is a
// judged submission worth nothing. Freeze and views work as on the ICPC board.
//
// apply() re-derives only the touched cell from its own submissions and moves the team's row
// (RankedRows), so its cost is linear in the number of teams with a small constant.

#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/scoring/ranked_rows.hpp"
#include "arena/scoring/scored_submission.hpp"

namespace arena::scoring {

enum class IoiScoring { BestPerSubtask, BestSubmission };

struct IoiOptions {
  IoiScoring scoring = IoiScoring::BestPerSubtask;
  std::optional<ContestTime> freezeAt;
};

struct IoiCell {
  double score = 0.0;
  std::int32_t numJudged = 0;   // judged submissions (compile errors included)
  std::int32_t numPending = 0;  // not judged, judge errors, or hidden by the freeze

  friend bool operator==(const IoiCell&, const IoiCell&) = default;
};

struct IoiRow {
  std::int64_t teamId = 0;
  std::int32_t rank = 0;
  double total = 0.0;
  std::vector<IoiCell> cells;  // in the contest's problem order

  auto rankKey() const { return std::tuple(-std::llround(total * 1e6)); }
  // The total again from the cells, after one of them changed.
  void recomputeTotals() {
    total = 0.0;
    for (const IoiCell& cell : cells) total += cell.score;
  }
  friend bool operator==(const IoiRow&, const IoiRow&) = default;
};

class IoiScoreboard {
 public:
  IoiScoreboard(std::vector<std::int64_t> problemIds, std::vector<std::int64_t> teamIds,
                IoiOptions options = {});

  // Conflict when the team is already there.
  Result<ScoreboardChange> addTeam(std::int64_t teamId);
  // Adds a submission or replaces the one with the same id. InvalidArgument for an unknown team
  // or problem, negative or non-finite points, or an id reused for another team/problem.
  Result<ScoreboardChange> apply(const ScoredSubmission& submission);
  // Recomputes both views from scratch (the reference implementation).
  void rebuild();

  const std::vector<std::int64_t>& problemIds() const { return m_problemIds; }
  const std::vector<IoiRow>& rows(ScoreboardView view) const;
  const IoiRow& row(ScoreboardView view, std::int64_t teamId) const;

 private:
  struct Entry {
    std::int64_t id = 0;
    ContestTime time{};
    std::optional<model::Verdict> verdict;
    std::vector<double> subtaskScores;
  };
  using Located = BoardCell;

  IoiCell deriveCell(const std::vector<Entry>& entries, ScoreboardView view) const;
  RankedRows<IoiRow>& viewOf(ScoreboardView view) {
    return view == ScoreboardView::Public ? m_public : m_jury;
  }
  const RankedRows<IoiRow>& viewOf(ScoreboardView view) const {
    return view == ScoreboardView::Public ? m_public : m_jury;
  }
  void refresh(ScoreboardView view, std::size_t team, std::size_t problem,
               std::vector<std::int64_t>& changed);

  std::vector<std::int64_t> m_problemIds;
  std::vector<std::int64_t> m_teamIds;
  IoiOptions m_options;
  std::unordered_map<std::int64_t, std::size_t> m_problemIndex;
  std::unordered_map<std::int64_t, std::size_t> m_teamIndex;
  std::vector<std::vector<std::vector<Entry>>> m_entries;  // [team][problem], by (time, id)
  std::unordered_map<std::int64_t, Located> m_submissions;
  RankedRows<IoiRow> m_public;
  RankedRows<IoiRow> m_jury;
};

}  // namespace arena::scoring
