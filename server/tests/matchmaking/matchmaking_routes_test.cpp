// The duel queue's routes through the real Dispatcher (access checks, error shape), on storage.

#include "features/matchmaking/matchmaking_routes.hpp"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "matchmaking_fixture.hpp"
#include "route_harness.hpp"

namespace arena::server::matchmaking {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using arena::server::testing::RouteHarness;

class MatchmakingRoutesTest : public testing::MatchmakingTest {
 protected:
  void SetUp() override {
    MatchmakingTest::SetUp();
    if (IsSkipped()) return;
    registerMatchmakingRoutes(m_routes.router(), service());
    m_ada = player("ada", 1500);
    m_bob = player("bob", 1510);
    m_routes.grant("ada", http::Principal{m_ada, "ada", model::Role::Contestant});
    m_routes.grant("bob", http::Principal{m_bob, "bob", model::Role::Contestant});
    m_problem = problem("duel", model::Difficulty::Medium);
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token) {
    return m_routes.call(method, path, token);
  }
  static json body(const http::Response& response) { return RouteHarness::body(response); }

  std::int64_t m_ada = 0, m_bob = 0, m_problem = 0;

 private:
  RouteHarness m_routes;
};

TEST_P(MatchmakingRoutesTest, TwoPlayersEnqueueAndBothCollectTheSameMatch) {
  auto queued = call("POST", "/api/match/enqueue", "ada");
  EXPECT_EQ(queued.status, 200);
  EXPECT_EQ(body(queued), json({{"status", "queued"}}));
  // Enqueueing twice is harmless.
  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);

  auto waiting = call("POST", "/api/match/dequeue", "ada");
  EXPECT_EQ(waiting.status, 202);
  EXPECT_EQ(body(waiting), json({{"status", "waiting"}}));

  EXPECT_EQ(call("POST", "/api/match/enqueue", "bob").status, 200);
  auto forBob = call("POST", "/api/match/dequeue", "bob");
  ASSERT_EQ(forBob.status, 200) << forBob.bodyView();
  const json match = body(forBob);
  EXPECT_EQ(match["problem_id"], m_problem);
  ASSERT_TRUE(match["match_id"].is_number_integer());
  auto forAda = call("POST", "/api/match/dequeue", "ada");
  ASSERT_EQ(forAda.status, 200);
  EXPECT_EQ(body(forAda), match);
}

TEST_P(MatchmakingRoutesTest, LeavingAnswers204AndDequeueThen404InTheErrorShape) {
  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);
  EXPECT_EQ(call("DELETE", "/api/match/queue", "ada").status, 204);
  EXPECT_EQ(call("DELETE", "/api/match/queue", "ada").status, 204);  // not queued: still fine
  auto gone = call("POST", "/api/match/dequeue", "ada");
  EXPECT_EQ(gone.status, 404);
  const json error = body(gone);
  EXPECT_EQ(error["error"]["status"], 404);
  EXPECT_EQ(error["error"]["type"], std::string(errorType(ErrorCode::NotFound)));
  EXPECT_TRUE(error["error"]["message"].is_string());
}

TEST_P(MatchmakingRoutesTest, EveryRouteNeedsALoggedInUser) {
  for (const auto& [method, path] : {std::pair{"POST", "/api/match/enqueue"},
                                     std::pair{"POST", "/api/match/dequeue"},
                                     std::pair{"DELETE", "/api/match/queue"},
                                     std::pair{"GET", "/api/match/queue"}}) {
    EXPECT_EQ(call(method, path, std::nullopt).status, 401) << path;
    EXPECT_EQ(call(method, path, "forged").status, 401) << path;
  }
  EXPECT_EQ(service().waitingCount(), 0u);
}

