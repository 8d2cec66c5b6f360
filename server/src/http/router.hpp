#pragma once
// Routes: method + path pattern + who may call it + a handler. Patterns are literal segments and
// `{name}` placeholders that match one non-empty segment: "/api/problems/{slug}".
//
//   router.add({"GET", "/api/problems/{slug}", Access::Public, "Open a problem"},
//              [&](Request& request) { return problems.get(request.pathParam("slug")); });
//
// The Dispatcher enforces `access` before a handler runs (401 without a valid token, 403 for a
// contestant on a proctor route) and, for routes with `jsonBody`, answers 415 for a body that is
// not JSON and 413 above `maxBodyBytes`. A handler returns a Response, or an Error that becomes
// the error shape with its status. Every route registered here appears in the OpenAPI document
// (a test checks it), so `summary` is not optional.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "request.hpp"
#include "response.hpp"

namespace arena::server::http {

enum class Access {
  Public,         // anyone; request.principal is set when a valid token came
  Authenticated,  // any logged-in user
  Proctor,        // proctors and admins
};

struct RouteSpec {
  std::string method;
  std::string pattern;
  Access access = Access::Public;
  std::string summary;    // one line for the OpenAPI document
  bool jsonBody = false;  // the route reads a JSON body
  std::size_t maxBodyBytes = 64 * 1024;
};

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  RouteSpec spec;
  Handler handler;
};

class Router {
 public:
  // Adding the same method and pattern twice is a programming error (throws std::logic_error).
  void add(RouteSpec spec, Handler handler);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    std::map<std::string, std::string> params;
    // When no route matched but the path exists with other methods: for 405's Allow header.
    std::vector<std::string> allowedMethods;
  };
  // Literal segments win over placeholders, so "/api/submissions/mine" beats "/{id}" (compared
  // segment by segment from the left). `path` is the raw path: each segment is percent-decoded
  // after splitting; one trailing slash is ignored ("/api/problems/" is "/api/problems"); a
  // path that is malformed (see splitPath), has a NUL or is over 2 KiB matches nothing. HEAD is
  // served by the GET route, and appears in allowedMethods wherever GET does.
  Match match(std::string_view method, std::string_view path) const;
  // Every method the path is served with (HEAD wherever GET is), sorted; empty when unknown.
  std::vector<std::string> allowedMethods(std::string_view path) const;

  const std::vector<Route>& routes() const { return m_routes; }

 private:
  struct Segment {
    std::string text;  // the literal, or the placeholder's name
    bool placeholder = false;
  };
  std::vector<Route> m_routes;
  std::vector<std::vector<Segment>> m_patterns;  // parallel to m_routes
};

}  // namespace arena::server::http
