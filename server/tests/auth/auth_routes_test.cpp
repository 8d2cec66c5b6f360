#include "features/auth/auth_routes.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "storage_fixture.hpp"

namespace arena::server::auth {
namespace {

using nlohmann::json;
using storage::testing::StorageTest;

// The handlers called through the Router, as the Dispatcher would after its own checks (access,
// content type, body size), on both storage backends.
class AuthRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto jwt = Jwt::create("auth-routes-test-secret-0123456789abcdef");
    ASSERT_TRUE(jwt.has_value());
    service = std::make_unique<AuthService>(
        storage().users(), storage().refreshTokens(), storage().analytics(),
        PasswordHasher(PasswordHashCost::minimum()), std::move(*jwt));
    registerAuthRoutes(router, *service);
  }

  Result<http::Response> call(const std::string& method, const std::string& path,
                              std::string body = {}) {
    const auto match = router.match(method, path);
    EXPECT_NE(match.route, nullptr) << method << " " << path;
    if (match.route == nullptr) return fail(ErrorCode::NotFound, "no route");
    http::Request request;
    request.method = method;
    request.path = path;
    request.body = std::move(body);
    request.headers.emplace_back("content-type", "application/json");
    request.principal = principal;
    return match.route->handler(request);
  }

  Result<http::Response> post(const std::string& path, const json& body) {
    return call("POST", path, body.dump());
  }

  static json bodyOf(const Result<http::Response>& response) {
    EXPECT_TRUE(response.has_value()) << response.error().message;
    if (!response) return {};
    return json::parse(response->bodyView());
  }

  static void expectError(const Result<http::Response>& response, ErrorCode code,
                          std::string_view part = "") {
    ASSERT_FALSE(response.has_value()) << response->bodyView();
    EXPECT_EQ(response.error().code, code) << response.error().message;
    EXPECT_NE(response.error().message.find(part), std::string::npos) << response.error().message;
  }

  json registerAnn() {
    return bodyOf(
        post("/api/auth/register",
             {{"email", "ann@example.org"}, {"username", "ann"}, {"password", "pw-12345"}}));
  }

  std::unique_ptr<AuthService> service;
  http::Router router;
  std::optional<http::Principal> principal;
};

TEST_P(AuthRoutesTest, RegistersTheFiveRoutesOfTheContract) {
  ASSERT_EQ(router.routes().size(), 5U);
  for (const auto& route : router.routes()) {
    EXPECT_FALSE(route.spec.summary.empty()) << route.spec.pattern;
    if (route.spec.method == "POST") {
      EXPECT_TRUE(route.spec.jsonBody) << route.spec.pattern;
      EXPECT_EQ(route.spec.maxBodyBytes, 8U * 1024U) << route.spec.pattern;
      EXPECT_EQ(route.spec.access, http::Access::Public) << route.spec.pattern;
    }
  }
  for (const char* path :
       {"/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout"}) {
    EXPECT_NE(router.match("POST", path).route, nullptr) << path;
  }
  const auto me = router.match("GET", "/api/auth/me");
  ASSERT_NE(me.route, nullptr);
  EXPECT_EQ(me.route->spec.access, http::Access::Authenticated);
}

TEST_P(AuthRoutesTest, RegisterAnswers201WithTheTokenShape) {
  const auto response =
      post("/api/auth/register",
           {{"email", "ann@example.org"}, {"username", "ann"}, {"password", "pw-12345"}});
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->contentType, "application/json");
  EXPECT_NE(std::find(response->headers.begin(), response->headers.end(),
                      std::pair<std::string, std::string>{"Cache-Control", "no-store"}),
            response->headers.end());
  const auto body = bodyOf(response);
  EXPECT_TRUE(body["access_token"].is_string());
  EXPECT_TRUE(body["refresh_token"].is_string());
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 900);
  EXPECT_EQ(body["user"]["username"], "ann");
  EXPECT_EQ(body["user"]["email"], "ann@example.org");
  EXPECT_EQ(body["user"]["role"], "contestant");
  EXPECT_FALSE(body["user"].contains("password_hash"));
  EXPECT_EQ(body["user"].size(), 5U);
}

