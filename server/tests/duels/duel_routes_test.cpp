// The duel routes through the real Dispatcher (access checks, error shape, hostile input), on
// both storage backends.

#include "features/duels/duel_routes.hpp"

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "duel_fixture.hpp"
#include "route_harness.hpp"

namespace arena::server::duels {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using arena::server::testing::RouteHarness;

class DuelRoutesTest : public testing::DuelTest {
 protected:
  void SetUp() override {
    DuelTest::SetUp();
    if (IsSkipped()) return;
    registerDuelRoutes(m_routes.router(), service());
    m_ada = player("ada", 1500);
    m_bob = player("bob", 1500);
    m_eve = player("eve", 1500);
    m_proctor = makeUser("proctor", model::Role::Proctor);
    m_routes.grant("ada", http::Principal{m_ada, "ada", model::Role::Contestant});
    m_routes.grant("bob", http::Principal{m_bob, "bob", model::Role::Contestant});
    m_routes.grant("eve", http::Principal{m_eve, "eve", model::Role::Contestant});
    m_routes.grant("proctor", http::Principal{m_proctor, "proctor", model::Role::Proctor});
    m_problem = makeProblem("duel");
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token, std::optional<std::string> body = {}) {
    return m_routes.call(method, path, token, body);
  }
  static json body(const http::Response& response) { return RouteHarness::body(response); }
  std::string matchPath(std::int64_t id) { return "/api/matches/" + std::to_string(id); }

  std::int64_t m_ada = 0, m_bob = 0, m_eve = 0, m_proctor = 0, m_problem = 0;

 private:
  RouteHarness m_routes;
};

TEST_P(DuelRoutesTest, APlayerSeesTheDuelWithoutTheProblemDuringTheCountdown) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  auto response = call("GET", matchPath(duel.match.id), "ada");
  ASSERT_EQ(response.status, 200) << response.bodyView();
  const json view = body(response);
  EXPECT_EQ(view["state"], "countdown");
  EXPECT_TRUE(view["problem_id"].is_null());
  EXPECT_EQ(view["rated"], true);
  EXPECT_EQ(view["server_time"], formatTimestamp(now()));
  EXPECT_EQ(view["started_at"], formatTimestamp(now() + 5s));
  EXPECT_EQ(view["ends_at"], formatTimestamp(now() + 5s + 30min));
  EXPECT_TRUE(view["result"].is_null());
  ASSERT_EQ(view["players"].size(), 2u);
  EXPECT_EQ(view["players"][1]["username"], "bob");
  EXPECT_EQ(view["players"][1]["tries"], 0);

  advance(5s);
  submit(m_bob, m_problem, now(), model::Verdict::WrongAnswer);
  const json active = body(call("GET", matchPath(duel.match.id), "ada"));
  EXPECT_EQ(active["state"], "active");
  EXPECT_EQ(active["problem_id"], m_problem);
  EXPECT_EQ(active["players"][1]["tries"], 1);
  EXPECT_EQ(active["players"][1]["verdicts"], json::array({"WA"}));
  EXPECT_FALSE(active.dump().contains("int main")) << "never the code";
}

TEST_P(DuelRoutesTest, OnlyPlayersAndProctorsSeeAMatch) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  EXPECT_EQ(call("GET", matchPath(duel.match.id), std::nullopt).status, 401);
  auto stranger = call("GET", matchPath(duel.match.id), "eve");
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(body(stranger)["error"]["type"], "not_found");
  auto proctor = call("GET", matchPath(duel.match.id), "proctor");
  EXPECT_EQ(proctor.status, 200);
  EXPECT_EQ(body(proctor)["problem_id"], m_problem) << "proctors see it from the start";
  for (const char* bad : {"abc", "0", "-1", "99999999999999999999", "1.5"}) {
    EXPECT_EQ(call("GET", std::string("/api/matches/") + bad, "ada").status, 404) << bad;
  }
  EXPECT_EQ(call("GET", matchPath(987654), "proctor").status, 404);
}

