#include "features/matchmaking/problem_choice.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace arena::server::matchmaking {

model::Difficulty suitedDifficulty(double meanRating) {
  if (meanRating < 1400.0) return model::Difficulty::Easy;
  if (meanRating < 1800.0) return model::Difficulty::Medium;
  return model::Difficulty::Hard;
}

std::optional<std::int64_t> chooseProblem(std::span<const ProblemOption> options,
                                          const std::unordered_set<std::int64_t>& solved,
                                          double meanRating, std::int64_t firstUserId,
                                          std::int64_t secondUserId) {
  const int wanted = static_cast<int>(suitedDifficulty(meanRating));
  std::vector<std::int64_t> best;
  int bestDistance = 0;
  for (const ProblemOption& option : options) {
    if (solved.contains(option.id)) continue;
    const int distance = std::abs(static_cast<int>(option.difficulty) - wanted);
    if (best.empty() || distance < bestDistance) {
      best.clear();
      bestDistance = distance;
    }
    if (distance == bestDistance) best.push_back(option.id);
  }
  if (best.empty()) return std::nullopt;
  // splitmix64 of the pair: a fixed, well-mixed pick (consecutive ids must not all agree).
  const auto [low, high] = std::minmax(firstUserId, secondUserId);
  std::uint64_t spread =
      (static_cast<std::uint64_t>(low) << 32) ^ static_cast<std::uint64_t>(high);
  spread += 0x9e3779b97f4a7c15u;
  spread = (spread ^ (spread >> 30)) * 0xbf58476d1ce4e5b9u;
  spread = (spread ^ (spread >> 27)) * 0x94d049bb133111ebu;
  spread ^= spread >> 31;
  return best[spread % best.size()];
}

}  // namespace arena::server::matchmaking
