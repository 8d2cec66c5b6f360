// The bracket routes through the real Dispatcher on both storage backends: who may call what,
// the answer's shape, and hostile input answered in the error shape.

#include "features/brackets/bracket_routes.hpp"

#include <gtest/gtest.h>

#include "bracket_fixture.hpp"
#include "route_harness.hpp"

namespace arena::server::brackets {
namespace {

using arena::server::testing::RouteHarness;
using nlohmann::json;

class BracketRoutesTest : public testing::BracketTest {
 protected:
  void SetUp() override {
    BracketTest::SetUp();
    if (IsSkipped()) return;
    registerBracketRoutes(m_routes.router(), brackets());
    m_ada = player("ada", 1600);
    m_bob = player("bob", 1700);
    m_cy = player("cy", 1500);
    m_proctor = makeUser("proctor", model::Role::Proctor);
    m_routes.grant("ada", http::Principal{m_ada, "ada", model::Role::Contestant});
    m_routes.grant("proctor", http::Principal{m_proctor, "proctor", model::Role::Proctor});
    m_routes.grant("admin", http::Principal{m_proctor, "proctor", model::Role::Admin});
    m_problem = makeProblem("routes-duel");
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token, std::optional<std::string> body = {}) {
    return m_routes.call(method, path, token, body);
  }
  static json body(const http::Response& response) { return RouteHarness::body(response); }

  // Asserts the error shape and gives its type.
  static std::string errorOf(const http::Response& response) {
    const json parsed = body(response);
    EXPECT_TRUE(parsed.contains("error")) << response.bodyView();
    if (!parsed.contains("error")) return "";
    EXPECT_EQ(parsed["error"]["status"], response.status);
    EXPECT_TRUE(parsed["error"]["message"].is_string());
    return parsed["error"].value("type", "");
  }

  json validBody() const {
    return {{"name", "Class 7B"}, {"players", {m_ada, "bob", m_cy}}, {"problem_ids", {m_problem}}};
  }

  std::size_t repositoryCount() {
    auto listed = bracketRepository().list();
    EXPECT_TRUE(listed.has_value());
    return listed ? listed->size() : 0;
  }

  std::int64_t m_ada = 0, m_bob = 0, m_cy = 0, m_proctor = 0, m_problem = 0;

