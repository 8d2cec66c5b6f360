// The contest routes through the real Dispatcher: access per role, status codes, the error
// shape, hostile bodies and paths.

#include "features/contests/contest_routes.hpp"

#include "contest_test_support.hpp"
#include "route_harness.hpp"

namespace arena::server::contests::testing {
namespace {

using nlohmann::json;
using arena::server::testing::RouteHarness;

class ContestRoutesTest : public ContestTestBase {
 protected:
  void SetUp() override {
    ContestTestBase::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    registerContestRoutes(m_routes.router(), *m_service);
    m_routes.grant("proctor", principal(m_proctor, model::Role::Proctor));
    m_routes.grant("ada", principal(m_ada));
    m_routes.grant("outsider", principal(m_outsider));
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token, std::optional<std::string> body = {}) {
    return m_routes.call(method, path, token, body);
  }
  static json body(const http::Response& response) { return RouteHarness::body(response); }
  static std::string errorType(const http::Response& response) {
    return RouteHarness::errorType(response);
  }

 private:
  RouteHarness m_routes;
};

TEST_P(ContestRoutesTest, AProctorRunsAContestThroughTheRoutes) {
  auto created = call("POST", "/api/contests", "proctor", contestBody("public").dump());
  ASSERT_EQ(created.status, 201) << created.bodyView();
  const auto id = std::to_string(body(created)["id"].get<std::int64_t>());
  EXPECT_EQ(body(created)["state"], "scheduled");

  auto added = call("POST", "/api/contests/" + id + "/participants", "proctor",
                    json{{"users", {m_ada}}}.dump());
  ASSERT_EQ(added.status, 200) << added.bodyView();
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/participants", "proctor").status, 200);

  EXPECT_EQ(call("GET", "/api/contests", std::nullopt).status, 200);
  EXPECT_EQ(body(call("GET", "/api/contests/" + id, std::nullopt))["name"], "Spring Cup");
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/problems", "ada").status, 403);
  m_now = kStart + 5min;
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/problems", "ada").status, 200);

  auto update = contestBody("public");
  update["name"] = "Spring Cup (renamed)";
  EXPECT_EQ(call("PUT", "/api/contests/" + id, "proctor", update.dump()).status, 200);

  auto board = call("GET", "/api/contests/" + id + "/scoreboard", std::nullopt);
  ASSERT_EQ(board.status, 200) << board.bodyView();
  EXPECT_EQ(body(board)["view"], "public");
  EXPECT_EQ(body(board)["rows"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/scoreboard?view=jury", "proctor").status, 200);
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/scoreboard?view=jury", "ada").status, 403);

  auto csv = call("GET", "/api/contests/" + id + "/export.csv", "proctor");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.contentType, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.bodyView().substr(0, 10), "rank,team_");

  auto page = call("GET", "/api/contests/" + id + "/scoreboard.html", "proctor");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.contentType, "text/html; charset=utf-8");
  EXPECT_EQ(page.bodyView().substr(0, 15), "<!doctype html>");
  EXPECT_NE(page.bodyView().find("public board"), std::string_view::npos);
  auto juryPage = call("GET", "/api/contests/" + id + "/scoreboard.html?view=jury", "proctor");
  ASSERT_EQ(juryPage.status, 200);
  EXPECT_NE(juryPage.bodyView().find("jury board"), std::string_view::npos);
  auto badView = call("GET", "/api/contests/" + id + "/scoreboard.html?view=all", "proctor");
  EXPECT_EQ(badView.status, 400);
  EXPECT_EQ(body(badView)["error"]["status"], 400);
  EXPECT_EQ(call("GET", "/api/contests/999999/scoreboard.html", "proctor").status, 404);

  EXPECT_EQ(call("POST", "/api/contests/" + id + "/unfreeze", "proctor").status, 409);
  m_now = kStart + 61min;
  EXPECT_EQ(call("POST", "/api/contests/" + id + "/unfreeze", "proctor").status, 200);
}

TEST_P(ContestRoutesTest, ProctorRoutesRefuseContestantsAndAnonymousCallers) {
  const auto id = std::to_string(makeContest(contestBody("public")));
  const auto payload = contestBody().dump();
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/api/contests"},
           {"PUT", "/api/contests/" + id},
           {"POST", "/api/contests/" + id + "/participants"},
           {"GET", "/api/contests/" + id + "/participants"},
           {"POST", "/api/contests/" + id + "/unfreeze"},
           {"GET", "/api/contests/" + id + "/export.csv"},
           {"GET", "/api/contests/" + id + "/scoreboard.html"}}) {
    EXPECT_EQ(call(method, path, std::nullopt, payload).status, 401) << method << " " << path;
    EXPECT_EQ(call(method, path, "ada", payload).status, 403) << method << " " << path;
  }
}

TEST_P(ContestRoutesTest, HostileInputGetsClearErrorsInTheErrorShape) {
  // Bad times, duplicate labels, unknown problems.
  auto bad = contestBody();
  bad["starts_at"] = "2026-13-45T99:00:00Z";
  auto response = call("POST", "/api/contests", "proctor", bad.dump());
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(body(response)["error"]["message"].get<std::string>().find("starts_at"),
            std::string::npos);
  bad = contestBody();
  bad["problems"][1]["label"] = "A";
  EXPECT_EQ(call("POST", "/api/contests", "proctor", bad.dump()).status, 400);
  bad = contestBody();
  bad["problems"][1]["problem_id"] = 987654;
  response = call("POST", "/api/contests", "proctor", bad.dump());
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(errorType(response), "not_found") << response.bodyView();
  // Not JSON, and too large.
  EXPECT_EQ(call("POST", "/api/contests", "proctor", "{name: nope").status, 400);
  EXPECT_EQ(call("POST", "/api/contests", "proctor", std::string(70 * 1024, ' ')).status, 413);
  // Unknown or malformed ids are 404, never 500.
  for (const char* path : {"/api/contests/999999", "/api/contests/abc", "/api/contests/-1",
                           "/api/contests/99999999999999999999999",
                           "/api/contests/1%00/scoreboard"}) {
    EXPECT_EQ(call("GET", path, "proctor").status, 404) << path;
  }
  EXPECT_EQ(call("PUT", "/api/contests/424242", "proctor", contestBody().dump()).status, 404);
  EXPECT_EQ(call("GET", "/api/contests/424242/scoreboard", std::nullopt).status, 404);
  const auto id = std::to_string(makeContest(contestBody("public")));
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/scoreboard?view=all", std::nullopt).status,
            400);
  EXPECT_EQ(call("POST", "/api/contests/" + id + "/participants", "proctor",
                 json{{"users", {999999}}}.dump())
                .status,
            404);
}

TEST_P(ContestRoutesTest, PrivateContestsAre404ForOutsiders) {
  const auto id = std::to_string(makeContestWithAdaAndBob("private"));
  EXPECT_EQ(call("GET", "/api/contests/" + id, "outsider").status, 404);
  EXPECT_EQ(call("GET", "/api/contests/" + id + "/scoreboard", std::nullopt).status, 404);
  EXPECT_EQ(call("GET", "/api/contests/" + id, "ada").status, 200);
  EXPECT_EQ(body(call("GET", "/api/contests", "outsider"))["contests"].size(), 0u);
}

// One backend: access and error mapping do not depend on the database.
INSTANTIATE_TEST_SUITE_P(Backends, ContestRoutesTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::contests::testing
