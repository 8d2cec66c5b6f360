// The duel queue's routes through the real Dispatcher (access checks, error shape), on storage.

#include "features/matchmaking/matchmaking_routes.hpp"

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "matchmaking_fixture.hpp"

namespace arena::server::matchmaking {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class MatchmakingRoutesTest : public testing::MatchmakingTest {
 protected:
  void SetUp() override {
    MatchmakingTest::SetUp();
    if (IsSkipped()) return;
    registerMatchmakingRoutes(m_router, service());
    m_dispatcher = std::make_unique<http::Dispatcher>(
        m_router,
        [this](std::string_view token) -> Result<http::Principal> {
          const auto it = m_tokens.find(std::string(token));
          if (it == m_tokens.end()) return fail(ErrorCode::Unauthenticated, "bad token");
          return it->second;
        },
        m_metrics, http::DispatcherOptions{{1e6, 1e6}, {1e6, 1e6}, {}, nullptr, nullptr});
    m_ada = player("ada", 1500);
    m_bob = player("bob", 1510);
    m_tokens["ada"] = http::Principal{m_ada, "ada", model::Role::Contestant};
    m_tokens["bob"] = http::Principal{m_bob, "bob", model::Role::Contestant};
    m_problem = problem("duel", model::Difficulty::Medium);
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token) {
    http::Request request;
    request.method = method;
    request.path = path;
    if (token) request.headers.emplace_back("authorization", "Bearer " + *token);
    request.clientAddress = "127.0.0.1";
    request.requestId = "test";
    return m_dispatcher->dispatch(request);
  }
  static json body(const http::Response& response) {
    return json::parse(response.bodyView(), nullptr, false);
  }

  std::int64_t m_ada = 0, m_bob = 0, m_problem = 0;

 private:
  http::Router m_router;
  http::Metrics m_metrics;
  std::map<std::string, http::Principal> m_tokens;
  std::unique_ptr<http::Dispatcher> m_dispatcher;
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
                                     std::pair{"DELETE", "/api/match/queue"}}) {
    EXPECT_EQ(call(method, path, std::nullopt).status, 401) << path;
    EXPECT_EQ(call(method, path, "forged").status, 401) << path;
  }
  EXPECT_EQ(service().waitingCount(), 0u);
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
