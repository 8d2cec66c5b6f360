// RedisMatchQueue against the test Redis: the queue's contract (join, keep the place, leave,
// claim, release, restore), rounds identical to the in-process pairRound (gap widening, urgent
// tier, ties), overlapping rounds of two "replicas" that never claim a player twice nor lose one,
// the lease, and claims left behind by a dead replica.

#include "scaleout/redis_match_queue.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "redis_test_support.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;
using matchmaking::Pairing;
using matchmaking::QueueEntry;
using matchmaking::QueueState;

const Timestamp kStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};

class RedisMatchQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ARENA_REQUIRE_REDIS();
    m_prefix = testing::uniquePrefix("match");
  }
  void TearDown() override {
    if (m_prefix.empty()) return;
    RedisClient client(testing::parsedTestUrl());
    for (const char* key : {"waiting", "entries", "arrivals", "lease", "recovery"})
      (void)client.command({"DEL", m_prefix + ":match:" + key});
  }

  std::unique_ptr<RedisMatchQueue> replica(RedisMatchQueueOptions options = {}) {
    options.prefix = m_prefix;
    return std::make_unique<RedisMatchQueue>(testing::parsedTestUrl(), RedisOptions{}, options);
  }
  RedisReply raw(const std::vector<std::string>& args) {
    RedisClient client(testing::parsedTestUrl());
    auto reply = client.command(args);
    EXPECT_TRUE(reply.has_value()) << reply.error().message;
    return reply.value_or(RedisReply{});
  }
  std::string key(const std::string& name) const { return m_prefix + ":match:" + name; }
  // Entries that are claims ("<stamp>:claimed_at", four numbers) rather than stamps (three).
  long long claimsHeld() {
    long long claims = 0;
    for (const RedisReply& value : raw({"HVALS", key("entries")}).elements)
      claims += std::count(value.str.begin(), value.str.end(), ':') == 3 ? 1 : 0;
    return claims;
  }

  std::string m_prefix;
};

std::map<std::int64_t, QueueEntry> byUser(const std::vector<QueueEntry>& entries) {
  std::map<std::int64_t, QueueEntry> map;
  for (const auto& entry : entries) map[entry.userId] = entry;
  return map;
}

TEST_F(RedisMatchQueueTest, JoiningTwiceKeepsThePlaceAndRefreshesTheRating) {
  auto queue = replica();
  ASSERT_EQ(queue->enqueue(7, 1500, kStart), true);
  ASSERT_EQ(queue->enqueue(8, 1600, kStart), true);
  EXPECT_EQ(queue->enqueue(7, 1550, kStart + 30s), false);
  EXPECT_EQ(queue->size(), 2u);
  EXPECT_EQ(queue->state(7), QueueState::Waiting);
  EXPECT_EQ(queue->state(9), QueueState::Absent);
  const auto entries = byUser(queue->waiting().value());
  EXPECT_EQ(entries.at(7).rating, 1550);
  EXPECT_EQ(entries.at(7).enqueuedAt, kStart) << "the first enqueue time is kept";
  EXPECT_LT(entries.at(7).arrival, entries.at(8).arrival);
  EXPECT_EQ(raw({"ZSCORE", key("waiting"), "7"}).str, "1550") << "the line follows the rating";
}

TEST_F(RedisMatchQueueTest, LeavingRemovesOnlyAWaitingPlayer) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(7, 1500, kStart));
  EXPECT_EQ(queue->remove(7), true);
  EXPECT_EQ(queue->remove(7), false);
  EXPECT_EQ(queue->state(7), QueueState::Absent);
  EXPECT_EQ(queue->size(), 0u);
  EXPECT_EQ(raw({"EXISTS", key("waiting")}).integer, 0);
}

