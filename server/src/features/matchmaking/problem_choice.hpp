#pragma once
// Which problem a duel is played on: one neither player has solved, of a difficulty suited to
// their ratings (their mean: under 1400 easy, under 1800 medium, else hard); when no unsolved
// problem has that difficulty, the nearest difficulty that has one. Among equals the pick is
// spread by the pair's ids, so the same two players get the same problem (deterministic) while
// different pairs do not all get the first one.

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_set>

#include "arena/model/problem.hpp"

namespace arena::server::matchmaking {

model::Difficulty suitedDifficulty(double meanRating);

struct ProblemOption {
  std::int64_t id = 0;
  model::Difficulty difficulty = model::Difficulty::Easy;
};

// `options` in a stable order (by id). None when every option was solved by one of them.
std::optional<std::int64_t> chooseProblem(std::span<const ProblemOption> options,
                                          const std::unordered_set<std::int64_t>& solved,
                                          double meanRating, std::int64_t firstUserId,
                                          std::int64_t secondUserId);

}  // namespace arena::server::matchmaking
