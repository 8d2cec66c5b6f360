// MatchmakingService on the Redis queue, as two replicas use it: two services (one per
// "replica") over one database and one Redis prefix. A match made on one is collected on the
// other, nobody joins twice, and claims a dead replica left behind are ended by the next round:
// restored when no match was made, released when it was (never a second match).

#include <chrono>

#include "features/matchmaking/matchmaking_service.hpp"
#include "redis_test_support.hpp"
#include "scaleout/redis_match_queue.hpp"
#include "storage_fixture.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;
using matchmaking::MatchmakingService;
using matchmaking::QueueState;

class RedisMatchmakingServiceTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ARENA_REQUIRE_REDIS();
    m_prefix = testing::uniquePrefix("matchsvc");
    m_queueA = queue();
    m_queueB = queue();
    m_a = service(m_queueA);
    m_b = service(m_queueB);
    m_problem = makeProblem("duel");  // medium
  }
  void TearDown() override {
    m_a.reset();
    m_b.reset();
    if (!m_prefix.empty()) {
      RedisClient client(testing::parsedTestUrl());
      for (const char* key : {"waiting", "entries", "claimed", "arrivals", "lease", "recovery"})
        (void)client.command({"DEL", m_prefix + ":match:" + key});
    }
    StorageTest::TearDown();
  }

  std::shared_ptr<RedisMatchQueue> queue() {
    RedisMatchQueueOptions options;
    options.prefix = m_prefix;
    options.abandonAfter = 60s;
    return std::make_shared<RedisMatchQueue>(testing::parsedTestUrl(), RedisOptions{}, options);
  }
  std::unique_ptr<MatchmakingService> service(std::shared_ptr<RedisMatchQueue> shared) {
    return std::make_unique<MatchmakingService>(
        matchmaking::MatchmakingRepositories{storage().users(), storage().problems(),
                                             storage().submissions(), storage().matches()},
        std::move(shared), [this] { return m_now; });
  }
  std::int64_t player(const std::string& name, std::int32_t rating) {
    const std::int64_t id = makeUser(name);
    const storage::RatingChange change{id, rating, 200.0, 0.06, std::nullopt};
    EXPECT_TRUE(storage().users().updateRatings(std::span(&change, 1)).has_value());
    return id;
  }

  Timestamp m_now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
  std::string m_prefix;
  std::shared_ptr<RedisMatchQueue> m_queueA, m_queueB;
  std::unique_ptr<MatchmakingService> m_a, m_b;
  std::int64_t m_problem = 0;
};

TEST_P(RedisMatchmakingServiceTest, AMatchMadeOnOneReplicaIsCollectedOnTheOther) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1520);
  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_b->enqueue(bob).has_value());
  EXPECT_EQ(m_b->waitingCount(), 2u) << "one queue for both replicas";
  EXPECT_EQ(m_b->runPairingRound().value_or(99), 1u);
  const auto forAda = m_b->dequeue(ada);
  ASSERT_TRUE(forAda.has_value() && forAda->has_value());
  EXPECT_EQ((*forAda)->problemId, m_problem);
  const auto forBob = m_a->dequeue(bob);
  ASSERT_TRUE(forBob.has_value() && forBob->has_value());
  EXPECT_EQ(**forBob, **forAda);
  EXPECT_EQ(m_b->enqueue(ada).error().code, ErrorCode::Conflict) << "in a match on any replica";
  EXPECT_EQ(m_a->runPairingRound().value_or(99), 0u);
}

