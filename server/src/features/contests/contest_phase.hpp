#pragma once
// Where a contest is in its life at a given instant; every rule that depends on contest time
// (problems hidden, submissions refused, the board frozen) asks this one place.
//
//   scheduled  before the start
//   running    from the start to the freeze (or to the end without a freeze)
//   frozen     from the freeze to the end: the public board hides newer verdicts
//   ended      after the end, the board still frozen if it was (until a proctor unfreezes)
//   unfrozen   a proctor revealed the frozen board (from then on the public sees the truth)

#include <optional>
#include <string_view>

#include "arena/core/timestamp.hpp"
#include "arena/scoring/scored_submission.hpp"
#include "storage/contest_repository.hpp"

namespace arena::server::contests {

enum class ContestState { Scheduled, Running, Frozen, Ended, Unfrozen };

std::string_view stateName(ContestState state);

Timestamp endOf(const storage::ContestRecord& contest);
// The instant the board freezes; none without a freeze time.
std::optional<Timestamp> freezeOf(const storage::ContestRecord& contest);
ContestState stateAt(const storage::ContestRecord& contest, Timestamp now);
// Whether the public board hides verdicts at `now` (frozen, or ended with a freeze not revealed).
bool boardFrozenAt(const storage::ContestRecord& contest, Timestamp now);
// The freeze the board is built with: none once revealed (the public then sees the truth).
std::optional<scoring::ContestTime> boardFreeze(const storage::ContestRecord& contest);

}  // namespace arena::server::contests
