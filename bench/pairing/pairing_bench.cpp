// One pairing round over 10,000 queued players (issue 10's target: under 50 ms), beside the
// naive reference that rescans the line after every pair, measured in the same run.
// Ratings ~ N(1500, 350); enqueue times spread over the last two minutes, so gaps range from the
// initial 50 to 650 and some players are urgent.
// Usage: arena-pairing-bench [players=10000] [runs=20]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "features/matchmaking/match_queue.hpp"

using namespace arena::server::matchmaking;
using Clock = std::chrono::steady_clock;

namespace {

double millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int players = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
  const PairingRules rules{};
  const arena::Timestamp now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};

  std::mt19937 random(10000);
  std::normal_distribution<double> rating(1500.0, 350.0);
  std::vector<QueueEntry> waiting;
  for (std::int64_t id = 1; id <= players; ++id)
    waiting.push_back({id, static_cast<std::int32_t>(rating(random)),
                       now - std::chrono::milliseconds(random() % 120'000)});

  std::vector<double> fast, queueRound;
  std::size_t pairsFormed = 0;
  for (int run = 0; run < runs; ++run) {
    auto t0 = Clock::now();
    const auto pairs = pairRound(waiting, now, rules);
    fast.push_back(millis(Clock::now() - t0));
    pairsFormed = pairs.size();

    MatchQueue queue(rules);
    for (const auto& entry : waiting) queue.enqueue(entry.userId, entry.rating, entry.enqueuedAt);
    t0 = Clock::now();
    const auto queued = queue.pairRound(now);
    queueRound.push_back(millis(Clock::now() - t0));
    if (queued != pairs) {
      std::fprintf(stderr, "MatchQueue round differs from pairRound\n");
      return 1;
    }
  }

  const auto t0 = Clock::now();
  const auto naive = pairRoundNaively(waiting, now, rules);
  const double naiveMs = millis(Clock::now() - t0);
  if (naive != pairRound(waiting, now, rules)) {
    std::fprintf(stderr, "naive and heap rounds differ\n");
    return 1;
  }

  std::printf("pairing round: %d players, %zu pairs formed, %zu left waiting\n", players,
              pairsFormed, static_cast<std::size_t>(players) - 2 * pairsFormed);
  std::printf("pairRound (heap)            median %8.2f ms  min %8.2f ms  (%d runs)\n",
              median(fast), *std::min_element(fast.begin(), fast.end()), runs);
  std::printf("MatchQueue::pairRound       median %8.2f ms  (incl. copying the queue out)\n",
              median(queueRound));
  std::printf("baseline: naive rescan      %8.2f ms  (one run)\n", naiveMs);
  std::printf("speed-up: %.0fx\n", naiveMs / median(fast));
  return 0;
}