TEST_P(DuelRoutesTest, ForfeitEndsTheDuelForTheOpponentOnce) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  EXPECT_EQ(call("POST", matchPath(duel.match.id) + "/forfeit", std::nullopt).status, 401);
  EXPECT_EQ(call("POST", matchPath(duel.match.id) + "/forfeit", "eve").status, 404);
  EXPECT_EQ(call("POST", matchPath(duel.match.id) + "/forfeit", "proctor").status, 404)
      << "a proctor is not a player";
  auto forfeited = call("POST", matchPath(duel.match.id) + "/forfeit", "bob");
  ASSERT_EQ(forfeited.status, 200) << forfeited.bodyView();
  const json view = body(forfeited);
  EXPECT_EQ(view["state"], "finished");
  EXPECT_EQ(view["result"]["winner_id"], m_ada);
  EXPECT_EQ(view["result"]["reason"], "forfeit");
  ASSERT_EQ(view["result"]["rating_changes"].size(), 2u);
  for (const json& change : view["result"]["rating_changes"]) {
    EXPECT_EQ(change["delta"], change["rating"].get<int>() - change["previous_rating"].get<int>());
    EXPECT_EQ(change["match_id"], duel.match.id);
  }
  auto again = call("POST", matchPath(duel.match.id) + "/forfeit", "ada");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body(again)["error"]["status"], 409);
}

TEST_P(DuelRoutesTest, AProctorStartsAnUnratedLabDuel) {
  const json request = {{"player1", m_ada}, {"player2", m_bob}, {"problem_id", m_problem}};
  EXPECT_EQ(call("POST", "/api/matches", std::nullopt, request.dump()).status, 401);
  EXPECT_EQ(call("POST", "/api/matches", "ada", request.dump()).status, 403);
  auto created = call("POST", "/api/matches", "proctor", request.dump());
  ASSERT_EQ(created.status, 201) << created.bodyView();
  const json view = body(created);
  EXPECT_EQ(view["rated"], false);
  EXPECT_EQ(view["state"], "countdown");
  EXPECT_EQ(view["players"][0]["user_id"], m_ada);
  EXPECT_EQ(call("GET", matchPath(view["id"].get<std::int64_t>()), "bob").status, 200);
  EXPECT_EQ(call("POST", "/api/matches", "proctor", request.dump()).status, 409)
      << "both are already in a duel";
}

TEST_P(DuelRoutesTest, HostileDuelRequestsAreRefusedWithTheErrorShape) {
  const std::map<std::string, int> cases = {
      {"", 400},
      {"[]", 400},
      {"{", 400},
      {R"({"player1": 1})", 400},
      {json({{"player1", m_ada}, {"player2", "bob"}, {"problem_id", m_problem}}).dump(), 400},
      {json({{"player1", m_ada}, {"player2", -m_bob}, {"problem_id", m_problem}}).dump(), 400},
      {json({{"player1", m_ada}, {"player2", m_ada}, {"problem_id", m_problem}}).dump(), 400},
      {json({{"player1", m_ada}, {"player2", m_bob}, {"problem_id", 1e300}}).dump(), 400},
      {json({{"player1", m_ada}, {"player2", m_bob}, {"problem_id", m_problem}, {"rated", "no"}})
           .dump(),
       400},
      {json({{"player1", m_ada}, {"player2", 987654}, {"problem_id", m_problem}}).dump(), 404},
      {json({{"player1", m_ada}, {"player2", m_bob}, {"problem_id", 987654}}).dump(), 404},
  };
  for (const auto& [text, status] : cases) {
    auto response = call("POST", "/api/matches", "proctor", text);
    EXPECT_EQ(response.status, status) << text << " -> " << response.bodyView();
    EXPECT_TRUE(body(response)["error"]["message"].is_string()) << text;
  }
  auto open = repository().listOpen();
  ASSERT_TRUE(open.has_value());
  EXPECT_TRUE(open->empty()) << "no refused request made a duel";
}

TEST_P(DuelRoutesTest, RatingHistoryIsPublicAndOldestFirst) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  ASSERT_TRUE(service().forfeit(duel.match.id, m_bob).has_value());
  auto response = call("GET", "/api/users/" + std::to_string(m_ada) + "/rating-history",
                       std::nullopt);
  ASSERT_EQ(response.status, 200) << response.bodyView();
  const json history = body(response);
  EXPECT_EQ(history["user_id"], m_ada);
  ASSERT_EQ(history["points"].size(), 2u);  // the fixture's start, then the duel
  const json& last = history["points"][1];
  EXPECT_EQ(last["match_id"], duel.match.id);
  EXPECT_EQ(last["previous_rating"], 1500);
  EXPECT_GT(last["delta"].get<int>(), 0);
  EXPECT_TRUE(last["changed_at"].is_string());
  EXPECT_TRUE(history["points"][0]["previous_rating"].is_null());
  EXPECT_EQ(call("GET", "/api/users/987654/rating-history", std::nullopt).status, 404);
  EXPECT_EQ(call("GET", "/api/users/x/rating-history", std::nullopt).status, 404);
}

ARENA_STORAGE_BACKENDS(DuelRoutesTest);

}  // namespace
}  // namespace arena::server::duels