TEST_F(RedisMatchQueueTest, RoundsPairExactlyAsTheInProcessRoundDoes) {
  matchmaking::PairingRules rules;
  rules.maxGap = 400;
  auto queue = replica({.rules = rules});
  std::mt19937 random(2026);
  std::vector<QueueEntry> local;
  // Ratings bunched and spread, joins over three minutes: narrow gaps, widened ones, urgent
  // players and equal ratings all occur.
  for (std::int64_t user = 1; user <= 400; ++user) {
    const auto rating = static_cast<std::int32_t>(1200 + random() % 900);
    const Timestamp joined = kStart + std::chrono::milliseconds(random() % 180'000);
    auto isNew = queue->enqueue(user, rating, joined);
    ASSERT_TRUE(isNew.has_value() && *isNew);
  }
  const auto entries = queue->waiting().value();
  ASSERT_EQ(entries.size(), 400u);
  const Timestamp now = kStart + 200s;
  const auto expected = matchmaking::pairRound(entries, now, rules);
  ASSERT_GT(expected.size(), 20u);
  const auto claimed = queue->claimRound(now);
  ASSERT_TRUE(claimed.has_value()) << claimed.error().message;
  EXPECT_EQ(*claimed, expected);
  EXPECT_EQ(queue->size(), 400u - 2 * expected.size());
  for (const Pairing& pair : expected) {
    EXPECT_TRUE(matchmaking::acceptable(rules, pair.first, pair.second, now));
    EXPECT_EQ(queue->state(pair.first.userId), QueueState::BeingMatched);
  }
}

TEST_F(RedisMatchQueueTest, ALargeRoundClaimsInBulkSlicesWithEveryKeyConsistent) {
  // 3,000 players in chunks of 1,200 pairs: the claim script reads and writes in slices (Lua's
  // unpack limit), and every claimed player must leave `waiting` and hold a claim, whatever
  // slice they fell in.
  RedisMatchQueueOptions options;
  options.pairsPerScript = 1200;
  auto queue = replica(options);
  for (std::int64_t user = 1; user <= 3000; ++user)
    ASSERT_TRUE(queue->enqueue(user, static_cast<std::int32_t>(1500 + user % 40), kStart));
  const auto claimed = queue->claimRound(kStart + 1s).value();
  EXPECT_EQ(claimed.size(), 1500u);
  EXPECT_EQ(claimsHeld(), 3000);
  EXPECT_EQ(raw({"HLEN", key("entries")}).integer, 3000);
  EXPECT_EQ(raw({"ZCARD", key("waiting")}).integer, 0);
  EXPECT_TRUE(queue->waiting().value().empty()) << "a claim is not a place in the line";
  std::set<std::int64_t> seen;
  for (const Pairing& pair : claimed) {
    EXPECT_TRUE(seen.insert(pair.first.userId).second);
    EXPECT_TRUE(seen.insert(pair.second.userId).second);
    EXPECT_EQ(queue->state(pair.second.userId), QueueState::BeingMatched);
  }
  EXPECT_TRUE(queue->claimRound(kStart + 2s).value().empty());
}

TEST_F(RedisMatchQueueTest, FindGivesAWaitingPlayersPlaceAndNothingOnceClaimed) {
  auto queue = replica();
  EXPECT_FALSE(queue->find(1).value().has_value());
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1520, kStart + 3s));
  const auto first = queue->find(1).value();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->rating, 1500);
  EXPECT_EQ(first->enqueuedAt, kStart);
  ASSERT_EQ(queue->claimRound(kStart + 4s).value().size(), 1u);
  EXPECT_FALSE(queue->find(1).value().has_value()) << "being matched is not waiting";
  raw({"HSET", key("entries"), "7", "garbage"});
  EXPECT_FALSE(queue->find(7).value().has_value()) << "a malformed stamp is not a place";
}

TEST_F(RedisMatchQueueTest, APlayerBeingMatchedCannotJoinAgainUntilTheClaimEnds) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1510, kStart));
  const auto pairs = queue->claimRound(kStart + 1s).value();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(queue->enqueue(1, 1500, kStart + 2s).error().code, ErrorCode::Conflict);
  EXPECT_EQ(queue->remove(1), false) << "leaving does not undo a claim";
  EXPECT_TRUE(queue->claimRound(kStart + 3s).value().empty());
  ASSERT_TRUE(queue->release(1).has_value());
  EXPECT_EQ(queue->state(1), QueueState::Absent);
  EXPECT_EQ(queue->enqueue(1, 1500, kStart + 4s), true);
}