TEST_P(RedisMatchmakingServiceTest, QueueStatusIsTheSameOnEveryReplicaQueuedThenMatched) {
  using matchmaking::QueuePhase;
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1600);
  auto idle = m_b->status(ada);
  ASSERT_TRUE(idle.has_value()) << idle.error().message;
  EXPECT_EQ(idle->phase, QueuePhase::Idle);
  EXPECT_EQ(idle->rating, 1500);
  EXPECT_EQ(idle->ratingGap, 50);
  EXPECT_EQ(idle->queueSize, 0u);

  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_a->enqueue(bob).has_value());
  m_now += 12'500ms;  // one widening step: gap 100; asking runs no round, so both still wait
  auto queued = m_b->status(ada);  // asked on the other replica
  ASSERT_TRUE(queued.has_value());
  EXPECT_EQ(queued->phase, QueuePhase::Queued);
  EXPECT_EQ(queued->waited, 12'500ms);
  EXPECT_EQ(queued->ratingGap, 100);
  EXPECT_EQ(queued->queueSize, 2u);
  EXPECT_FALSE(queued->matchId.has_value());

  ASSERT_EQ(m_a->runPairingRound().value_or(99), 1u);  // the gap of 100 covers 1500..1600
  for (MatchmakingService* replica : {m_a.get(), m_b.get()}) {
    auto matched = replica->status(bob);
    ASSERT_TRUE(matched.has_value());
    EXPECT_EQ(matched->phase, QueuePhase::Matched);
    EXPECT_EQ(matched->queueSize, 0u);
    EXPECT_EQ(matched->waited, 0ms);
    ASSERT_TRUE(matched->matchId.has_value());
    EXPECT_EQ(matched->matchId, (*m_b->dequeue(bob))->matchId);
  }
}

TEST_P(RedisMatchmakingServiceTest, QueueStatusOfAPlayerBeingMatchedIsMatchedWithoutAnIdYet) {
  using matchmaking::QueuePhase;
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_a->enqueue(bob).has_value());
  // A replica claimed the pair and has not committed the match yet.
  ASSERT_EQ(m_queueA->claimRound(m_now).value().size(), 1u);
  auto status = m_b->status(ada);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->phase, QueuePhase::Matched);
  EXPECT_FALSE(status->matchId.has_value());
}

TEST_P(RedisMatchmakingServiceTest, DistantPlayersWaitOnBothReplicasUntilTheGapWidens) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1700);
  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_b->enqueue(bob).has_value());
  m_now += 29s;  // gap 150 < 200
  EXPECT_FALSE(m_a->dequeue(ada).value().has_value());
  EXPECT_FALSE(m_b->dequeue(bob).value().has_value());
  m_now += 1s;  // gap 200
  const auto matched = m_b->dequeue(ada);
  ASSERT_TRUE(matched.has_value() && matched->has_value());
}

TEST_P(RedisMatchmakingServiceTest, AClaimLeftByADeadReplicaWithoutAMatchGoesBackToTheQueue) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_a->enqueue(bob).has_value());
  // A replica claims them and dies before making the match.
  ASSERT_EQ(queue()->claimRound(m_now).value().size(), 1u);
  EXPECT_FALSE(m_b->dequeue(ada).value().has_value()) << "being matched: still a wait";
  EXPECT_EQ(m_b->enqueue(ada).error().code, ErrorCode::Conflict);
  m_now += 59s;
  EXPECT_EQ(m_b->runPairingRound().value_or(99), 0u) << "the claim may still be in progress";
  m_now += 2s;
  EXPECT_EQ(m_b->runPairingRound().value_or(99), 1u) << "restored, then paired";
  const auto forAda = m_a->dequeue(ada);
  ASSERT_TRUE(forAda.has_value() && forAda->has_value());
}

TEST_P(RedisMatchmakingServiceTest, AClaimLeftByADeadReplicaAfterItsMatchIsReleasedNotRematched) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  ASSERT_TRUE(m_a->enqueue(ada).has_value());
  ASSERT_TRUE(m_a->enqueue(bob).has_value());
  // A replica claims them, commits the match, and dies before ending the claims.
  ASSERT_EQ(queue()->claimRound(m_now).value().size(), 1u);
  auto made = storage().matches().create({ada, bob, m_problem, model::MatchStatus::Active, m_now});
  ASSERT_TRUE(made.has_value());
  // Collectable at once, though the claim is still there.
  EXPECT_EQ(m_b->dequeue(bob).value()->matchId, made->id);
  m_now += 61s;
  EXPECT_EQ(m_b->runPairingRound().value_or(99), 0u);
  EXPECT_EQ(m_queueB->state(ada).value(), QueueState::Absent);
  EXPECT_EQ(m_queueB->state(bob).value(), QueueState::Absent);
  EXPECT_EQ(m_a->dequeue(ada).value()->matchId, made->id);
  EXPECT_EQ(m_a->enqueue(ada).error().code, ErrorCode::Conflict);
}

ARENA_STORAGE_BACKENDS(RedisMatchmakingServiceTest);

}  // namespace
}  // namespace arena::server::scaleout
