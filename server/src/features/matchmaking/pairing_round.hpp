#pragma once
// Theory of operation: one pairing round over everyone waiting.
//
// Players are lined up by rating (then enqueue time, then user id). The round repeatedly pairs
// two players who are next to each other in that line and may be paired (pairing_rules.hpp),
// choosing among such neighbours:
//   1. pairs holding an urgent player (waited `urgentAfter` or more) first, longest waiter
//      first, then the smaller rating difference;
//   2. then the rest by the smaller rating difference, then the longest waiter;
//   3. last, the pair further down the line.
// The paired players leave the line, their neighbours become adjacent, and the round goes on
// until no neighbours may be paired. Without step 1 closeness alone would decide, and newcomers
// arriving close to each other would always pair first: an outlier could wait forever.
//
// Why neighbours suffice: if a < b < c in rating and neither (a,b) nor (b,c) may be paired, then
// c - a = (b - a) + (c - b) exceeds gap(a) + gap(c), which is at least the wider of the two, so
// (a,c) may not be paired either. A round therefore stops only when no two players left may be
// paired at all: nobody who could play is left waiting.
//
// pairRound() does this with a min-heap of adjacent candidate pairs over a linked line, in
// O(n log n); pairRoundNaively() rescans the line after every pair, in O(n^2), and is kept as
// the reference the tests compare against and the baseline the benchmark measures. Both are
// deterministic: the same players and time give the same pairs in the same order.

#include <cstdint>
#include <span>
#include <vector>

#include "features/matchmaking/pairing_rules.hpp"

namespace arena::server::matchmaking {

struct Pairing {
  QueueEntry first;   // the lower in the line (lower rating)
  QueueEntry second;

  friend bool operator==(const Pairing&, const Pairing&) = default;
};

// Pairs among `waiting` (each user at most once there), in the order they were formed.
std::vector<Pairing> pairRound(std::span<const QueueEntry> waiting, Timestamp now,
                               const PairingRules& rules);
std::vector<Pairing> pairRoundNaively(std::span<const QueueEntry> waiting, Timestamp now,
                                      const PairingRules& rules);

}  // namespace arena::server::matchmaking