TEST_F(RedisMatchQueueTest, RestorePutsAClaimedPlayerBackAtTheOldPlaceOnlyOnce) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1500, kStart + 1s));
  const auto pairs = queue->claimRound(kStart + 5s).value();
  ASSERT_EQ(pairs.size(), 1u);
  ASSERT_TRUE(queue->restore(pairs[0].first).has_value());
  ASSERT_TRUE(queue->release(pairs[0].second.userId).has_value());
  // A second restore (or one after release) finds no claim and changes nothing.
  ASSERT_TRUE(queue->restore(pairs[0].first).has_value());
  ASSERT_TRUE(queue->restore(pairs[0].second).has_value());
  const auto entries = queue->waiting().value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0], pairs[0].first) << "same enqueue time and arrival: the same place";
  EXPECT_EQ(queue->state(pairs[0].second.userId), QueueState::Absent);
}

TEST_F(RedisMatchQueueTest, NoRoundRunsWhileAnotherReplicaHoldsTheLease) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1500, kStart));
  raw({"SET", key("lease"), "another-replica", "PX", "60000"});
  EXPECT_TRUE(queue->claimRound(kStart + 1s).value().empty());
  EXPECT_EQ(queue->size(), 2u);
  EXPECT_EQ(raw({"GET", key("lease")}).str, "another-replica") << "someone else's lease is kept";
  raw({"DEL", key("lease")});
  EXPECT_EQ(queue->claimRound(kStart + 1s).value().size(), 1u);
  EXPECT_EQ(raw({"EXISTS", key("lease")}).integer, 0) << "the lease is given back after a round";
}

