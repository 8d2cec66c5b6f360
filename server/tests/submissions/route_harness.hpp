#pragma once
// Drives registered routes through the real Dispatcher (access checks, JSON body checks, error
// shape) without a socket. Tokens are the keys of a map, so a test says "as alice".

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace arena::server::testing {

class RouteHarness {
 public:
  RouteHarness()
      : m_dispatcher(m_router,
                     [this](std::string_view token) -> Result<http::Principal> {
                       const auto it = m_tokens.find(std::string(token));
                       if (it == m_tokens.end())
                         return fail(ErrorCode::Unauthenticated, "bad token");
                       return it->second;
                     },
                     m_metrics, {{1e6, 1e6}, {1e6, 1e6}, {}, nullptr, nullptr}) {}

  http::Router& router() { return m_router; }
  void addToken(const std::string& token, http::Principal principal) {
    m_tokens[token] = std::move(principal);
  }

  http::Response call(const std::string& method, const std::string& path,
                      std::optional<std::string> token = std::nullopt,
                      std::map<std::string, std::string> query = {}, std::string body = {},
                      std::string contentType = "application/json") {
    http::Request request;
    request.method = method;
    request.path = path;
    request.query = std::move(query);
    if (!body.empty()) request.headers.emplace_back("content-type", contentType);
    if (token) request.headers.emplace_back("authorization", "Bearer " + *token);
    request.body = std::move(body);
    request.clientAddress = "127.0.0.1";
    request.requestId = "test";
    return m_dispatcher.dispatch(request);
  }

  static nlohmann::json json(const http::Response& response) {
    return nlohmann::json::parse(response.bodyView(), nullptr, false);
  }

 private:
  http::Router m_router;
  http::Metrics m_metrics;
  std::map<std::string, http::Principal> m_tokens;
  http::Dispatcher m_dispatcher;
};

}  // namespace arena::server::testing
