#include "http/dispatcher.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "http/json_body.hpp"

namespace arena::server::http {
namespace {

// Tokens the fake authenticator knows.
Result<Principal> authenticate(std::string_view token) {
  if (token == "contestant-token") return Principal{1, "ada", model::Role::Contestant};
  if (token == "proctor-token") return Principal{2, "grace", model::Role::Proctor};
  if (token == "admin-token") return Principal{3, "root", model::Role::Admin};
  if (token == "db-down") return fail(ErrorCode::Unavailable, "storage unavailable");
  return fail(ErrorCode::Unauthenticated, "invalid or expired access token");
}

Router makeRouter() {
  Router router;
  auto ok = [](Request& request) -> Result<Response> {
    nlohmann::json body{{"ok", true}};
    if (request.principal) body["user"] = request.principal->username;
    for (const auto& [name, value] : request.pathParams) body["params"][name] = value;
    return Response::json(body);
  };
  router.add({"GET", "/api/public", Access::Public, "public"}, ok);
  router.add({"GET", "/api/items/{id}", Access::Public, "item"}, ok);
  router.add({"DELETE", "/api/items/{id}", Access::Proctor, "delete item"}, ok);
  router.add({"GET", "/api/me", Access::Authenticated, "me"}, ok);
  router.add({"GET", "/api/proctor", Access::Proctor, "proctor only"}, ok);
  router.add({"POST", "/api/echo", Access::Public, "echo", true, 100},
             [](Request& request) -> Result<Response> {
               auto body = jsonBody(request);
               if (!body) return std::unexpected(body.error());
               return Response::json(*body, 201);
             });
  router.add(
      {"GET", "/api/conflict", Access::Public, "conflict"},
      [](Request&) -> Result<Response> { return fail(ErrorCode::Conflict, "already exists"); });
  router.add({"GET", "/api/throws", Access::Public, "throws"}, [](Request&) -> Result<Response> {
    throw std::runtime_error("secret /etc/db-password detail");
  });
  router.add({"GET", "/healthz", Access::Public, "health"}, ok);
  return router;
}

Request makeRequest(std::string method, std::string path,
                    std::vector<std::pair<std::string, std::string>> headers = {},
                    std::string body = {}) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.clientAddress = "192.0.2.1";
  return request;
}

std::string header(const Response& response, std::string_view name) {
  std::string found;
  for (const auto& [key, value] : response.headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      found = value;
    }
  }
  return found;
}

nlohmann::json bodyOf(const Response& response) {
  return nlohmann::json::parse(response.bodyView(), nullptr, false);
}

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : router(makeRouter()), dispatcher(router, authenticate, metrics, options()) {}

  static DispatcherOptions options() {
    DispatcherOptions result;
    result.perClient = {1000.0, 1000.0};
    result.perUser = {1000.0, 1000.0};
    result.corsOrigins = {"https://arena.example"};
    return result;
  }

  Response send(Request request) { return dispatcher.dispatch(request); }

  Router router;
  Metrics metrics;
  Dispatcher dispatcher;
};

struct Case {
  const char* name;
  Request request;
  int status;
  const char* errorType;  // nullptr: no error body expected
};

