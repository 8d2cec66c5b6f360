#pragma once
// What a contest scoreboard is fed: one submission as scoring sees it. The same id applied again
// replaces the earlier state (a verdict arriving, or a rejudge), so feeding is idempotent.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/verdict.hpp"

namespace arena::scoring {

// Time since the contest started. Penalties and freeze compare in this unit.
using ContestTime = std::chrono::milliseconds;

struct ScoredSubmission {
  std::int64_t id = 0;
  std::int64_t teamId = 0;
  std::int64_t problemId = 0;
  ContestTime time{};
  std::optional<model::Verdict> verdict;  // none: not judged yet (shows as pending)
  // IOI only: the points earned in each subtask (test group), in the problem's subtask order.
  // Empty for a compile error or a submission that earned nothing.
  std::vector<double> subtaskScores;
};

// Where a submission lands on a board: its team's row and its problem's column.
struct BoardCell {
  std::size_t team = 0;
  std::size_t problem = 0;
};

// Both boards index teams and problems by id the same way; an unknown team or problem, or a
// submission before the start, is refused.
inline Result<BoardCell> locate(const std::unordered_map<std::int64_t, std::size_t>& teamIndex,
                                const std::unordered_map<std::int64_t, std::size_t>& problemIndex,
                                const ScoredSubmission& submission) {
  const auto team = teamIndex.find(submission.teamId);
  if (team == teamIndex.end())
    return fail(ErrorCode::InvalidArgument,
                "team " + std::to_string(submission.teamId) + " is not on the board");
  const auto problem = problemIndex.find(submission.problemId);
  if (problem == problemIndex.end())
    return fail(ErrorCode::InvalidArgument,
                "problem " + std::to_string(submission.problemId) + " is not in the contest");
  if (submission.time < ContestTime::zero())
    return fail(ErrorCode::InvalidArgument, "a submission cannot precede the contest start");
  return BoardCell{team->second, problem->second};
}

// Who looks at the board. After the freeze the public sees submissions made at or after the
// freeze time as pending; the jury always sees the truth.
enum class ScoreboardView { Public, Jury };

// The rows (team ids) whose content or rank changed in each view after one apply(): what a live
// client must redraw. Empty on both sides when the submission changed nothing visible.
struct ScoreboardChange {
  std::vector<std::int64_t> publicRows;
  std::vector<std::int64_t> juryRows;

  bool empty() const { return publicRows.empty() && juryRows.empty(); }
};

}  // namespace arena::scoring
