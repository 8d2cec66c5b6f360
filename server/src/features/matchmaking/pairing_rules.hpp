#pragma once
// How far apart two ratings may be for a duel, as a function of how long a player has waited.
// The gap starts narrow (close, fair games) and widens in steps while nobody suitable turns up,
// so a player with an unusual rating is matched eventually instead of waiting forever.
//
// Two waiting players may be paired when their rating difference is within the wider of their
// two gaps: the one who has waited longer decides. (Requiring both gaps would let a steady
// stream of newcomers, who start narrow, starve an outlier of a match.)

#include <chrono>
#include <cstdint>
#include <optional>

#include "arena/core/timestamp.hpp"

namespace arena::server::matchmaking {

struct PairingRules {
  std::int32_t initialGap = 50;                 // rating points accepted at once
  std::int32_t widenBy = 50;                    // added after every `widenEvery` of waiting
  std::chrono::milliseconds widenEvery{10'000};
  std::optional<std::int32_t> maxGap;           // none: the gap keeps widening
  // A player who has waited this long is paired before closer pairs of newer players: without
  // it, a steady stream of close newcomers pairing among themselves starves an outlier.
  std::chrono::milliseconds urgentAfter{60'000};
};

// The gap a player accepts after waiting `waited` (negative waits count as none).
std::int64_t acceptableGap(const PairingRules& rules, std::chrono::milliseconds waited);

struct QueueEntry {
  std::int64_t userId = 0;
  std::int32_t rating = 1500;
  Timestamp enqueuedAt{};
  // Who came first among those who joined in the same millisecond (the queue numbers arrivals);
  // without it, ties fell back on user ids and pairings depended on the clock's granularity.
  std::uint64_t arrival = 0;

  friend bool operator==(const QueueEntry&, const QueueEntry&) = default;
};

// Whether `a` and `b` may be paired at `now`.
bool acceptable(const PairingRules& rules, const QueueEntry& a, const QueueEntry& b, Timestamp now);

}  // namespace arena::server::matchmaking
