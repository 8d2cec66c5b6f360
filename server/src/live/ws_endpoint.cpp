#include "live/ws_endpoint.hpp"

#include "http/text_util.hpp"

namespace arena::server::live {

namespace {

// The query parameter wins: a browser sends it, and may not be able to drop a stale header.
std::string accessToken(const http::Request& request) {
  if (auto token = request.queryParam("access_token"); token && !token->empty()) return *token;
  const std::string_view authorization = request.header("authorization");
  constexpr std::string_view kBearer = "bearer ";
  if (authorization.size() > kBearer.size() &&
      http::toLowerAscii(authorization.substr(0, kBearer.size())) == kBearer) {
    return std::string(http::trimAscii(authorization.substr(kBearer.size())));
  }
  return {};
}

}  // namespace

http::WebSocketRoute webSocketRoute(Hub& hub, http::Authenticator authenticate) {
  http::WebSocketRoute route;
  route.path = kWebSocketPath;
  route.accept = [authenticate = std::move(authenticate)](http::Request& request) -> Result<void> {
    const std::string token = accessToken(request);
    if (token.empty()) {
      return fail(ErrorCode::Unauthenticated,
                  "an access token is required (?access_token= or Authorization: Bearer)");
    }
    auto principal = authenticate(token);
    if (!principal) return fail(ErrorCode::Unauthenticated, "invalid or expired access token");
    request.principal = std::move(*principal);
    return {};
  };
  route.adopt = [&hub](const http::Request& request,
                       std::unique_ptr<http::UpgradedSocket> socket) {
    hub.adopt(std::move(socket), *request.principal);
  };
  return route;
}

void registerLiveRoutes(http::Router& router) {
  router.add({"GET", kWebSocketPath, http::Access::Authenticated,
              "Live events over a WebSocket (needs Upgrade: websocket)"},
             [](http::Request&) -> Result<http::Response> {
               return fail(ErrorCode::InvalidArgument,
                           "/api/ws speaks WebSocket: send Upgrade: websocket");
             });
}

}  // namespace arena::server::live
