#pragma once

#include <cstdint>
#include <optional>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/match.hpp"

namespace arena::server::storage {

struct NewMatch {
  std::int64_t player1Id = 0;
  std::int64_t player2Id = 0;
  std::int64_t problemId = 0;
  model::MatchStatus status = model::MatchStatus::Active;
  std::optional<Timestamp> startedAt;
};

class MatchRepository {
 public:
  virtual ~MatchRepository() = default;

  // NotFound when a player or the problem does not exist.
  virtual Result<model::Match> create(const NewMatch& match) = 0;
  virtual Result<model::Match> findById(std::int64_t id) = 0;
  // The player's pending or active match (the newest, should there be several); none when the
  // player is in no match now. Matchmaking keeps everyone in at most one.
  virtual Result<std::optional<model::Match>> activeFor(std::int64_t userId) = 0;
  // Ends a pending or active match: finished with a winner (none: a draw), or cancelled.
  // Conflict when it has already ended (the first ending wins).
  virtual Result<model::Match> finish(std::int64_t id, std::optional<std::int64_t> winnerId,
                                      Timestamp endedAt) = 0;
  virtual Result<model::Match> cancel(std::int64_t id, Timestamp endedAt) = 0;
};

}  // namespace arena::server::storage
