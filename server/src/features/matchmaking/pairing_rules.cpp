#include "features/matchmaking/pairing_rules.hpp"

#include <algorithm>
#include <cstdlib>

namespace arena::server::matchmaking {

std::int64_t acceptableGap(const PairingRules& rules, std::chrono::milliseconds waited) {
  const std::int64_t steps =
      rules.widenEvery.count() > 0 ? std::max<std::int64_t>(0, waited.count()) /
                                         rules.widenEvery.count()
                                   : 0;
  const std::int64_t gap = std::int64_t{rules.initialGap} + std::int64_t{rules.widenBy} * steps;
  return rules.maxGap ? std::min<std::int64_t>(gap, *rules.maxGap) : gap;
}

bool acceptable(const PairingRules& rules, const QueueEntry& a, const QueueEntry& b,
                Timestamp now) {
  const std::int64_t difference = std::abs(std::int64_t{a.rating} - std::int64_t{b.rating});
  const auto waitedLonger = now - std::min(a.enqueuedAt, b.enqueuedAt);
  return difference <= acceptableGap(rules, waitedLonger);
}

}  // namespace arena::server::matchmaking
