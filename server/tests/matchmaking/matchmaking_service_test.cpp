// MatchmakingService on real storage: matches made, problems chosen, the queue's contract.

#include "features/matchmaking/matchmaking_service.hpp"

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "features/matchmaking/in_process_queue_backend.hpp"
#include "matchmaking_fixture.hpp"

namespace arena::server::matchmaking {
namespace {

using namespace std::chrono_literals;
using model::Difficulty;
using testing::MatchmakingTest;

using MatchmakingServiceTest = MatchmakingTest;

// Still queued, no match yet (and no error).
bool isWaiting(const Result<std::optional<MatchAssignment>>& answer) {
  return answer.has_value() && !answer->has_value();
}

TEST_P(MatchmakingServiceTest, CloseRatedPlayersShareAMatchOnAProblemNeitherSolved) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1520);
  const auto solvedByAda = problem("solved-by-ada", Difficulty::Medium);
  const auto solvedByBob = problem("solved-by-bob", Difficulty::Medium);
  const auto fresh = problem("fresh", Difficulty::Medium);
  problem("too-easy", Difficulty::Easy);  // unsolved, but 1510 suits medium
  solve(ada, solvedByAda);
  solve(bob, solvedByBob);

  ASSERT_TRUE(service().enqueue(ada).has_value());
  ASSERT_TRUE(service().enqueue(bob).has_value());
  const auto forAda = service().dequeue(ada);
  ASSERT_TRUE(forAda.has_value()) << forAda.error().message;
  ASSERT_TRUE(forAda->has_value());
  EXPECT_EQ((*forAda)->problemId, fresh);
  const auto forBob = service().dequeue(bob);
  ASSERT_TRUE(forBob.has_value() && forBob->has_value());
  EXPECT_EQ(**forBob, **forAda);

  const auto stored = storage().matches().findById((*forAda)->matchId);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, model::MatchStatus::Active);
  EXPECT_EQ(stored->problemId, fresh);
  EXPECT_EQ(std::min(stored->player1Id, stored->player2Id), std::min(ada, bob));
  EXPECT_EQ(std::max(stored->player1Id, stored->player2Id), std::max(ada, bob));
  EXPECT_TRUE(stored->startedAt.has_value());

  // Asked again (on any replica), the same match while it lasts; then nothing.
  EXPECT_EQ(service().dequeue(ada).value(), *forAda);
  EXPECT_EQ(service().waitingCount(), 0u);
  ASSERT_TRUE(storage().matches().finish((*forAda)->matchId, ada, now()).has_value());
  EXPECT_EQ(service().dequeue(ada).error().code, ErrorCode::NotFound);
}

TEST_P(MatchmakingServiceTest, DistantPlayersWaitUntilTheGapWidens) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1700);
  problem("any", Difficulty::Medium);
  ASSERT_TRUE(service().enqueue(ada));
  ASSERT_TRUE(service().enqueue(bob));
  EXPECT_TRUE(isWaiting(service().dequeue(ada)));
  advance(29s);  // gap 50 + 2 * 50 = 150 < 200
  EXPECT_TRUE(isWaiting(service().dequeue(ada)));
  advance(1s);  // 30 s: gap 200
  const auto matched = service().dequeue(bob);
  ASSERT_TRUE(matched.has_value() && matched->has_value());
}

TEST_P(MatchmakingServiceTest, EnqueueingTwiceIsHarmlessButNotWhileInAMatch) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  problem("any", Difficulty::Medium);
  ASSERT_TRUE(service().enqueue(ada));
  ASSERT_TRUE(service().enqueue(ada));
  EXPECT_EQ(service().waitingCount(), 1u);
  ASSERT_TRUE(service().enqueue(bob));
  ASSERT_TRUE(service().runPairingRound().has_value());
  // Ada's match is made: she plays it before another, collected or not.
  EXPECT_EQ(service().enqueue(ada).error().code, ErrorCode::Conflict);
  const auto match = service().dequeue(ada);
  ASSERT_TRUE(match.has_value() && match->has_value());
  EXPECT_EQ(service().enqueue(ada).error().code, ErrorCode::Conflict);
  EXPECT_EQ(service().waitingCount(), 0u);
  ASSERT_TRUE(storage().matches().finish((*match)->matchId, std::nullopt, now()).has_value());
  EXPECT_TRUE(service().enqueue(ada).has_value());
}

TEST_P(MatchmakingServiceTest, APlayerAlreadyInAMatchIsDroppedFromTheQueueNotPairedAgain) {
  // Ada got into the line while in a match (the race enqueue's second look closes, forced here
  // by going around the service): the round must not give her a second match.
  auto queue = std::make_shared<InProcessQueueBackend>();
  MatchmakingService direct(repositories(), queue, [this] { return now(); });
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  const auto cy = player("cy", 1500);
  const auto any = problem("any", Difficulty::Medium);
  ASSERT_TRUE(storage().matches().create({ada, cy, any, model::MatchStatus::Active, now()}));
  ASSERT_TRUE(queue->enqueue(ada, 1500, now()).has_value());
  ASSERT_TRUE(direct.enqueue(bob).has_value());
  EXPECT_EQ(direct.runPairingRound().value_or(99), 0u);
  EXPECT_EQ(queue->state(ada).value(), QueueState::Absent) << "dropped: she is playing";
  EXPECT_EQ(queue->state(bob).value(), QueueState::Waiting) << "back at his place";
  EXPECT_EQ(direct.enqueue(ada).error().code, ErrorCode::Conflict);
}

