// Pairing rounds: the gap rules, preference for close pairs, determinism, nobody paired twice,
// nobody who could play left waiting, long waiters matched eventually, and 1,000 players.

#include "features/matchmaking/pairing_round.hpp"

#include <algorithm>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "features/matchmaking/match_queue.hpp"

namespace arena::server::matchmaking {
namespace {

using namespace std::chrono_literals;

const Timestamp kStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
const PairingRules kRules{};  // 50, +50 every 10 s, no cap

QueueEntry player(std::int64_t id, std::int32_t rating, std::chrono::milliseconds joined = 0ms) {
  return {id, rating, kStart + joined};
}

// Pairs as "id-id" (lower id first) in the order formed.
std::vector<std::string> names(const std::vector<Pairing>& pairs) {
  std::vector<std::string> result;
  for (const Pairing& pair : pairs) {
    const auto [low, high] = std::minmax(pair.first.userId, pair.second.userId);
    result.push_back(std::to_string(low) + "-" + std::to_string(high));
  }
  return result;
}

using Names = std::vector<std::string>;

TEST(PairingRulesTest, GapStartsNarrowAndWidensInSteps) {
  EXPECT_EQ(acceptableGap(kRules, 0ms), 50);
  EXPECT_EQ(acceptableGap(kRules, 9'999ms), 50);
  EXPECT_EQ(acceptableGap(kRules, 10'000ms), 100);
  EXPECT_EQ(acceptableGap(kRules, 95s), 500);
  EXPECT_EQ(acceptableGap(kRules, -5s), 50);  // a clock step backwards is no wait
  const PairingRules capped{50, 50, 10s, 300, 60s};
  EXPECT_EQ(acceptableGap(capped, 1h), 300);
}

TEST(PairingRoundTest, PlayersTooFarApartWaitUntilTheGapWidens) {
  const std::vector waiting{player(1, 1500), player(2, 1580)};
  EXPECT_TRUE(pairRound(waiting, kStart, kRules).empty());
  EXPECT_TRUE(pairRound(waiting, kStart + 9'999ms, kRules).empty());
  EXPECT_EQ(names(pairRound(waiting, kStart + 10s, kRules)), Names{"1-2"});
}

TEST(PairingRoundTest, TheLongerWaiterDecidesTheGap) {
  // Player 1 has waited a minute (gap 350); player 2 just arrived (gap 50), 100 points away.
  const std::vector waiting{player(1, 1500), player(2, 1600, 60s)};
  EXPECT_EQ(names(pairRound(waiting, kStart + 60s, kRules)), Names{"1-2"});
}

TEST(PairingRoundTest, CappedGapNeverPairsDistantPlayers) {
  const PairingRules capped{50, 50, 10s, 300, 60s};
  const std::vector waiting{player(1, 1000), player(2, 2000)};
  EXPECT_TRUE(pairRound(waiting, kStart + 24h, capped).empty());
}

TEST(PairingRoundTest, CloserPairsArePreferred) {
  // 1540-1545 (5 apart) first, then 1500-1510 (10); 1510-1540 would be 30 apart.
  const std::vector waiting{player(1, 1500), player(2, 1510), player(3, 1540), player(4, 1545)};
  EXPECT_EQ(names(pairRound(waiting, kStart, kRules)), (Names{"3-4", "1-2"}));
  // With three, the closest two play and the third waits.
  const std::vector three{player(1, 1500), player(2, 1520), player(3, 1530)};
  EXPECT_EQ(names(pairRound(three, kStart, kRules)), Names{"2-3"});
}

TEST(PairingRoundTest, EqualDifferencesGoToTheLongestWaiter) {
  // 1-2 and 2-3 are both 10 apart; player 3 has waited longest, so 2-3 plays.
  const std::vector waiting{player(1, 1500, 5s), player(2, 1510, 5s), player(3, 1520, 0s)};
  EXPECT_EQ(names(pairRound(waiting, kStart + 5s, kRules)), Names{"2-3"});
}

TEST(PairingRoundTest, InputOrderDoesNotChangeTheRound) {
  std::vector<QueueEntry> waiting;
  std::mt19937 random(5);
  for (std::int64_t id = 1; id <= 200; ++id)
    waiting.push_back(player(id, static_cast<std::int32_t>(1200 + random() % 600),
                             std::chrono::milliseconds(random() % 60'000)));
  const auto reference = pairRound(waiting, kStart + 60s, kRules);
  for (int shuffle = 0; shuffle < 5; ++shuffle) {
    std::shuffle(waiting.begin(), waiting.end(), random);
    EXPECT_EQ(pairRound(waiting, kStart + 60s, kRules), reference);
  }
}

TEST(PairingRoundTest, UrgentWaitersGoBeforeCloserNewcomers) {
  // Player 1 has waited 70 s (urgent after 60 s): it plays 2 although 2-3 are closer.
  const std::vector urgent{player(1, 1500, 0s), player(2, 1530, 70s), player(3, 1535, 70s)};
  EXPECT_EQ(names(pairRound(urgent, kStart + 70s, kRules)), Names{"1-2"});
  // After 50 s it is not urgent yet: closeness decides.
  const std::vector patient{player(1, 1500, 20s), player(2, 1530, 70s), player(3, 1535, 70s)};
  EXPECT_EQ(names(pairRound(patient, kStart + 70s, kRules)), Names{"2-3"});
}

TEST(PairingRoundTest, EqualRatingsPairByWaitThenId) {
  const std::vector waiting{player(7, 1500, 2s), player(3, 1500, 1s), player(5, 1500, 1s)};
  // Line: 3 (1 s), 5 (1 s), 7 (2 s); 3-5 and 5-7 are both 0 apart, 3-5 holds the longest waiter.
  EXPECT_EQ(names(pairRound(waiting, kStart + 2s, kRules)), Names{"3-5"});
}

// Checks a round over `waiting`: everyone at most once, every pair within the rules, nobody left
// who could have played together, and the same pairs as the naive reference.
void expectSoundRound(const std::vector<QueueEntry>& waiting, Timestamp now,
                      const PairingRules& rules) {
  const auto pairs = pairRound(waiting, now, rules);
  std::set<std::int64_t> seen;
  for (const Pairing& pair : pairs) {
    ASSERT_TRUE(seen.insert(pair.first.userId).second) << pair.first.userId << " paired twice";
    ASSERT_TRUE(seen.insert(pair.second.userId).second) << pair.second.userId << " paired twice";
    ASSERT_TRUE(acceptable(rules, pair.first, pair.second, now));
  }
  std::vector<QueueEntry> leftover;
  for (const QueueEntry& entry : waiting)
    if (!seen.contains(entry.userId)) leftover.push_back(entry);
  for (std::size_t i = 0; i < leftover.size(); ++i)
    for (std::size_t j = i + 1; j < leftover.size(); ++j)
      ASSERT_FALSE(acceptable(rules, leftover[i], leftover[j], now))
          << leftover[i].userId << " and " << leftover[j].userId << " could have played";
  ASSERT_EQ(pairs, pairRoundNaively(waiting, now, rules));
}

TEST(PairingRoundTest, ThousandPlayersPairSoundly) {
  std::mt19937 random(1000);
  std::normal_distribution<double> ratings(1500.0, 300.0);
  std::vector<QueueEntry> waiting;
  for (std::int64_t id = 1; id <= 1000; ++id)
    waiting.push_back(player(id, static_cast<std::int32_t>(ratings(random)),
                             std::chrono::milliseconds(random() % 120'000)));
  for (const auto now : {kStart + 0s, kStart + 30s, kStart + 120s, kStart + 10min}) {
    SCOPED_TRACE(now.time_since_epoch().count());
    expectSoundRound(waiting, now, kRules);
  }
  // After ten minutes everyone is within everyone's gap: all 1,000 play.
  EXPECT_EQ(pairRound(waiting, kStart + 1h, kRules).size(), 500u);
}

TEST(PairingRoundTest, ManySmallRandomRoundsMatchTheNaiveReference) {
  std::mt19937 random(77);
  for (int round = 0; round < 300; ++round) {
    std::vector<QueueEntry> waiting;
    const int n = static_cast<int>(random() % 30);
    for (int i = 0; i < n; ++i)
      waiting.push_back(player(i + 1, static_cast<std::int32_t>(1400 + random() % 300),
                               std::chrono::milliseconds(random() % 40'000)));
    ASSERT_NO_FATAL_FAILURE(expectSoundRound(waiting, kStart + 40s, kRules)) << "round " << round;
  }
}

TEST(MatchQueueTest, EnqueueTwiceKeepsThePlace) {
  MatchQueue queue;
  EXPECT_TRUE(queue.enqueue(1, 1500, kStart));
  EXPECT_FALSE(queue.enqueue(1, 1510, kStart + 30s));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.find(1), (QueueEntry{1, 1510, kStart, 1}));
  EXPECT_TRUE(queue.remove(1));
  EXPECT_FALSE(queue.remove(1));
  EXPECT_FALSE(queue.find(1).has_value());
}

TEST(MatchQueueTest, InTheSameMillisecondWhoCameFirstIsPairedFirst) {
  MatchQueue queue;
  for (const std::int64_t userId : {9, 5, 1}) queue.enqueue(userId, 1500, kStart);
  const auto pairs = queue.pairRound(kStart);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].first.userId, 9);
  EXPECT_EQ(pairs[0].second.userId, 5);
  EXPECT_EQ(queue.find(1)->arrival, 3u);
}

TEST(MatchQueueTest, PairedPlayersLeaveTheQueueAndTheOddOneWaits) {
  MatchQueue queue;
  queue.enqueue(1, 1500, kStart);
  queue.enqueue(2, 1510, kStart);
  queue.enqueue(3, 1520, kStart);
  const auto pairs = queue.pairRound(kStart);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_TRUE(queue.pairRound(kStart).empty());
}

TEST(MatchQueueTest, LongWaitersAreMatchedEventuallyDespiteAStreamOfNewcomers) {
  // An outlier at 2500 waits while two newcomers near 1500 arrive every second and are paired
  // with each other at once. The outlier's own gap must eventually reach them.
  MatchQueue queue;
  queue.enqueue(1, 2500, kStart);
  std::mt19937 random(3);
  std::int64_t nextId = 2;
  std::optional<std::chrono::seconds> outlierMatchedAfter;
  for (std::chrono::seconds t = 0s; t < 600s && !outlierMatchedAfter; t += 1s) {
    for (int k = 0; k < 2; ++k)
      queue.enqueue(nextId++, static_cast<std::int32_t>(1480 + random() % 40), kStart + t);
    for (const Pairing& pair : queue.pairRound(kStart + t)) {
      if (pair.first.userId == 1 || pair.second.userId == 1) outlierMatchedAfter = t;
    }
  }
  ASSERT_TRUE(outlierMatchedAfter.has_value());
  // 1,000 points away: gap 50 + 50 per 10 s reaches 1,000 after 190 s.
  EXPECT_GE(*outlierMatchedAfter, 190s);
  EXPECT_LE(*outlierMatchedAfter, 200s);
}

}  // namespace
}  // namespace arena::server::matchmaking