TEST_F(RedisMatchQueueTest, OverlappingRoundsOfTwoReplicasNeverClaimAPlayerTwiceNorLoseOne) {
  // A lease of 1 ms expires during the round: the rounds overlap, and only the claim script
  // keeps them apart.
  RedisMatchQueueOptions shortLease;
  shortLease.lease = 1ms;
  auto a = replica(shortLease);
  auto b = replica(shortLease);
  constexpr int kPlayers = 1000;
  std::mt19937 random(7);
  for (int user = 1; user <= kPlayers; ++user) {
    auto& queue = user % 2 == 0 ? *a : *b;
    ASSERT_TRUE(queue.enqueue(user, static_cast<std::int32_t>(1000 + random() % 2000),
                              kStart + std::chrono::milliseconds(random() % 120'000)));
  }
  std::mutex mutex;
  std::vector<Pairing> claimed;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto& queue = t % 2 == 0 ? *a : *b;
      for (int round = 0; round < 5; ++round) {
        auto pairs = queue.claimRound(kStart + 130s + std::chrono::seconds(round));
        if (!pairs) {
          ++failures;
          continue;
        }
        const std::lock_guard lock(mutex);
        claimed.insert(claimed.end(), pairs->begin(), pairs->end());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<std::int64_t> seen;
  for (const Pairing& pair : claimed) {
    EXPECT_TRUE(seen.insert(pair.first.userId).second) << pair.first.userId << " claimed twice";
    EXPECT_TRUE(seen.insert(pair.second.userId).second) << pair.second.userId << " claimed twice";
  }
  const auto stillWaiting = a->waiting().value();  // kept: a temporary's value() would dangle
  for (const QueueEntry& entry : stillWaiting) {
    EXPECT_TRUE(seen.insert(entry.userId).second) << entry.userId << " claimed and waiting";
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kPlayers)) << "nobody is lost";
  EXPECT_EQ(claimsHeld(), static_cast<long long>(claimed.size() * 2));
}

TEST_F(RedisMatchQueueTest, ClaimsOutlivingTheLimitAreNamedAsAbandonedToOneReplicaAWindow) {
  RedisMatchQueueOptions options;
  options.abandonAfter = 60s;
  auto queue = replica(options);
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1500, kStart));
  const auto pairs = queue->claimRound(kStart + 1s).value();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_TRUE(queue->abandonedClaims(kStart + 60s).value().empty());
  auto abandoned = queue->abandonedClaims(kStart + 61s).value();
  ASSERT_EQ(abandoned.size(), 2u);
  std::sort(abandoned.begin(), abandoned.end(),
            [](const QueueEntry& x, const QueueEntry& y) { return x.userId < y.userId; });
  EXPECT_EQ(abandoned[0].userId, 1);
  EXPECT_EQ(abandoned[0].enqueuedAt, kStart);
  // Restored, the player waits at the old place and is no longer abandoned.
  ASSERT_TRUE(queue->restore(abandoned[0]).has_value());
  EXPECT_EQ(queue->state(1), QueueState::Waiting);
  EXPECT_TRUE(queue->abandonedClaims(kStart + 61s).value().empty())
      << "one replica ends abandoned claims per window";
  raw({"DEL", key("recovery")});  // the window has passed
  EXPECT_EQ(queue->abandonedClaims(kStart + 61s).value().size(), 1u);
}

TEST_F(RedisMatchQueueTest, ReleaseAndRemoveEachTouchOnlyTheirOwnKindOfEntry) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(2, 1500, kStart));
  ASSERT_TRUE(queue->enqueue(3, 2900, kStart));  // too far from both to be paired
  ASSERT_EQ(queue->claimRound(kStart + 1s).value().size(), 1u);
  EXPECT_FALSE(queue->remove(1).value()) << "leaving the queue does not end a claim";
  EXPECT_EQ(queue->state(1), QueueState::BeingMatched);
  ASSERT_TRUE(queue->release(3).has_value());
  EXPECT_EQ(queue->state(3), QueueState::Waiting) << "release ends a claim, not a place";
  EXPECT_EQ(queue->size().value(), 1u);
  ASSERT_TRUE(queue->release(1).has_value());
  EXPECT_EQ(queue->state(1), QueueState::Absent);
  EXPECT_TRUE(queue->enqueue(1, 1500, kStart + 2s).value()) << "joins afresh once released";
  EXPECT_EQ(queue->size().value(), 2u);
}

TEST_F(RedisMatchQueueTest, AHandWrittenMalformedValueIsNeverPairedAndTheNextJoinReplacesIt) {
  auto queue = replica();
  raw({"HSET", key("entries"), "9", "1500:0"});
  EXPECT_EQ(queue->state(9), QueueState::Absent);
  EXPECT_TRUE(queue->enqueue(9, 1500, kStart).value()) << "joins as new, not refused";
  EXPECT_EQ(queue->find(9).value()->rating, 1500);
}

TEST_F(RedisMatchQueueTest, AHandWrittenMalformedStampIsNeverPaired) {
  auto queue = replica();
  ASSERT_TRUE(queue->enqueue(1, 1500, kStart));
  raw({"HSET", key("entries"), "2", "not-a-stamp"});
  raw({"HSET", key("entries"), "x", "1500:0:1"});
  EXPECT_EQ(queue->waiting().value().size(), 1u);
  EXPECT_TRUE(queue->claimRound(kStart + 1s).value().empty());
}

TEST(RedisMatchQueueUnreachableTest, AnUnreachableRedisIsAnErrorNotAnEmptyQueue) {
  RedisMatchQueue queue(RedisUrl{"127.0.0.1", testing::freePort(), "", 0},
                        RedisOptions{200ms, 500ms});
  EXPECT_EQ(queue.enqueue(1, 1500, kStart).error().code, ErrorCode::Unavailable);
  EXPECT_FALSE(queue.claimRound(kStart).has_value());
  EXPECT_FALSE(queue.state(1).has_value());
}

}  // namespace
}  // namespace arena::server::scaleout
