#pragma once
// /api/ws: the HTTP side of the live channel.
//   - webSocketRoute() is the HttpServer hook for "GET /api/ws" with "Upgrade: websocket": the
//     access token comes from ?access_token= (browsers cannot set headers on a WebSocket) or
//     "Authorization: Bearer"; a missing or invalid one is 401 in the error shape before any
//     upgrade. After the handshake the socket goes to the hub.
//   - registerLiveRoutes() puts the same path on the router, so the OpenAPI document lists it
//     and a plain GET (no upgrade) gets a clear 400 instead of the web UI.

#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "live/hub.hpp"

namespace arena::server::live {

inline constexpr const char* kWebSocketPath = "/api/ws";

// `hub` and whatever `authenticate` refers to must outlive the HTTP server.
http::WebSocketRoute webSocketRoute(Hub& hub, http::Authenticator authenticate);

void registerLiveRoutes(http::Router& router);

}  // namespace arena::server::live
