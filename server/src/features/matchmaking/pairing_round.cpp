#include "features/matchmaking/pairing_round.hpp"

#include <algorithm>
#include <cstdlib>
#include <queue>
#include <tuple>

namespace arena::server::matchmaking {
namespace {

std::vector<QueueEntry> lineUp(std::span<const QueueEntry> waiting) {
  std::vector<QueueEntry> line(waiting.begin(), waiting.end());
  std::sort(line.begin(), line.end(), [](const QueueEntry& a, const QueueEntry& b) {
    return std::tie(a.rating, a.enqueuedAt, a.arrival, a.userId) <
           std::tie(b.rating, b.enqueuedAt, b.arrival, b.userId);
  });
  return line;
}

// Which of two neighbouring pairs goes first (the order in pairing_round.hpp). A total order,
// so rounds are deterministic.
struct Candidate {
  int tier = 1;  // 0: holds an urgent player
  std::int64_t primary = 0;
  std::int64_t secondary = 0;
  std::size_t left = 0;
  std::size_t right = 0;

  auto key() const { return std::tie(tier, primary, secondary, left); }
  bool operator>(const Candidate& other) const { return key() > other.key(); }
};

Candidate candidate(const std::vector<QueueEntry>& line, std::size_t left, std::size_t right,
                    Timestamp now, const PairingRules& rules) {
  const std::int64_t difference =
      std::abs(std::int64_t{line[right].rating} - std::int64_t{line[left].rating});
  const Timestamp longestWaiter = std::min(line[left].enqueuedAt, line[right].enqueuedAt);
  const std::int64_t joined = longestWaiter.time_since_epoch().count();
  if (now - longestWaiter >= rules.urgentAfter) return {0, joined, difference, left, right};
  return {1, difference, joined, left, right};
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

}  // namespace

std::vector<Pairing> pairRound(std::span<const QueueEntry> waiting, Timestamp now,
                               const PairingRules& rules) {
  const std::vector<QueueEntry> line = lineUp(waiting);
  const std::size_t n = line.size();
  std::vector<std::size_t> previous(n), next(n);
  for (std::size_t i = 0; i < n; ++i) {
    previous[i] = i == 0 ? kNone : i - 1;
    next[i] = i + 1 == n ? kNone : i + 1;
  }
  std::vector<Candidate> initial;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (acceptable(rules, line[i], line[i + 1], now)) initial.push_back(candidate(line, i, i + 1, now, rules));
  }
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap(
      std::greater<>{}, std::move(initial));

  std::vector<bool> paired(n, false);
  std::vector<Pairing> pairs;
  while (!heap.empty()) {
    const Candidate best = heap.top();
    heap.pop();
    // Stale: one of them has been paired since this candidate was pushed.
    if (paired[best.left] || paired[best.right] || next[best.left] != best.right) continue;
    paired[best.left] = paired[best.right] = true;
    pairs.push_back({line[best.left], line[best.right]});
    const std::size_t before = previous[best.left];
    const std::size_t after = next[best.right];
    if (before != kNone) next[before] = after;
    if (after != kNone) previous[after] = before;
    if (before != kNone && after != kNone && acceptable(rules, line[before], line[after], now))
      heap.push(candidate(line, before, after, now, rules));
  }
  return pairs;
}

std::vector<Pairing> pairRoundNaively(std::span<const QueueEntry> waiting, Timestamp now,
                                      const PairingRules& rules) {
  const std::vector<QueueEntry> line = lineUp(waiting);
  std::vector<std::size_t> left(line.size());  // places in the line of those still waiting
  for (std::size_t i = 0; i < line.size(); ++i) left[i] = i;
  std::vector<Pairing> pairs;
  for (;;) {
    std::size_t bestAt = kNone;
    Candidate best;
    for (std::size_t k = 0; k + 1 < left.size(); ++k) {
      if (!acceptable(rules, line[left[k]], line[left[k + 1]], now)) continue;
      const Candidate here = candidate(line, left[k], left[k + 1], now, rules);
      if (bestAt == kNone || best > here) {
        best = here;
        bestAt = k;
      }
    }
    if (bestAt == kNone) return pairs;
    pairs.push_back({line[best.left], line[best.right]});
    left.erase(left.begin() + static_cast<std::ptrdiff_t>(bestAt),
               left.begin() + static_cast<std::ptrdiff_t>(bestAt) + 2);
  }
}

}  // namespace arena::server::matchmaking
