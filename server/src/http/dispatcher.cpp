// Theory of operation: dispatch() is one straight list of checks, in the order documented in
// dispatcher.hpp; each either lets the request through or produces the response. Whatever
// happens (including a throwing handler) the response then gets the standard headers and the
// request is counted in the metrics under its route pattern.
#include "dispatcher.hpp"

#include <algorithm>

#include "json_log.hpp"
#include "percent_decoding.hpp"
#include "request_id.hpp"
#include "response_headers.hpp"
#include "text_util.hpp"

namespace arena::server::http {

namespace {

constexpr std::string_view kUnmatched = "unmatched";
constexpr std::string_view kWebUi = "webui";

// Methods outside this set are counted as OTHER so junk methods cannot grow the label set.
std::string_view methodLabel(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",   "HEAD",   "POST",   "PUT",
                                                "PATCH", "DELETE", "OPTIONS"};
  for (auto known : kKnown) {
    if (method == known) return known;
  }
  return "OTHER";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

Response unauthenticated(std::string message) {
  Response response = Response::error({ErrorCode::Unauthenticated, std::move(message)});
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

bool isJsonMediaType(std::string_view contentType) {
  const std::string type = toLowerAscii(trimAscii(contentType.substr(0, contentType.find(';'))));
  return type == "application/json" ||
         (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

// "Bearer abc" -> "abc"; nullopt for any other shape.
std::optional<std::string_view> bearerToken(std::string_view header) {
  header = trimAscii(header);
  if (!startsWithIgnoreCase(header, "Bearer ")) return std::nullopt;
  const std::string_view token = trimAscii(header.substr(7));
  if (token.empty() || token.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return token;
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, Authenticator authenticate, Metrics& metrics,
                       DispatcherOptions options)
    : m_router(router),
      m_authenticate(std::move(authenticate)),
      m_metrics(metrics),
      m_options(std::move(options)),
      m_localClientLimits(m_options.perClient),
      m_localUserLimits(m_options.perUser),
      m_clientLimits(m_options.clientLimiter ? *m_options.clientLimiter : m_localClientLimits),
      m_userLimits(m_options.userLimiter ? *m_options.userLimiter : m_localUserLimits) {}

void Dispatcher::setFallback(Handler fallback) { m_fallback = std::move(fallback); }

Response Dispatcher::dispatch(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  ensureRequestId(request);
  request.route = std::string(kUnmatched);
  Response response;
  try {
    response = process(request);
  } catch (const std::exception& e) {
    response = internalError(request, e.what());
  } catch (...) {
    response = internalError(request, "non-standard exception");
  }
  try {
    addStandardHeaders(request, response, m_options.corsOrigins);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    m_metrics.observeRequest(request.route, methodLabel(request.method), response.status, seconds);
  } catch (...) {
    // Only allocation can fail here; the response is still worth sending.
  }
  return response;
}

Response Dispatcher::reject(Request& request, const Error& error) {
  ensureRequestId(request);
  if (request.route.empty()) request.route = std::string(kUnmatched);
  Response response = Response::error(error);
  try {
    addStandardHeaders(request, response, m_options.corsOrigins);
    m_metrics.observeRequest(request.route, methodLabel(request.method), response.status, 0);
  } catch (...) {
    // As in dispatch().
  }
  return response;
}

Response Dispatcher::internalError(const Request& request, std::string_view what) {
  logJsonLine({{"level", "error"},
               {"event", "handler_exception"},
               {"request_id", request.requestId},
               {"method", request.method},
               {"route", request.route},
               {"what", std::string(what)}});
  // The exception text stays in the log: it may name files, SQL or internals.
  return Response::error(
      {ErrorCode::Internal, "internal error (request id " + request.requestId + ")"});
}

Response Dispatcher::process(Request& request) {
  if (request.path.size() > kMaxPathBytes || request.path.find('\0') != std::string::npos ||
      request.path.empty() || request.path.front() != '/') {
    return Response::error({ErrorCode::InvalidArgument, "malformed request path"});
  }

  // 1. Per client address.
  const std::string clientKey = request.clientAddress.empty() ? "unknown" : request.clientAddress;
  if (!m_clientLimits.allow(clientKey)) return rateLimited(m_clientLimits);

  if (request.method == "OPTIONS") return options(request);

  // 2. A token that is present must be good, whatever the route.
  if (hasHeader(request, "authorization")) {
    const auto token = bearerToken(request.header("authorization"));
    if (!token) return unauthenticated("malformed Authorization header; expected 'Bearer <token>'");
    if (!m_authenticate) return unauthenticated("invalid access token");
    auto principal = m_authenticate(*token);
    if (!principal) {
      if (principal.error().code != ErrorCode::Unauthenticated) {
        return Response::error(principal.error());  // e.g. storage unavailable: 503, not 401
      }
      return unauthenticated(principal.error().message.empty() ? "invalid access token"
                                                               : principal.error().message);
    }
    request.principal = std::move(*principal);
  }

  // 3. Route.
  auto match = m_router.match(request.method, request.path);
  if (match.route == nullptr) {
    if (!match.allowedMethods.empty()) {
      Response response =
          Response::error({ErrorCode::MethodNotAllowed, request.method + " is not allowed here"});
      response.headers.emplace_back("Allow", join(match.allowedMethods));
      return response;
    }
    if (m_fallback && !isApiPath(request.path) &&
        (request.method == "GET" || request.method == "HEAD")) {
      request.route = std::string(kWebUi);
      return respond(m_fallback(request));
    }
    return Response::error({ErrorCode::NotFound, "no such endpoint"});
  }
  const Route& route = *match.route;
  request.route = route.spec.pattern;
  request.pathParams = std::move(match.params);

  // 4. Access.
  if (route.spec.access != Access::Public && !request.principal) {
    return unauthenticated("this endpoint needs a bearer token");
  }
  if (route.spec.access == Access::Proctor && !request.principal->isProctor()) {
    return Response::error({ErrorCode::PermissionDenied, "this endpoint is for proctors"});
  }

  // 5. Per user.
  if (request.principal &&
      !m_userLimits.allow("user:" + std::to_string(request.principal->userId))) {
    return rateLimited(m_userLimits);
  }

  // 6. Body.
  if (route.spec.jsonBody) {
    const std::string_view contentType = request.header("content-type");
    if ((!contentType.empty() || !request.body.empty()) && !isJsonMediaType(contentType)) {
      return Response::error({ErrorCode::UnsupportedMediaType,
                              "the body must be JSON (Content-Type: application/json)"});
    }
  }
  if (request.body.size() > route.spec.maxBodyBytes) {
    return Response::error(
        {ErrorCode::PayloadTooLarge,
         "request body over " + std::to_string(route.spec.maxBodyBytes) + " bytes"});
  }

  // 7. The handler.
  return respond(route.handler(request));
}

Response Dispatcher::respond(Result<Response> result) {
  if (!result) return Response::error(result.error());
  return std::move(*result);
}

Response Dispatcher::rateLimited(const RequestLimiter& limiter) {
  Response response =
      Response::error({ErrorCode::RateLimited, "too many requests; slow down", true});
  response.headers.emplace_back("Retry-After", std::to_string(limiter.retryAfterSeconds()));
  return response;
}

// Preflights (OPTIONS with Origin and Access-Control-Request-Method) to a known API path answer
// 204 for allowed origins and 403 for others; a plain OPTIONS answers 204 with Allow.
Response Dispatcher::options(Request& request) {
  const std::string_view origin = request.header("origin");
  const std::string_view wanted = request.header("access-control-request-method");
  const auto match =
      m_router.match(wanted.empty() ? std::string_view("GET") : wanted, request.path);
  std::vector<std::string> methods = m_router.allowedMethods(request.path);
  if (methods.empty()) return Response::error({ErrorCode::NotFound, "no such endpoint"});
  if (match.route != nullptr) request.route = match.route->spec.pattern;
  methods.emplace_back("OPTIONS");
  Response response = Response::noContent();
  if (origin.empty() || wanted.empty()) {
    response.headers.emplace_back("Allow", join(methods));
    return response;
  }
  if (!isOriginAllowed(origin, m_options.corsOrigins)) {
    return Response::error({ErrorCode::PermissionDenied, "origin not allowed"});
  }
  response.headers.emplace_back("Access-Control-Allow-Methods", join(methods));
  response.headers.emplace_back("Access-Control-Allow-Headers",
                                "Authorization, Content-Type, X-Request-Id");
  response.headers.emplace_back("Access-Control-Max-Age", "600");
  return response;
}

bool Dispatcher::hasHeader(const Request& request, std::string_view name) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [&](const auto& header) { return equalsIgnoreCase(header.first, name); });
}

}  // namespace arena::server::http