TEST_F(DispatcherTest, StatusTable) {
  const std::pair<std::string, std::string> json{"content-type", "application/json"};
  const Case cases[] = {
      {"unknown path", makeRequest("GET", "/api/nope"), 404, "not_found"},
      {"public route", makeRequest("GET", "/api/public"), 200, nullptr},
      {"wrong method", makeRequest("PUT", "/api/public"), 405, "method_not_allowed"},
      {"authenticated without token", makeRequest("GET", "/api/me"), 401, "unauthenticated"},
      {"authenticated with bad token",
       makeRequest("GET", "/api/me", {{"authorization", "Bearer nope"}}), 401, "unauthenticated"},
      {"public route with bad token",
       makeRequest("GET", "/api/public", {{"authorization", "Bearer nope"}}), 401,
       "unauthenticated"},
      {"malformed authorization (basic)",
       makeRequest("GET", "/api/public", {{"authorization", "Basic YTpi"}}), 401,
       "unauthenticated"},
      {"malformed authorization (empty bearer)",
       makeRequest("GET", "/api/public", {{"authorization", "Bearer "}}), 401, "unauthenticated"},
      {"malformed authorization (empty header)",
       makeRequest("GET", "/api/public", {{"authorization", ""}}), 401, "unauthenticated"},
      {"authenticator unavailable",
       makeRequest("GET", "/api/public", {{"authorization", "Bearer db-down"}}), 503,
       "unavailable"},
      {"contestant ok on authenticated",
       makeRequest("GET", "/api/me", {{"authorization", "Bearer contestant-token"}}), 200, nullptr},
      {"contestant on proctor route",
       makeRequest("GET", "/api/proctor", {{"authorization", "Bearer contestant-token"}}), 403,
       "permission_denied"},
      {"proctor on proctor route",
       makeRequest("GET", "/api/proctor", {{"authorization", "Bearer proctor-token"}}), 200,
       nullptr},
      {"admin on proctor route",
       makeRequest("GET", "/api/proctor", {{"authorization", "bearer admin-token"}}), 200, nullptr},
      {"proctor route without token", makeRequest("GET", "/api/proctor"), 401, "unauthenticated"},
      {"json route with json", makeRequest("POST", "/api/echo", {json}, R"({"a":1})"), 201,
       nullptr},
      {"json route with charset",
       makeRequest("POST", "/api/echo", {{"content-type", "application/json; charset=utf-8"}},
                   R"({"a":1})"),
       201, nullptr},
      {"json route with text/plain",
       makeRequest("POST", "/api/echo", {{"content-type", "text/plain"}}, R"({"a":1})"), 415,
       "unsupported_media_type"},
      {"json route without content type", makeRequest("POST", "/api/echo", {}, R"({"a":1})"), 415,
       "unsupported_media_type"},
      {"json route over size", makeRequest("POST", "/api/echo", {json}, std::string(101, ' ')), 413,
       "payload_too_large"},
      {"json route malformed", makeRequest("POST", "/api/echo", {json}, "{"), 400,
       "invalid_argument"},
      {"handler error", makeRequest("GET", "/api/conflict"), 409, "conflict"},
      {"handler throws", makeRequest("GET", "/api/throws"), 500, "internal"},
      {"path too long", makeRequest("GET", "/api/" + std::string(3000, 'a')), 400,
       "invalid_argument"},
      {"path with NUL", makeRequest("GET", std::string("/api/pub\0lic", 12)), 400,
       "invalid_argument"},
      {"non-api path without fallback", makeRequest("GET", "/problems/two-sum"), 404, "not_found"},
      {"system route outside /api", makeRequest("GET", "/healthz"), 200, nullptr},
  };
  for (const auto& test : cases) {
    const Response response = send(test.request);
    EXPECT_EQ(response.status, test.status) << test.name << ": " << response.bodyView();
    if (test.errorType != nullptr) {
      const auto body = bodyOf(response);
      ASSERT_TRUE(body.contains("error")) << test.name;
      EXPECT_EQ(body["error"]["type"], test.errorType) << test.name;
      EXPECT_EQ(body["error"]["status"], test.status) << test.name;
      EXPECT_TRUE(body["error"]["message"].is_string()) << test.name;
    }
  }
}

