// The /api/problems routes through the Router (access rules are the Dispatcher's and are
// checked here as declared specs): status codes, bodies, and what each kind of caller sees.

#include "features/problems/problem_routes.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "features/problems/problem_service.hpp"
#include "http/router.hpp"
#include "storage/storage.hpp"

namespace arena::server::problems {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json addTwo(const std::string& slug) {
  return {{"slug", slug},
          {"title", "Add Two"},
          {"difficulty", "easy"},
          {"description", "Print $a+b$."},
          {"tests",
           json::array({{{"input", "1 2\n"}, {"expected_output", "3\n"}, {"is_public", true}},
                        {{"input", "SECRET-INPUT\n"}, {"expected_output", "SECRET-ANSWER\n"}}})}};
}

class ProblemRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::Storage::open("sqlite://:memory:");
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    m_storage = std::move(*opened);
    m_service = std::make_unique<ProblemService>(m_storage->problems());
    registerProblemRoutes(m_router, *m_service);
  }

  // Runs the route like the Dispatcher would after its checks; errors become the error shape.
  Response call(const std::string& method, const std::string& path, std::string body = {},
                std::optional<model::Role> role = std::nullopt,
                std::map<std::string, std::string> query = {},
                std::string contentType = "application/json") {
    http::Router::Match match = m_router.match(method, path);
    if (match.route == nullptr) return Response::error(Error{ErrorCode::NotFound, "no route"});
    Request request;
    request.method = method;
    request.path = path;
    request.query = std::move(query);
    request.body = std::move(body);
    request.headers.push_back({"content-type", std::move(contentType)});
    request.pathParams = match.params;
    if (role) request.principal = http::Principal{1, "someone", *role};
    Result<Response> response = match.route->handler(request);
    return response ? *response : Response::error(response.error());
  }
  Response proctor(const std::string& method, const std::string& path, std::string body = {},
                   std::map<std::string, std::string> query = {},
                   std::string contentType = "application/json") {
    return call(method, path, std::move(body), model::Role::Proctor, std::move(query),
                std::move(contentType));
  }
  static json parsed(const Response& response) { return json::parse(response.bodyView()); }

  http::Router m_router;

 private:
  std::unique_ptr<storage::Storage> m_storage;
  std::unique_ptr<ProblemService> m_service;
};

TEST_F(ProblemRoutesTest, EveryRouteIsDeclaredWithItsAccess) {
  const std::map<std::pair<std::string, std::string>, Access> expected = {
      {{"GET", "/api/problems"}, Access::Public},
      {{"GET", "/api/problems/{slug}"}, Access::Public},
      {{"GET", "/api/problems/{slug}/tests"}, Access::Proctor},
      {{"POST", "/api/problems"}, Access::Proctor},
      {{"PUT", "/api/problems/{slug}"}, Access::Proctor},
      {{"DELETE", "/api/problems/{slug}"}, Access::Proctor},
      {{"POST", "/api/problems/import"}, Access::Proctor},
  };
  ASSERT_EQ(m_router.routes().size(), expected.size());
  for (const http::Route& route : m_router.routes()) {
    const auto it = expected.find({route.spec.method, route.spec.pattern});
    ASSERT_NE(it, expected.end()) << route.spec.method << " " << route.spec.pattern;
    EXPECT_EQ(route.spec.access, it->second) << route.spec.pattern;
    EXPECT_FALSE(route.spec.summary.empty()) << route.spec.pattern;
  }
  EXPECT_EQ(m_router.match("POST", "/api/problems/import").route->spec.maxBodyBytes,
            64u * 1024 * 1024);
}

