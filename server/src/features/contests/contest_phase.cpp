#include "features/contests/contest_phase.hpp"

#include <chrono>

namespace arena::server::contests {

std::string_view stateName(ContestState state) {
  switch (state) {
    case ContestState::Scheduled: return "scheduled";
    case ContestState::Running: return "running";
    case ContestState::Frozen: return "frozen";
    case ContestState::Ended: return "ended";
    case ContestState::Unfrozen: return "unfrozen";
  }
  return "scheduled";
}

Timestamp endOf(const storage::ContestRecord& contest) {
  return contest.contest.startsAt + std::chrono::seconds{contest.contest.durationSeconds};
}

std::optional<Timestamp> freezeOf(const storage::ContestRecord& contest) {
  if (!contest.contest.freezeAfterSeconds) return std::nullopt;
  return contest.contest.startsAt + std::chrono::seconds{*contest.contest.freezeAfterSeconds};
}

ContestState stateAt(const storage::ContestRecord& contest, Timestamp now) {
  if (now < contest.contest.startsAt) return ContestState::Scheduled;
  if (contest.unfrozenAt) return ContestState::Unfrozen;
  if (now >= endOf(contest)) return ContestState::Ended;
  const auto freeze = freezeOf(contest);
  if (freeze && now >= *freeze) return ContestState::Frozen;
  return ContestState::Running;
}

bool boardFrozenAt(const storage::ContestRecord& contest, Timestamp now) {
  const auto freeze = freezeOf(contest);
  return freeze && now >= *freeze && !contest.unfrozenAt;
}

std::optional<scoring::ContestTime> boardFreeze(const storage::ContestRecord& contest) {
  if (contest.unfrozenAt || !contest.contest.freezeAfterSeconds) return std::nullopt;
  return std::chrono::seconds{*contest.contest.freezeAfterSeconds};
}

}  // namespace arena::server::contests