TEST_F(DispatcherTest, WrongMethodNamesTheAllowedOnes) {
  const Response response = send(makeRequest("POST", "/api/items/3"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(header(response, "Allow"), "DELETE, GET, HEAD");
}

TEST_F(DispatcherTest, UnauthenticatedAnswersCarryWwwAuthenticate) {
  EXPECT_EQ(header(send(makeRequest("GET", "/api/me")), "WWW-Authenticate"), "Bearer");
}

TEST_F(DispatcherTest, PrincipalAndPathParamsReachTheHandler) {
  const Response response =
      send(makeRequest("GET", "/api/items/a%20b", {{"authorization", "Bearer contestant-token"}}));
  ASSERT_EQ(response.status, 200);
  const auto body = bodyOf(response);
  EXPECT_EQ(body["user"], "ada");
  EXPECT_EQ(body["params"]["id"], "a b");
}

TEST_F(DispatcherTest, ThrowingHandlerDoesNotLeakTheExceptionText) {
  testing::internal::CaptureStderr();
  const Response response = send(makeRequest("GET", "/api/throws"));
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(std::string(response.bodyView()).find("password"), std::string::npos);
  // ...but the log has it, as one JSON line with the request id.
  const auto line = nlohmann::json::parse(log, nullptr, false);
  ASSERT_FALSE(line.is_discarded()) << log;
  EXPECT_EQ(line["level"], "error");
  EXPECT_EQ(line["request_id"], header(response, "X-Request-Id"));
  EXPECT_NE(line["what"].get<std::string>().find("password"), std::string::npos);
}

TEST_F(DispatcherTest, EveryResponseHasARequestIdAndSecurityHeaders) {
  for (auto request : {makeRequest("GET", "/api/public"), makeRequest("GET", "/api/nope"),
                       makeRequest("GET", "/api/throws"), makeRequest("GET", "/healthz")}) {
    const Response response = send(request);
    EXPECT_EQ(header(response, "X-Request-Id").size(), 16u) << request.path;
    EXPECT_EQ(header(response, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(response, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header(response, "Referrer-Policy"), "no-referrer");
    const std::string csp = header(response, "Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(csp.find("object-src 'none'"), std::string::npos);
  }
  EXPECT_EQ(header(send(makeRequest("GET", "/api/public")), "Cache-Control"), "no-store");
  EXPECT_EQ(header(send(makeRequest("GET", "/healthz")), "Cache-Control"), "");
}

TEST_F(DispatcherTest, GeneratedRequestIdsDiffer) {
  EXPECT_NE(header(send(makeRequest("GET", "/api/public")), "X-Request-Id"),
            header(send(makeRequest("GET", "/api/public")), "X-Request-Id"));
}

TEST_F(DispatcherTest, SaneIncomingRequestIdIsKeptOthersReplaced) {
  EXPECT_EQ(header(send(makeRequest("GET", "/api/public", {{"x-request-id", "abc-123_X.y"}})),
                   "X-Request-Id"),
            "abc-123_X.y");
  for (const std::string& bad : {std::string(65, 'a'), std::string("a b"),
                                 std::string("x\"},{\"level\":\"forged"), std::string("")}) {
    const std::string id =
        header(send(makeRequest("GET", "/api/public", {{"x-request-id", bad}})), "X-Request-Id");
    EXPECT_NE(id, bad);
    EXPECT_EQ(id.size(), 16u);
  }
}

TEST_F(DispatcherTest, CorsHeadersOnlyForAllowedOrigins) {
  const Response allowed =
      send(makeRequest("GET", "/api/public", {{"origin", "https://arena.example"}}));
  EXPECT_EQ(header(allowed, "Access-Control-Allow-Origin"), "https://arena.example");
  EXPECT_EQ(header(allowed, "Vary"), "Origin");

  const Response other =
      send(makeRequest("GET", "/api/public", {{"origin", "https://evil.example"}}));
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(header(other, "Access-Control-Allow-Origin"), "");

  const Response prefix =
      send(makeRequest("GET", "/api/public", {{"origin", "https://arena.example.evil.example"}}));
  EXPECT_EQ(header(prefix, "Access-Control-Allow-Origin"), "");
}

TEST_F(DispatcherTest, PreflightFromAllowedOriginIs204WithMethodsAndHeaders) {
  const Response response =
      send(makeRequest("OPTIONS", "/api/items/4",
                       {{"origin", "https://arena.example"},
                        {"access-control-request-method", "DELETE"},
                        {"access-control-request-headers", "authorization"}}));
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(header(response, "Access-Control-Allow-Origin"), "https://arena.example");
  EXPECT_NE(header(response, "Access-Control-Allow-Methods").find("DELETE"), std::string::npos);
  const std::string allowedHeaders = header(response, "Access-Control-Allow-Headers");
  EXPECT_NE(allowedHeaders.find("Authorization"), std::string::npos);
  EXPECT_NE(allowedHeaders.find("Content-Type"), std::string::npos);
}

TEST_F(DispatcherTest, PreflightFromOtherOriginIs403AndUnknownPathIs404) {
  const auto from = [&](std::string origin, std::string path) {
    return send(
        makeRequest("OPTIONS", std::move(path),
                    {{"origin", std::move(origin)}, {"access-control-request-method", "GET"}}));
  };
  const Response other = from("https://evil.example", "/api/public");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(header(other, "Access-Control-Allow-Origin"), "");
  EXPECT_EQ(from("https://arena.example", "/api/nope").status, 404);
}

TEST_F(DispatcherTest, PreflightNeedsNoTokenEvenOnProctorRoutes) {
  const Response response = send(
      makeRequest("OPTIONS", "/api/proctor",
                  {{"origin", "https://arena.example"}, {"access-control-request-method", "GET"}}));
  EXPECT_EQ(response.status, 204);
}

TEST_F(DispatcherTest, MetricsUseTheRoutePatternNotTheRawPath) {
  send(makeRequest("GET", "/api/items/1"));
  send(makeRequest("GET", "/api/items/2"));
  send(makeRequest("GET", "/api/random-junk-1"));
  send(makeRequest("BREW", "/api/public"));
  const std::string text = metrics.render();
  EXPECT_NE(
      text.find(
          R"(arena_http_requests_total{route="/api/items/{id}",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(route="unmatched",method="GET",status="404"} 1)"), std::string::npos);
  EXPECT_NE(text.find(R"(method="OTHER")"), std::string::npos);
  EXPECT_EQ(text.find("random-junk"), std::string::npos);
  EXPECT_EQ(text.find("/api/items/1"), std::string::npos);
}

TEST_F(DispatcherTest, FallbackServesNonApiGetsAndIsCountedAsWebui) {
  dispatcher.setFallback([](Request& request) -> Result<Response> {
    return Response::text("<html>" + request.path, "text/html");
  });
  const Response page = send(makeRequest("GET", "/problems/two-sum"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.bodyView(), "<html>/problems/two-sum");
  EXPECT_EQ(header(page, "X-Frame-Options"), "DENY");
  // /api paths never fall back to the web UI.
  EXPECT_EQ(send(makeRequest("GET", "/api/nope")).status, 404);
  EXPECT_EQ(send(makeRequest("POST", "/problems")).status, 404);
  EXPECT_NE(metrics.render().find(R"(route="webui")"), std::string::npos);
}

TEST(DispatcherRateLimitTest, PerClientLimitAnswers429WithRetryAfterAfterTheBurst) {
  Router router = makeRouter();
  Metrics metrics;
  DispatcherOptions options;
  options.perClient = {0.5, 3.0};
  Dispatcher dispatcher(router, authenticate, metrics, options);
  auto request = [] { return makeRequest("GET", "/api/public"); };
  for (int i = 0; i < 3; ++i) {
    auto r = request();
    ASSERT_EQ(dispatcher.dispatch(r).status, 200) << i;
  }
  auto r = request();
  const Response refused = dispatcher.dispatch(r);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(header(refused, "Retry-After"), "2");
  EXPECT_EQ(bodyOf(refused)["error"]["type"], "rate_limited");
  // Another address is unaffected.
  auto other = request();
  other.clientAddress = "192.0.2.99";
  EXPECT_EQ(dispatcher.dispatch(other).status, 200);
}

TEST(DispatcherRateLimitTest, PerUserLimitFollowsTheUserAcrossAddresses) {
  Router router = makeRouter();
  Metrics metrics;
  DispatcherOptions options;
  options.perClient = {1000.0, 1000.0};
  options.perUser = {0.1, 2.0};
  Dispatcher dispatcher(router, authenticate, metrics, options);
  int refused = 0;
  for (int i = 0; i < 4; ++i) {
    auto r = makeRequest("GET", "/api/me", {{"authorization", "Bearer contestant-token"}});
    r.clientAddress = "198.51.100." + std::to_string(i);
    const Response response = dispatcher.dispatch(r);
    if (response.status == 429) {
      ++refused;
      EXPECT_EQ(header(response, "Retry-After"), "10");
    }
  }
  EXPECT_EQ(refused, 2);
  // Anonymous callers are not charged to the user.
  auto anonymous = makeRequest("GET", "/api/public");
  EXPECT_EQ(dispatcher.dispatch(anonymous).status, 200);
}

}  // namespace
}  // namespace arena::server::http