TEST_P(AuthRoutesTest, RegisterIgnoresARequestedRole) {
  const auto body = bodyOf(post("/api/auth/register", {{"email", "eve@example.org"},
                                                       {"username", "eve"},
                                                       {"password", "pw-12345"},
                                                       {"role", "admin"}}));
  EXPECT_EQ(body["user"]["role"], "contestant");
  EXPECT_FALSE(service->authenticate(body["access_token"].get<std::string>())->isProctor());
}

TEST_P(AuthRoutesTest, WrongTypesAndMissingFieldsNameTheField) {
  expectError(post("/api/auth/register", {{"email", 1}, {"username", "x"}, {"password", "y"}}),
              ErrorCode::InvalidArgument, "body.email");
  expectError(post("/api/auth/register", {{"email", "a@b.org"}, {"password", "pw-12345"}}),
              ErrorCode::InvalidArgument, "body.username");
  expectError(post("/api/auth/login", {{"username", "ann"}, {"password", json::array()}}),
              ErrorCode::InvalidArgument, "body.password");
  expectError(post("/api/auth/login", {{"password", "pw-12345"}}), ErrorCode::InvalidArgument,
              "body.email");
  expectError(post("/api/auth/refresh", {{"refresh_token", 12}}), ErrorCode::InvalidArgument,
              "body.refresh_token");
  expectError(post("/api/auth/logout", json::object()), ErrorCode::InvalidArgument,
              "body.refresh_token");
}

TEST_P(AuthRoutesTest, MalformedBodiesAreBadRequests) {
  for (const char* body : {"", "{", "[]", "\"text\"", "{\"email\": }"}) {
    expectError(call("POST", "/api/auth/login", body), ErrorCode::InvalidArgument);
  }
}

TEST_P(AuthRoutesTest, LoginByEmailOrUsername) {
  registerAnn();
  for (const json& body : {json{{"email", "ann@example.org"}, {"password", "pw-12345"}},
                           json{{"username", "ann"}, {"password", "pw-12345"}}}) {
    const auto response = post("/api/auth/login", body);
    ASSERT_TRUE(response.has_value()) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(bodyOf(response)["user"]["username"], "ann");
  }
  expectError(post("/api/auth/login", {{"username", "ann"}, {"password", "pw-99999"}}),
              ErrorCode::Unauthenticated, "invalid credentials");
  expectError(post("/api/auth/login", {{"username", "bob"}, {"password", "pw-12345"}}),
              ErrorCode::Unauthenticated, "invalid credentials");
}

TEST_P(AuthRoutesTest, RefreshRotatesAndLogoutEndsTheSession) {
  const auto first = registerAnn();
  const auto second =
      bodyOf(post("/api/auth/refresh", {{"refresh_token", first["refresh_token"]}}));
  EXPECT_NE(second["refresh_token"], first["refresh_token"]);
  EXPECT_EQ(second["token_type"], "Bearer");

  expectError(post("/api/auth/refresh", {{"refresh_token", first["refresh_token"]}}),
              ErrorCode::Unauthenticated);
  expectError(post("/api/auth/refresh", {{"refresh_token", second["refresh_token"]}}),
              ErrorCode::Unauthenticated);

  const auto third =
      bodyOf(post("/api/auth/login", {{"username", "ann"}, {"password", "pw-12345"}}));
  const auto logout = post("/api/auth/logout", {{"refresh_token", third["refresh_token"]}});
  ASSERT_TRUE(logout.has_value()) << logout.error().message;
  EXPECT_EQ(logout->status, 204);
  EXPECT_TRUE(logout->bodyView().empty());
  expectError(post("/api/auth/refresh", {{"refresh_token", third["refresh_token"]}}),
              ErrorCode::Unauthenticated);
}

TEST_P(AuthRoutesTest, MeAnswersTheCallersAccount) {
  const auto registered = registerAnn();
  principal = service->authenticate(registered["access_token"].get<std::string>()).value();
  const auto body = bodyOf(call("GET", "/api/auth/me"));
  EXPECT_EQ(body, registered["user"]);

  principal.reset();
  expectError(call("GET", "/api/auth/me"), ErrorCode::Unauthenticated);
}

ARENA_STORAGE_BACKENDS(AuthRoutesTest);

}  // namespace
}  // namespace arena::server::auth
