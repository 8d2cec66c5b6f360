#pragma once
// The Poco HTTP front of arena-server. Theory of operation:
//  - Poco gives every keep-alive connection a pool thread for its whole life, so the pool is
//    sized to the connections expected (a lab: hundreds) and keep-alive requests are unlimited;
//  - the per-connection loop is ours (keep_alive_connection.hpp): one poll(2) per keep-alive
//    request instead of Poco's four epoll calls, and bodiless HTTP/1.1 requests parsed from the
//    received bytes directly (request_head.hpp) instead of through Poco's iostreams;
//  - each request is read with a hard cap (Content-Length checked first, chunked bodies cut at
//    the cap) into an http::Request and handed to the Dispatcher, a plain function;
//  - every response carries a Content-Length so connections stay alive, except a streamed one
//    (Response::stream): its headers go out, then the connection is handed to the route's
//    callee like an upgraded WebSocket, on the fast path and on Poco's alike;
//  - one JSON log line per request (request id, method, route, status, bytes, duration).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "dispatcher.hpp"
#include "upgraded_socket.hpp"

namespace arena::server::http {

// A path served as a WebSocket: a GET for it with "Upgrade: websocket" skips the Dispatcher (no
// route, no rate limit) and is logged without its query string (it may carry a token).
struct WebSocketRoute {
  std::string path;  // e.g. "/api/ws"; the same path without the upgrade goes to the Dispatcher
  // Before the handshake: an Error refuses the upgrade with the error shape (401...) and the
  // connection closes. It may set request.principal for adopt.
  std::function<Result<void>(Request&)> accept;
  // After the 101 went out: the connection belongs to the callee from now on, and the Poco
  // thread goes back to its pool. Must not block.
  std::function<void(const Request&, std::unique_ptr<UpgradedSocket>)> adopt;
};

class HttpServer {
 public:
  struct Options {
    std::string bind = "0.0.0.0";
    std::uint16_t port = 8080;  // 0: any free port (read it back with port())
    int threads = 256;
    int queue = 1024;
    std::size_t maxBodyBytes = 16 * 1024 * 1024;  // the hard cap before any route's own limit
    bool logRequests = true;                      // JSON lines on stderr
    // Peers (e.g. "127.0.0.1" for a local nginx) whose X-Forwarded-For is believed: the client
    // address (rate limits, logs) is then the rightmost entry, the one that proxy added.
    std::vector<std::string> trustedProxies;
    std::optional<WebSocketRoute> webSocket;
  };

  // Binds and starts serving; Unavailable when the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> start(Dispatcher& dispatcher, Options options);

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();

  std::uint16_t port() const;
  // Stops accepting and waits for running requests to finish.
  void stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace arena::server::http
