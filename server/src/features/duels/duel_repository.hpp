#pragma once
// What the duel lifecycle reads and writes beyond MatchRepository: the schedule of a match
// (countdown end, time limit, rated), the players' submissions in the match window, and the
// ending of a match together with both players' new ratings in one transaction.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/enum_names.hpp"
#include "arena/model/match.hpp"
#include "arena/model/verdict.hpp"

namespace arena::server::duels {

enum class EndReason { Solved, Time, Forfeit, Disconnect };

}  // namespace arena::server::duels

namespace arena::model {
template <>
struct EnumNames<server::duels::EndReason> {
  static constexpr std::array kNames{
      std::pair{server::duels::EndReason::Solved, "solved"},
      std::pair{server::duels::EndReason::Time, "time"},
      std::pair{server::duels::EndReason::Forfeit, "forfeit"},
      std::pair{server::duels::EndReason::Disconnect, "disconnect"},
  };
};
}  // namespace arena::model

namespace arena::server::duels {

// A match with its duel columns. startedAt (in match) is when the countdown ends.
struct Duel {
  model::Match match;
  bool rated = true;
  std::optional<Timestamp> endsAt;  // the time limit; none: not scheduled as a duel yet
  std::optional<EndReason> endReason;

  bool isPlayer(std::int64_t userId) const {
    return userId == match.player1Id || userId == match.player2Id;
  }
  bool isOpen() const {
    return match.status == model::MatchStatus::Pending ||
           match.status == model::MatchStatus::Active;
  }
  friend bool operator==(const Duel&, const Duel&) = default;
};

struct DuelSchedule {
  bool rated = true;
  Timestamp startsAt{};  // the countdown's end
  Timestamp endsAt{};    // the time limit
};

// One submission of a player on the match problem inside the match window.
struct Attempt {
  std::int64_t id = 0;
  std::int64_t userId = 0;
  model::SubmissionStatus status = model::SubmissionStatus::Queued;
  std::optional<model::Verdict> verdict;
  Timestamp createdAt{};
};

struct DuelRatingChange {
  std::int64_t userId = 0;
  std::int32_t previousRating = 1500;
  std::int32_t rating = 1500;
  double ratingDeviation = 350.0;
  double volatility = 0.06;
};

struct DuelEnding {
  std::optional<std::int64_t> winnerId;  // none: a draw
  EndReason reason = EndReason::Time;
  Timestamp endedAt{};
  std::vector<DuelRatingChange> ratings;  // empty for an unrated match
};

// One point of a user's rating series.
struct RatingPoint {
  std::int64_t userId = 0;
  std::optional<std::int64_t> matchId;
  std::int32_t rating = 1500;
  std::optional<std::int32_t> previousRating;
  double ratingDeviation = 350.0;
  double volatility = 0.06;
  Timestamp changedAt{};
};

class DuelRepository {
 public:
  virtual ~DuelRepository() = default;

  // Sets the countdown end, time limit and rated flag of an open match. NotFound; Conflict
  // when the match has already ended.
  virtual Result<Duel> schedule(std::int64_t matchId, const DuelSchedule& schedule) = 0;
  virtual Result<Duel> find(std::int64_t matchId) = 0;
  // Open (pending or active) scheduled duels, oldest first.
  virtual Result<std::vector<Duel>> listOpen() = 0;
  // Open scheduled duels of `userId` on `problemId`.
  virtual Result<std::vector<Duel>> openFor(std::int64_t userId, std::int64_t problemId) = 0;
  // Both players' submissions on the problem created in [from, to), by (created_at, id).
  virtual Result<std::vector<Attempt>> attempts(std::int64_t problemId,
                                                std::array<std::int64_t, 2> players,
                                                Timestamp from, Timestamp to) = 0;
  // Finishes an open match and applies `ending.ratings` (users and rating_history) in one
  // transaction. Conflict (nothing changed) when it has already ended: the first ending wins.
  virtual Result<Duel> end(std::int64_t matchId, const DuelEnding& ending) = 0;
  virtual Result<std::vector<RatingPoint>> ratingHistory(std::int64_t userId) = 0;
  virtual Result<std::vector<RatingPoint>> ratingChanges(std::int64_t matchId) = 0;
};

}  // namespace arena::server::duels
