#pragma once
// One HTTP request as the features see it: plain C++, no Poco. The HTTP front (http_server.cpp)
// fills it from the wire; tests build one directly and hand it to the Dispatcher.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arena/model/user.hpp"

namespace arena::server::http {

// Who is calling, as proven by a valid access token.
struct Principal {
  std::int64_t userId = 0;
  std::string username;
  model::Role role = model::Role::Contestant;

  // Proctors and admins may do everything a proctor may.
  bool isProctor() const { return role == model::Role::Proctor || role == model::Role::Admin; }
};

struct Request {
  std::string method;  // "GET", "POST", ...
  // The path without the query string, as sent (percent-encoded): the Router and StaticFiles
  // decode each segment after splitting on '/', so "%2F" stays inside its segment and nothing
  // is decoded twice. Paths without '%' are the same either way, so tests may write them plainly.
  std::string path;
  std::map<std::string, std::string> query;  // decoded query parameters (last one wins)
  // Header names lower-cased.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string clientAddress;  // peer IP, for per-client rate limits and logs
  std::string requestId;      // also sent back as X-Request-Id

  // Filled by the Dispatcher: the route's {placeholders}, and the caller when a valid bearer
  // token came with the request (on every route, so public routes can personalise).
  std::map<std::string, std::string> pathParams;
  std::optional<Principal> principal;
  // Filled by the Dispatcher: the route pattern ("unmatched", "webui" otherwise), for logs.
  std::string route;

  // "" when absent; `name` is matched case-insensitively.
  std::string_view header(std::string_view name) const;
  std::optional<std::string> queryParam(std::string_view name) const;
  // The route placeholder; routes only run when it matched, so it is always there.
  const std::string& pathParam(const std::string& name) const;
};

}  // namespace arena::server::http