TEST_P(MatchmakingRoutesTest, QueueStatusGoesIdleThenQueuedWithAWideningGapThenMatched) {
  auto idle = call("GET", "/api/match/queue", "ada");
  ASSERT_EQ(idle.status, 200) << idle.bodyView();
  EXPECT_EQ(body(idle), json({{"status", "idle"}, {"waited_ms", 0}, {"rating", 1500},
                              {"rating_gap", 50}, {"queue_size", 0}, {"match_id", nullptr}}));

  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);
  advance(25s);  // two widening steps of 10 s
  auto queued = call("GET", "/api/match/queue", "ada");
  ASSERT_EQ(queued.status, 200);
  EXPECT_EQ(body(queued), json({{"status", "queued"}, {"waited_ms", 25000}, {"rating", 1500},
                                {"rating_gap", 150}, {"queue_size", 1}, {"match_id", nullptr}}));
  // Enqueueing again keeps the place, so the waited time and the gap too.
  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);
  EXPECT_EQ(body(call("GET", "/api/match/queue", "ada"))["waited_ms"], 25000);

  EXPECT_EQ(call("POST", "/api/match/enqueue", "bob").status, 200);
  auto forBob = call("POST", "/api/match/dequeue", "bob");
  ASSERT_EQ(forBob.status, 200) << forBob.bodyView();
  for (const char* who : {"ada", "bob"}) {
    const json matched = body(call("GET", "/api/match/queue", who));
    EXPECT_EQ(matched["status"], "matched") << who;
    EXPECT_EQ(matched["match_id"], body(forBob)["match_id"]) << who;
    EXPECT_EQ(matched["queue_size"], 0) << who;
    EXPECT_EQ(matched["waited_ms"], 0) << who;
  }
}

TEST_P(MatchmakingRoutesTest, QueueStatusRunsNoRoundAndShowsOnlyTheCallersOwnPlace) {
  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);
  advance(5s);
  // Bob is not queued: he sees the queue's size, not Ada's place.
  EXPECT_EQ(body(call("GET", "/api/match/queue", "bob")),
            json({{"status", "idle"}, {"waited_ms", 0}, {"rating", 1510}, {"rating_gap", 50},
                  {"queue_size", 1}, {"match_id", nullptr}}));
  EXPECT_EQ(call("POST", "/api/match/enqueue", "bob").status, 200);
  // Two close players, but asking is read-only: nobody is paired by it.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(body(call("GET", "/api/match/queue", "ada"))["status"], "queued");
    EXPECT_EQ(body(call("GET", "/api/match/queue", "bob"))["status"], "queued");
  }
  EXPECT_EQ(service().waitingCount(), 2u);
  EXPECT_EQ(body(call("GET", "/api/match/queue", "bob"))["waited_ms"], 0);
  EXPECT_EQ(body(call("GET", "/api/match/queue", "ada"))["waited_ms"], 5000);

  EXPECT_EQ(call("DELETE", "/api/match/queue", "ada").status, 204);
  const json left = body(call("GET", "/api/match/queue", "ada"));
  EXPECT_EQ(left["status"], "idle");
  EXPECT_EQ(left["queue_size"], 1);
}

TEST_P(MatchmakingRoutesTest, WrongMethodIs405) {
  EXPECT_EQ(call("GET", "/api/match/enqueue", "ada").status, 405);
  EXPECT_EQ(call("PUT", "/api/match/queue", "ada").status, 405);
}

TEST_P(MatchmakingRoutesTest, EnqueueWhileInAMatchIs409CollectedOrNot) {
  EXPECT_EQ(call("POST", "/api/match/enqueue", "ada").status, 200);
  EXPECT_EQ(call("POST", "/api/match/enqueue", "bob").status, 200);
  EXPECT_EQ(call("POST", "/api/match/dequeue", "bob").status, 200);
  auto conflict = call("POST", "/api/match/enqueue", "ada");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(body(conflict)["error"]["status"], 409);
  EXPECT_EQ(call("POST", "/api/match/enqueue", "bob").status, 409) << "collected, still playing";
}

ARENA_STORAGE_BACKENDS(MatchmakingRoutesTest);

}  // namespace
}  // namespace arena::server::matchmaking
