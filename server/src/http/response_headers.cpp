#include "response_headers.hpp"

#include <algorithm>

#include "text_util.hpp"

namespace arena::server::http {

bool isApiPath(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

bool isOriginAllowed(std::string_view origin, const std::vector<std::string>& allowed) {
  if (origin.empty() || origin == "null") return false;
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const std::string& entry) { return entry == "*" || entry == origin; });
}

void setDefaultHeader(Response& response, std::string_view name, std::string value) {
  for (const auto& header : response.headers) {
    if (equalsIgnoreCase(header.first, name)) return;
  }
  response.headers.emplace_back(std::string(name), std::move(value));
}

void addStandardHeaders(const Request& request, Response& response,
                        const std::vector<std::string>& corsOrigins) {
  // The request id is ours alone: replace whatever a handler put there.
  std::erase_if(response.headers,
                [](const auto& header) { return equalsIgnoreCase(header.first, "X-Request-Id"); });
  response.headers.reserve(response.headers.size() + 9);
  response.headers.emplace_back("X-Request-Id", request.requestId);
  setDefaultHeader(response, "X-Content-Type-Options", "nosniff");
  setDefaultHeader(response, "X-Frame-Options", "DENY");
  setDefaultHeader(response, "Referrer-Policy", "no-referrer");
  setDefaultHeader(response, "Content-Security-Policy", std::string(kContentSecurityPolicy));
  if (isApiPath(request.path)) setDefaultHeader(response, "Cache-Control", "no-store");

  const std::string_view origin = request.header("origin");
  if (isOriginAllowed(origin, corsOrigins)) {
    setDefaultHeader(response, "Access-Control-Allow-Origin", std::string(origin));
    setDefaultHeader(response, "Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
    response.headers.emplace_back("Vary", "Origin");
  }
}

}  // namespace arena::server::http