TEST_F(ProblemRoutesTest, CreateListAndOpen) {
  const Response created = proctor("POST", "/api/problems", addTwo("add-two").dump());
  ASSERT_EQ(created.status, 201) << created.bodyView();
  EXPECT_EQ(parsed(created)["slug"], "add-two");

  const Response list = call("GET", "/api/problems");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(parsed(list)["problems"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/problems", {}, std::nullopt, {{"difficulty", "hard"}}).bodyView(),
            R"({"problems":[]})");

  const Response one = call("GET", "/api/problems/add-two");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(parsed(one)["samples"], json::parse(R"([{"input":"1 2\n","output":"3\n"}])"));
  EXPECT_EQ(one.bodyView().find("SECRET"), std::string_view::npos);
}

TEST_F(ProblemRoutesTest, BadDifficultyFilterIs400) {
  const Response response = call("GET", "/api/problems", {}, std::nullopt, {{"difficulty", "x"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(parsed(response)["error"]["type"].is_string(), true);
}

TEST_F(ProblemRoutesTest, InvalidBodyIs400NamingTheField) {
  json body = addTwo("add-two");
  body["limits"] = {{"time_limit_ms", 5}, {"memory_limit_kb", 65536}, {"output_limit_kb", 1}};
  const Response response = proctor("POST", "/api/problems", body.dump());
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(parsed(response)["error"]["message"].get<std::string>().find("time_limit_ms"),
            std::string::npos);
  EXPECT_EQ(proctor("POST", "/api/problems", "{not json").status, 400);
}

TEST_F(ProblemRoutesTest, DuplicateSlugIs409) {
  ASSERT_EQ(proctor("POST", "/api/problems", addTwo("add-two").dump()).status, 201);
  EXPECT_EQ(proctor("POST", "/api/problems", addTwo("add-two").dump()).status, 409);
}

TEST_F(ProblemRoutesTest, TestsRouteShowsHiddenTestsToProctors) {
  ASSERT_EQ(proctor("POST", "/api/problems", addTwo("add-two").dump()).status, 201);
  const Response response = proctor("GET", "/api/problems/add-two/tests");
  ASSERT_EQ(response.status, 200);
  const json tests = parsed(response)["tests"];
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[1]["input"], "SECRET-INPUT\n");
  EXPECT_EQ(tests[1]["is_public"], false);
}

TEST_F(ProblemRoutesTest, UpdateThenDeactivate) {
  ASSERT_EQ(proctor("POST", "/api/problems", addTwo("add-two").dump()).status, 201);
  ASSERT_EQ(call("GET", "/api/problems/add-two").status, 200);  // cached now
  json body = addTwo("add-two");
  body["title"] = "Add Two Again";
  body.erase("tests");
  const Response updated = proctor("PUT", "/api/problems/add-two", body.dump());
  ASSERT_EQ(updated.status, 200) << updated.bodyView();
  EXPECT_EQ(parsed(call("GET", "/api/problems/add-two"))["title"], "Add Two Again");

  EXPECT_EQ(proctor("DELETE", "/api/problems/add-two").status, 204);
  EXPECT_EQ(call("GET", "/api/problems/add-two").status, 404);
  EXPECT_EQ(call("GET", "/api/problems/add-two", {}, model::Role::Contestant).status, 404);
  const Response proctorView = proctor("GET", "/api/problems/add-two");
  ASSERT_EQ(proctorView.status, 200);
  EXPECT_EQ(parsed(proctorView)["is_active"], false);
  EXPECT_EQ(parsed(call("GET", "/api/problems"))["problems"].size(), 0u);
  EXPECT_EQ(proctor("DELETE", "/api/problems/no-such").status, 404);
}

TEST_F(ProblemRoutesTest, ImportRefusesWhatIsNotAZip) {
  EXPECT_EQ(proctor("POST", "/api/problems/import", "PK?", {}, "text/plain").status, 415);
  EXPECT_EQ(proctor("POST", "/api/problems/import", "not a zip", {}, "application/zip").status,
            400);
  EXPECT_EQ(proctor("POST", "/api/problems/import", "", {}, "application/zip").status, 400);
  EXPECT_EQ(
      proctor("POST", "/api/problems/import", "x", {{"difficulty", "bogus"}}, "application/zip")
          .status,
      400);
  EXPECT_EQ(parsed(call("GET", "/api/problems"))["problems"].size(), 0u);
}

}  // namespace
}  // namespace arena::server::problems