 private:
  RouteHarness m_routes;
};

TEST_P(BracketRoutesTest, AProctorCreatesABracketAndEveryoneLoggedInSeesIt) {
  auto created = call("POST", "/api/brackets", "proctor", validBody().dump());
  ASSERT_EQ(created.status, 201) << created.bodyView();
  const json bracket = body(created);
  EXPECT_EQ(bracket["name"], "Class 7B");
  EXPECT_EQ(bracket["status"], "running");
  EXPECT_EQ(bracket["rated"], false);
  EXPECT_EQ(bracket["created_by"], m_proctor);
  EXPECT_TRUE(bracket["champion"].is_null());
  ASSERT_EQ(bracket["players"].size(), 3u);
  EXPECT_EQ(bracket["players"][0]["username"], "bob");
  EXPECT_EQ(bracket["players"][0]["seed"], 1);
  EXPECT_EQ(bracket["problem_ids"], json::array({m_problem}));
  ASSERT_EQ(bracket["rounds"].size(), 2u);
  EXPECT_EQ(bracket["rounds"][0]["name"], "Semifinals");
  EXPECT_EQ(bracket["rounds"][1]["name"], "Final");
  const json& bye = bracket["rounds"][0]["slots"][0];
  EXPECT_EQ(bye["state"], "decided");
  EXPECT_EQ(bye["decided_by"], "bye");
  EXPECT_EQ(bye["player1"]["username"], "bob");
  EXPECT_TRUE(bye["player2"].is_null());
  const json& duel = bracket["rounds"][0]["slots"][1];
  EXPECT_EQ(duel["state"], "playing");
  EXPECT_TRUE(duel["match_id"].is_number_integer());
  EXPECT_EQ(duel["player1"]["seed"], 2);
  EXPECT_EQ(bracket["rounds"][1]["slots"][0]["state"], "waiting");
  EXPECT_EQ(bracket["draw_rule"], "fewer wrong tries, then the higher seed");

  const std::string path = "/api/brackets/" + std::to_string(bracket["id"].get<std::int64_t>());
  auto seen = call("GET", path, "ada");
  ASSERT_EQ(seen.status, 200) << seen.bodyView();
  EXPECT_EQ(body(seen)["rounds"], bracket["rounds"]);
  auto listed = call("GET", "/api/brackets", "ada");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(body(listed)["brackets"].size(), 1u);
  EXPECT_EQ(body(listed)["brackets"][0]["player_count"], 3);
  EXPECT_EQ(call("POST", "/api/brackets", "admin",
                 json{{"name", "Admin's"}, {"players", {m_problem}}}.dump())
                .status,
            400)
      << "admins pass the access check (then the body is judged)";
}

TEST_P(BracketRoutesTest, WhoMayCallWhat) {
  EXPECT_EQ(errorOf(call("POST", "/api/brackets", std::nullopt, validBody().dump())),
            "unauthenticated");
  auto contestant = call("POST", "/api/brackets", "ada", validBody().dump());
  EXPECT_EQ(contestant.status, 403);
  EXPECT_EQ(errorOf(contestant), "permission_denied");
  EXPECT_EQ(call("GET", "/api/brackets", std::nullopt).status, 401);
  EXPECT_EQ(call("GET", "/api/brackets/1", std::nullopt).status, 401);
  EXPECT_EQ(call("GET", "/api/brackets", "ada").status, 200);
  EXPECT_EQ(repositoryCount(), 0u) << "refused calls wrote nothing";
}

TEST_P(BracketRoutesTest, UnknownBracketsAre404) {
  for (const char* path :
       {"/api/brackets/999", "/api/brackets/0", "/api/brackets/-1", "/api/brackets/abc",
        "/api/brackets/99999999999999999999", "/api/brackets/1%00"}) {
    auto response = call("GET", path, "ada");
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(errorOf(response), "not_found") << path;
  }
}

TEST_P(BracketRoutesTest, HostileBodiesAreRefusedInTheErrorShape) {
  std::vector<json> crowd;
  for (int i = 0; i < 65; ++i) crowd.push_back(i + 1);
  const std::vector<std::pair<std::string, int>> cases = {
      {"not json", 400},
      {"[]", 400},
      {json{{"players", {m_ada, m_bob}}}.dump(), 400},                    // no name
      {json{{"name", ""}, {"players", {m_ada, m_bob}}}.dump(), 400},      // empty name
      {json{{"name", " \t "}, {"players", {m_ada, m_bob}}}.dump(), 400},  // blank name
      {json{{"name", std::string(201, 'x')}, {"players", {m_ada, m_bob}}}.dump(), 400},
      {json{{"name", "x"}}.dump(), 400},  // no players
      {json{{"name", "x"}, {"players", "ada,bob"}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada}}}.dump(), 400},         // too few
      {json{{"name", "x"}, {"players", crowd}}.dump(), 400},           // too many
      {json{{"name", "x"}, {"players", {m_ada, m_ada}}}.dump(), 400},  // twice
      {json{{"name", "x"}, {"players", {m_ada, "ada"}}}.dump(), 400},  // twice, by name
      {json{{"name", "x"}, {"players", {m_ada, 1.5}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, true}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, json::object()}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, -3}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, ""}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, nullptr}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, m_bob}}, {"rated", "yes"}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, m_bob}}, {"problem_ids", "1"}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, m_bob}}, {"problem_ids", {0}}}.dump(), 400},
      {json{{"name", "x"}, {"players", {m_ada, m_bob}}, {"problem_ids", {m_problem, m_problem}}}
           .dump(),
       400},
      {json{{"name", "x"}, {"players", {m_ada, 987654}}}.dump(), 404},  // unknown player
      {json{{"name", "x"}, {"players", {m_ada, "ghost"}}}.dump(), 404},
      {json{{"name", "x"}, {"players", {m_ada, m_bob}}, {"problem_ids", {987654}}}.dump(), 404},
      {json{{"name", "x"}, {"players", {m_ada, "Robert'); DROP TABLE users;--"}}}.dump(), 404},
  };
  for (const auto& [text, status] : cases) {
    auto response = call("POST", "/api/brackets", "proctor", text);
    EXPECT_EQ(response.status, status) << text << " -> " << response.bodyView();
    errorOf(response);
  }
  EXPECT_EQ(repositoryCount(), 0u) << "nothing half-written";
  EXPECT_EQ(call("GET", "/api/brackets", "ada").status, 200) << "users table still there";
}

TEST_P(BracketRoutesTest, APlayerInAnOpenDuelIsAConflict) {
  duelOf(m_ada, m_cy, m_problem);
  auto response = call("POST", "/api/brackets", "proctor", validBody().dump());
  EXPECT_EQ(response.status, 409) << response.bodyView();
  EXPECT_EQ(errorOf(response), "conflict");
  EXPECT_EQ(repositoryCount(), 0u);
}

ARENA_STORAGE_BACKENDS(BracketRoutesTest);

}  // namespace
}  // namespace arena::server::brackets
