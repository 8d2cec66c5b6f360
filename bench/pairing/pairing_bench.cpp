// One pairing round over 10,000 queued players (issue 10's target: under 50 ms), beside the
// naive reference that rescans the line after every pair, measured in the same run.
// Ratings ~ N(1500, 350); enqueue times spread over the last two minutes, so gaps range from the
// initial 50 to 650 and some players are urgent.
// With a Redis URL (ARENA_BENCH_REDIS_URL, else ARENA_TEST_REDIS_URL), also the Redis round of
// replicas sharing a queue (RedisMatchQueue::claimRound: lease, read every stamp, the same
// pairRound, claim by script), against the in-process MatchQueue round of the same run.
// Usage: arena-pairing-bench [players=10000] [runs=20]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "features/matchmaking/match_queue.hpp"
#if ARENA_BENCH_REDIS
#include <unistd.h>

#include <map>
#include <sstream>
#include <string>

#include "scaleout/redis_match_queue.hpp"
#endif

using namespace arena::server::matchmaking;
using Clock = std::chrono::steady_clock;

namespace {

double millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

#if ARENA_BENCH_REDIS
// Redis' own time per command (INFO commandstats: usec summed over calls), to split a round
// into the server's work and the client's (round trips, reply parsing, pairRound in C++).
// Other clients of a shared Redis add to it: read it as an upper bound.
std::map<std::string, long long> commandMicros(arena::server::scaleout::RedisClient& client) {
  std::map<std::string, long long> micros;
  auto reply = client.command({"INFO", "commandstats"});
  if (!reply) return micros;
  std::istringstream lines(reply->str);
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    const auto at = line.find("usec=");
    if (!line.starts_with("cmdstat_") || colon == std::string::npos || at == std::string::npos)
      continue;
    micros[line.substr(8, colon - 8)] = std::atoll(line.c_str() + at + 5);
  }
  return micros;
}

// Each run: the players enqueued afresh (not timed), then one timed claimRound.
int redisRound(const std::vector<QueueEntry>& waiting, arena::Timestamp now,
               const PairingRules& rules, int runs, double inProcessMs) {
  const char* url = std::getenv("ARENA_BENCH_REDIS_URL");
  if (url == nullptr) url = std::getenv("ARENA_TEST_REDIS_URL");
  if (url == nullptr) {
    std::printf("redis round: skipped (set ARENA_BENCH_REDIS_URL or ARENA_TEST_REDIS_URL)\n");
    return 0;
  }
  namespace scaleout = arena::server::scaleout;
  auto parsed = scaleout::RedisUrl::parse(url);
  if (!parsed) {
    std::fprintf(stderr, "redis url: %s\n", parsed.error().message.c_str());
    return 1;
  }
  const std::string prefix = "bench:pairing:" + std::to_string(::getpid());
  scaleout::RedisClient admin(*parsed);
  const auto clear = [&] {
    for (const char* key : {"waiting", "entries", "arrivals", "lease", "recovery"})
      (void)admin.command({"DEL", prefix + ":match:" + key});
  };
  std::vector<double> times;
  std::map<std::string, std::vector<double>> serverMicros;  // command -> ms per run
  std::vector<double> readTimes, pairTimes;
  std::size_t pairsFormed = 0;
  for (int run = 0; run < std::max(1, runs / 4); ++run) {
    clear();
    scaleout::RedisMatchQueue queue(*parsed, {}, {.prefix = prefix, .rules = rules});
    for (const auto& entry : waiting) {
      if (!queue.enqueue(entry.userId, entry.rating, entry.enqueuedAt)) {
        std::fprintf(stderr, "redis enqueue failed\n");
        clear();
        return 1;
      }
    }
    // The round's parts on their own: reading every stamp, then pairRound over them.
    auto t0 = Clock::now();
    const auto seen = queue.waiting();
    readTimes.push_back(millis(Clock::now() - t0));
    t0 = Clock::now();
    const auto expected = pairRound(*seen, now, rules);  // same players, Redis' arrival numbers
    pairTimes.push_back(millis(Clock::now() - t0));
    const auto before = commandMicros(admin);
    t0 = Clock::now();
    const auto pairs = queue.claimRound(now);
    times.push_back(millis(Clock::now() - t0));
    for (const auto& [command, total] : commandMicros(admin)) {
      const long long spent = total - (before.contains(command) ? before.at(command) : 0);
      if (spent > 0) serverMicros[command].push_back(static_cast<double>(spent) / 1000.0);
    }
    if (!pairs || *pairs != expected) {
      std::fprintf(stderr, "redis round differs from pairRound\n");
      clear();
      return 1;
    }
    // The claims themselves, not only the reply: every paired player claimed, none waiting.
    const auto left = static_cast<long long>(waiting.size() - 2 * pairs->size());
    auto line = admin.command({"ZCARD", prefix + ":match:waiting"});
    if (!line || line->integer != left || queue.waiting()->size() != static_cast<std::size_t>(left)) {
      std::fprintf(stderr, "redis keys disagree with the round's claims\n");
      clear();
      return 1;
    }
    pairsFormed = pairs->size();
  }
  clear();
  std::printf("RedisMatchQueue::claimRound median %8.2f ms  (%zu pairs claimed, %zu runs)\n",
              median(times), pairsFormed, times.size());
  std::printf("  of which: waiting() (HGETALL + decode) %8.2f ms, pairRound %8.2f ms, the rest "
              "(lease, claim scripts) %8.2f ms\n",
              median(readTimes), median(pairTimes),
              median(times) - median(readTimes) - median(pairTimes));
  for (const auto& [command, spent] : serverMicros) {
    if (spent.size() == times.size())  // in every run: the round's own commands
      std::printf("  inside Redis: %-10s median %8.2f ms\n", command.c_str(), median(spent));
  }
  std::printf("redis / in-process round:   %.1fx\n", median(times) / inProcessMs);
  return 0;
}
#endif

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
                       now - std::chrono::milliseconds(random() % 120'000),
                       static_cast<std::uint64_t>(id)});  // the arrival MatchQueue gives it

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
#if ARENA_BENCH_REDIS
  return redisRound(waiting, now, rules, runs, median(queueRound));
#else
  return 0;
#endif
}