TEST_P(MatchmakingServiceTest, TheBackgroundTickPairsPlayersNobodyPolls) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1510);
  problem("any", Difficulty::Medium);
  std::mutex mutex;
  std::condition_variable heard;
  std::vector<model::Match> made;
  service().setMatchListener([&](const model::Match& match) {
    const std::lock_guard lock(mutex);
    made.push_back(match);
    heard.notify_all();
  });
  ASSERT_TRUE(service().enqueue(ada).has_value());
  ASSERT_TRUE(service().enqueue(bob).has_value());
  service().startTicking(10ms);
  std::unique_lock lock(mutex);
  ASSERT_TRUE(heard.wait_for(lock, 10s, [&] { return !made.empty(); }));
  EXPECT_EQ(made.size(), 1u);
  lock.unlock();
  service().stopTicking();
  EXPECT_EQ(service().waitingCount(), 0u);
}

TEST_P(MatchmakingServiceTest, LeavingTheQueueEndsTheWait) {
  const auto ada = player("ada", 1500);
  ASSERT_TRUE(service().enqueue(ada));
  EXPECT_TRUE(service().leave(ada));
  EXPECT_FALSE(service().leave(ada));
  EXPECT_EQ(service().dequeue(ada).error().code, ErrorCode::NotFound);
  // Someone who left is never paired.
  const auto bob = player("bob", 1500);
  problem("any", Difficulty::Easy);
  ASSERT_TRUE(service().enqueue(bob));
  EXPECT_TRUE(isWaiting(service().dequeue(bob)));
}

TEST_P(MatchmakingServiceTest, PlayersWhoSolvedEverythingKeepWaiting) {
  const auto ada = player("ada", 1500);
  const auto bob = player("bob", 1500);
  const auto only = problem("only", Difficulty::Hard);
  solve(bob, only);
  ASSERT_TRUE(service().enqueue(ada));
  ASSERT_TRUE(service().enqueue(bob));
  EXPECT_TRUE(isWaiting(service().dequeue(ada)));
  EXPECT_EQ(service().waitingCount(), 2u);
  // A new problem appears: they play it, with their places kept.
  const auto added = problem("added", Difficulty::Easy);
  const auto matched = service().dequeue(bob);
  ASSERT_TRUE(matched.has_value() && matched->has_value());
  EXPECT_EQ((*matched)->problemId, added);
}

TEST_P(MatchmakingServiceTest, UnknownUsersCannotQueue) {
  EXPECT_EQ(service().enqueue(987654).error().code, ErrorCode::NotFound);
  EXPECT_EQ(service().waitingCount(), 0u);
}

TEST_P(MatchmakingServiceTest, ListenerHearsOfEveryMatchOnce) {
  problem("any", Difficulty::Medium);
  std::vector<model::Match> heard;
  service().setMatchListener([&](const model::Match& match) { heard.push_back(match); });
  std::vector<std::int64_t> players;
  for (int i = 0; i < 6; ++i) {
    players.push_back(player("p" + std::to_string(i), 1500 + i * 5));
    ASSERT_TRUE(service().enqueue(players.back()));
  }
  const auto made = service().runPairingRound();
  ASSERT_TRUE(made.has_value());
  EXPECT_EQ(*made, 3u);
  EXPECT_EQ(heard.size(), 3u);
  EXPECT_EQ(service().runPairingRound().value_or(99), 0u);
  EXPECT_EQ(heard.size(), 3u);
}

TEST_P(MatchmakingServiceTest, ConcurrentPlayersEachEndInExactlyOneMatch) {
  problem("any", Difficulty::Medium);
  constexpr int kPlayers = 24;
  std::vector<std::int64_t> players;
  for (int i = 0; i < kPlayers; ++i) players.push_back(player("c" + std::to_string(i), 1500));

  std::mutex resultsMutex;
  std::map<std::int64_t, MatchAssignment> results;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < kPlayers; i += 4) {
        const auto id = players[static_cast<std::size_t>(i)];
        if (!service().enqueue(id)) ++failures;
      }
      // Poll until each of this thread's players has collected a match.
      for (int i = t; i < kPlayers; i += 4) {
        const auto id = players[static_cast<std::size_t>(i)];
        // Bounded by time, not attempts: on a loaded machine another thread's enqueue may be
        // descheduled for a while.
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        while (std::chrono::steady_clock::now() < deadline) {
          auto answer = service().dequeue(id);
          if (!answer) { ++failures; break; }
          if (*answer) {
            const std::lock_guard lock(resultsMutex);
            results[id] = **answer;
            break;
          }
          std::this_thread::yield();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(results.size(), static_cast<std::size_t>(kPlayers));
  // Every match holds exactly two of the players, and they agree on it.
  std::map<std::int64_t, int> perMatch;
  for (const auto& [id, assignment] : results) {
    ++perMatch[assignment.matchId];
    const auto stored = storage().matches().findById(assignment.matchId);
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(stored->player1Id == id || stored->player2Id == id);
  }
  EXPECT_EQ(perMatch.size(), static_cast<std::size_t>(kPlayers / 2));
  for (const auto& [match, count] : perMatch) EXPECT_EQ(count, 2) << "match " << match;
}

ARENA_STORAGE_BACKENDS(MatchmakingServiceTest);

}  // namespace
}  // namespace arena::server::matchmaking
