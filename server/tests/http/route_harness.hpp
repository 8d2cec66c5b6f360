#pragma once
// A feature's routes under test through the real Dispatcher — access checks, body limits, the
// error shape — without a socket. Tokens are names a test hands out, each standing for a
// principal, so a test reads `call("POST", "/api/x", "ada")`.
//
//   RouteHarness routes;
//   registerDuelRoutes(routes.router(), service);
//   routes.grant("ada", http::Principal{adaId, "ada", model::Role::Contestant});
//   EXPECT_EQ(routes.call("GET", "/api/matches/1", "ada").status, 200);

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace arena::server::testing {

class RouteHarness {
 public:
  http::Router& router() { return m_router; }
  void grant(const std::string& token, http::Principal who) { m_tokens[token] = std::move(who); }

  // `path` may carry a query string (`/x?a=1&b=2`). The dispatcher is made at the first call,
  // after every route is registered. Rate limits are out of the way.
  http::Response call(const std::string& method, const std::string& path,
                      const std::optional<std::string>& token,
                      const std::optional<std::string>& body = {},
                      const std::string& contentType = "application/json") {
    if (!m_dispatcher) {
      m_dispatcher = std::make_unique<http::Dispatcher>(
          m_router,
          [this](std::string_view given) -> Result<http::Principal> {
            const auto it = m_tokens.find(std::string(given));
            if (it == m_tokens.end()) return fail(ErrorCode::Unauthenticated, "bad token");
            return it->second;
          },
          m_metrics, http::DispatcherOptions{{1e6, 1e6}, {1e6, 1e6}, {}, nullptr, nullptr});
    }
    http::Request request;
    request.method = method;
    request.path = path.substr(0, path.find('?'));
    if (const auto query = path.find('?'); query != std::string::npos) {
      std::string rest = path.substr(query + 1);
      while (!rest.empty()) {
        const std::string pair = rest.substr(0, rest.find('&'));
        rest = pair.size() < rest.size() ? rest.substr(pair.size() + 1) : "";
        const auto eq = pair.find('=');
        request.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
      }
    }
    if (token) request.headers.emplace_back("authorization", "Bearer " + *token);
    if (body) {
      request.headers.emplace_back("content-type", contentType);
      request.body = *body;
    }
    request.clientAddress = "127.0.0.1";
    request.requestId = "test";
    return m_dispatcher->dispatch(request);
  }

  static nlohmann::json body(const http::Response& response) {
    return nlohmann::json::parse(response.bodyView(), nullptr, false);
  }
  // The error's type ("not_found", ...), or empty when the answer is not an error.
  static std::string errorType(const http::Response& response) {
    const nlohmann::json parsed = body(response);
    return parsed.contains("error") ? parsed["error"].value("type", "") : "";
  }

 private:
  http::Router m_router;
  http::Metrics m_metrics;
  std::map<std::string, http::Principal> m_tokens;
  std::unique_ptr<http::Dispatcher> m_dispatcher;
};

}  // namespace arena::server::testing
