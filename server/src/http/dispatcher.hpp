#pragma once
// The one place a request becomes a response, free of Poco so tests drive it directly.
// Order of operations for a request:
//   1. rate limit per client address (token bucket)                          -> 429
//   2. a bearer token, when present, is verified; a bad one on any route      -> 401
//   3. route match                                                            -> 404 / 405 + Allow
//      (paths outside /api go to the fallback, the web UI, when one is set)
//   4. access: Authenticated/Proctor without a principal -> 401; contestant on Proctor -> 403
//   5. rate limit per user (token bucket)                                     -> 429
//   6. jsonBody routes: Content-Type must be JSON (415); any route: body over its limit (413)
//   7. the handler; an Error becomes the error shape, an exception a logged 500
// Every response gets X-Request-Id, security headers and, for allowed origins, CORS headers;
// metrics are observed under the route's pattern (not the raw path, which would explode labels).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "metrics.hpp"
#include "rate_limiter.hpp"
#include "request.hpp"
#include "response.hpp"
#include "router.hpp"

namespace arena::server::http {

// Verifies an access token (the part after "Bearer "). Unauthenticated when it is not valid.
using Authenticator = std::function<Result<Principal>(std::string_view token)>;

struct DispatcherOptions {
  TokenBucket::Config perClient{50.0, 200.0};  // requests per second, burst
  TokenBucket::Config perUser{20.0, 100.0};
  std::vector<std::string> corsOrigins;  // exact origins allowed; "*" allows any
  // Limiters shared by replicas (Redis) replace the in-process buckets above when set.
  std::shared_ptr<RequestLimiter> clientLimiter;
  std::shared_ptr<RequestLimiter> userLimiter;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, Authenticator authenticate, Metrics& metrics,
             DispatcherOptions options = {});

  // Serves requests outside /api (GET and HEAD), e.g. the built web UI.
  void setFallback(Handler fallback);

  // Never throws.
  Response dispatch(Request& request);
  // A request the HTTP front refused before dispatch (its body over the server's hard cap):
  // the error with the same standard headers, counted in the metrics as "unmatched".
  Response reject(Request& request, const Error& error);

 private:
  Response process(Request& request);
  Response options(Request& request);
  Response internalError(const Request& request, std::string_view what);
  static Response respond(Result<Response> result);
  static Response rateLimited(const RequestLimiter& limiter);
  static bool hasHeader(const Request& request, std::string_view name);

  const Router& m_router;
  Authenticator m_authenticate;
  Metrics& m_metrics;
  DispatcherOptions m_options;
  Handler m_fallback;
  RateLimiter m_localClientLimits;
  RateLimiter m_localUserLimits;
  RequestLimiter& m_clientLimits;  // the local buckets, or options.clientLimiter
  RequestLimiter& m_userLimits;
};

}  // namespace arena::server::http
