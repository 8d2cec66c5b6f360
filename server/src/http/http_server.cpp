// Theory of operation: see http_server.hpp. Poco owns the sockets and the threads; this file
// only converts a Poco request into an http::Request (bounded body read, decoded query,
// lower-cased headers), lets the Dispatcher answer, and writes the answer back with a
// Content-Length. Poco throws: every exception stops at handleRequest.
#include "http_server.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <istream>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include "arena/core/bounded_read.hpp"
#include "http_date.hpp"
#include "json_log.hpp"
#include "keep_alive_connection.hpp"
#include "percent_decoding.hpp"
#include "request_id.hpp"
#include "text_util.hpp"

namespace arena::server::http {

namespace {

using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// "/a?b" -> path "/a", query "b"; an absolute-form target ("http://host/a") loses its authority.
void splitTarget(std::string_view target, std::string& path, std::string_view& query) {
  if (const auto scheme = target.find("://");
      scheme != std::string_view::npos && scheme < target.find('/')) {
    const auto slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  target = target.substr(0, target.find('#'));
  const auto question = target.find('?');
  path = std::string(target.substr(0, question));
  query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

// The socket of an accepted WebSocket: Poco's object keeps the descriptor open (its session
// detached it from the HTTP connection), and we only lend out the number.
class PocoUpgradedSocket final : public UpgradedSocket {
 public:
  explicit PocoUpgradedSocket(std::unique_ptr<Poco::Net::WebSocket> socket)
      : m_socket(std::move(socket)) {}
  int fd() const override { return m_socket->impl()->sockfd(); }

 private:
  std::unique_ptr<Poco::Net::WebSocket> m_socket;
};

// The socket of a streamed response, taken from Poco's session (which would close it when the
// connection's loop ends) once the headers went out.
class PocoStreamedSocket final : public UpgradedSocket {
 public:
  explicit PocoStreamedSocket(Poco::Net::StreamSocket socket) : m_socket(std::move(socket)) {}
  int fd() const override { return m_socket.impl()->sockfd(); }

 private:
  Poco::Net::StreamSocket m_socket;
};

bool asksForWebSocket(const Request& in, const std::optional<WebSocketRoute>& route) {
  return route && in.method == "GET" && in.path == route->path &&
         toLowerAscii(in.header("upgrade")).find("websocket") != std::string::npos;
}

class RequestHandler final : public ConnectionHandler {
 public:
  RequestHandler(Dispatcher& dispatcher, const HttpServer::Options& options)
      : m_dispatcher(dispatcher), m_options(options) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    bool keepAlive = true;
    bool switched = false;  // a WebSocket took the connection: nothing more to send
    Request in;
    Response out;
    try {
      out = process(request, response, in, keepAlive, switched);
    } catch (...) {
      // Poco failed while reading the request (the client went away mid-body, a bad chunk).
      out = m_dispatcher.reject(in, {ErrorCode::InvalidArgument, "unreadable request"});
      keepAlive = false;
    }
    bool sent = false;
    try {
      if (!switched) {
        send(request, response, out, keepAlive);
        sent = true;
      }
    } catch (...) {
      // The client went away mid-response; nothing left to tell it.
    }
    if (sent && out.stream && in.method != "HEAD") {
      // The session gives the socket up (the connection's loop then ends without closing it).
      handOver(out, static_cast<Poco::Net::HTTPServerRequestImpl&>(request).detachSocket());
    }
    if (m_options.logRequests) log(in, out, started);
  }

  // The fast path (keep_alive_connection.hpp): a bodiless HTTP/1.1 request, parsed by
  // parseSimpleRequestHead, becomes the same http::Request the Poco path makes.
  bool handleSimple(const RequestHead& head, Poco::Net::StreamSocket& socket) override {
    const auto started = std::chrono::steady_clock::now();
    bool keepAlive = head.keepAlive;
    Request in;
    Response out;
    try {
      in.method = std::string(head.method);
      std::string_view query;
      splitTarget(head.target, in.path, query);
      in.query = parseQuery(query);
      in.headers.reserve(head.headers.size());
      for (const auto& [name, value] : head.headers) {
        in.headers.emplace_back(toLowerAscii(name), std::string(value));
      }
      in.clientAddress = clientAddress(peer(socket), in.header("x-forwarded-for"));
      ensureRequestId(in);
      out = m_dispatcher.dispatch(in);
    } catch (...) {
      // Only allocation can fail above; answer as the Poco path answers what it cannot read.
      out = m_dispatcher.reject(in, {ErrorCode::InvalidArgument, "unreadable request"});
      keepAlive = false;
    }
    bool sent = false;
    try {
      writeResponse(socket, "HTTP/1.1", in.method, out, keepAlive);
      sent = true;
    } catch (...) {
      // The client went away mid-response.
    }
    if (sent && out.stream && in.method != "HEAD") {
      // `socket` is the session's own: emptying it is what detachSocket does on the Poco path,
      // and the connection's loop sees an uninitialised socket and ends without closing it.
      Poco::Net::StreamSocket taken = socket;
      socket = Poco::Net::StreamSocket();
      handOver(out, std::move(taken));
    }
    if (m_options.logRequests) log(in, out, started);
    return sent && keepAlive && !out.stream;
  }

 private:
  // The connection's peer address, asked of the socket once per connection.
  const std::string& peer(Poco::Net::StreamSocket& socket) {
    if (!m_peer) m_peer = socket.peerAddress().host().toString();
    return *m_peer;
  }

  Response process(HTTPServerRequest& request, HTTPServerResponse& response, Request& in,
                   bool& keepAlive, bool& switched) {
    in.method = request.getMethod();
    std::string_view query;
    const std::string& target = request.getURI();
    splitTarget(target, in.path, query);
    in.query = parseQuery(query);
    in.headers.reserve(request.size());
    for (const auto& [name, value] : request) in.headers.emplace_back(toLowerAscii(name), value);
    in.clientAddress =
        clientAddress(request.clientAddress().host().toString(), in.header("x-forwarded-for"));
    ensureRequestId(in);
    if (asksForWebSocket(in, m_options.webSocket)) {
      return upgrade(request, response, in, keepAlive, switched);
    }

    const bool chunked = request.getChunkedTransferEncoding();
    const bool hasBody =
        chunked || (request.hasContentLength() && request.getContentLength64() > 0);
    auto tooLarge = [this] {
      return Error{ErrorCode::PayloadTooLarge,
                   "request body over " + std::to_string(m_options.maxBodyBytes) + " bytes"};
    };
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<std::int64_t>(m_options.maxBodyBytes)) {
      // Not read at all: answer and close, the rest of the body goes with the connection.
      keepAlive = false;
      return m_dispatcher.reject(in, tooLarge());
    }
    if (hasBody) {
      bool over = false;
      in.body = readBounded(request.stream(), m_options.maxBodyBytes, over);
      if (over) {
        keepAlive = false;
        return m_dispatcher.reject(in, tooLarge());
      }
    }
    return m_dispatcher.dispatch(in);
  }

  // A streamed response's headers are out: the connection now belongs to its callee.
  static void handOver(const Response& out, Poco::Net::StreamSocket socket) {
    try {
      out.stream(std::make_unique<PocoStreamedSocket>(std::move(socket)));
    } catch (...) {
      // The callee could not take it (out of memory): the socket closes with the unique_ptr.
    }
  }

  // The WebSocket route: accept (authentication) first, then Poco's handshake (101), then the
  // connection is handed over and this thread returns to the pool.
  Response upgrade(HTTPServerRequest& request, HTTPServerResponse& response, Request& in,
                   bool& keepAlive, bool& switched) {
    const WebSocketRoute& route = *m_options.webSocket;
    in.route = route.path;
    keepAlive = false;  // the client expected another protocol: a refusal ends the connection
    if (auto accepted = route.accept(in); !accepted) {
      return m_dispatcher.reject(in, accepted.error());
    }
    std::unique_ptr<Poco::Net::WebSocket> socket;
    try {
      socket = std::make_unique<Poco::Net::WebSocket>(request, response);
    } catch (const Poco::Exception& e) {
      return m_dispatcher.reject(
          in, {ErrorCode::InvalidArgument, "bad WebSocket handshake: " + e.message()});
    }
    switched = true;
    route.adopt(in, std::make_unique<PocoUpgradedSocket>(std::move(socket)));
    Response out;
    out.status = 101;
    return out;
  }

  std::string clientAddress(std::string peer, std::string_view forwardedFor) const {
    const auto& trusted = m_options.trustedProxies;
    if (forwardedFor.empty() || std::find(trusted.begin(), trusted.end(), peer) == trusted.end()) {
      return peer;
    }
    const auto comma = forwardedFor.rfind(',');
    const std::string_view last =
        trimAscii(comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1));
    if (last.empty() || last.size() > 64) return peer;
    return std::string(last);
  }

  // The status line, the headers and the body go out in one write of our own. Poco's header
  // stream writes each header through an ostream, which cost more than the whole dispatch of a
  // cached answer: measured with bench/server_vs_nginx.sh, a bare Poco server went from about
  // 0.85x of nginx to 0.6x once it sent our six security headers that way.
  static void send(HTTPServerRequest& request, HTTPServerResponse& response, const Response& out,
                   bool keepAlive) {
    const bool alive = keepAlive && request.getKeepAlive() && !out.stream;
    response.setKeepAlive(alive);  // the connection loop reads it: next request, or close
    writeResponse(static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket(),
                  request.getVersion(), request.getMethod(), out, alive);
  }

  static void writeResponse(Poco::Net::StreamSocket& socket, std::string_view version,
                            std::string_view method, const Response& out, bool alive) {
    const bool noBody = out.status == 204 || out.status == 304;  // RFC 9110: no Content-Length
    // A stream's body is delimited by the connection's close (RFC 9112 6.3): no Content-Length,
    // no chunking, so any HTTP/1.0 or 1.1 client (curl, the ICPC tools) reads it as it comes.
    const bool streamed = static_cast<bool>(out.stream);
    if (streamed) alive = false;
    const std::string_view body = out.bodyView();

    std::string message;
    message.reserve(512 + body.size());
    message += version;
    message += ' ';
    message += std::to_string(out.status);
    message += ' ';
    message += Poco::Net::HTTPResponse::getReasonForStatus(
        static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    message += "\r\n";
    auto header = [&message](std::string_view name, std::string_view value) {
      // A value that could split the header block never goes out (response splitting).
      if (hasLineBreak(value)) return;
      message += name;
      message += ": ";
      message += value;
      message += "\r\n";
    };
    header("Date", cachedHttpDate());  // formatted once a second, not per request
    if (!out.contentType.empty()) header("Content-Type", out.contentType);
    for (const auto& [name, value] : out.headers) header(name, value);
    if (!noBody && !streamed) header("Content-Length", std::to_string(body.size()));
    header("Connection", alive ? "Keep-Alive" : "Close");
    message += "\r\n";
    if (!noBody && method != "HEAD") message += body;

    std::size_t sent = 0;
    while (sent < message.size()) {
      const int n = socket.sendBytes(message.data() + sent, static_cast<int>(message.size() - sent));
      if (n <= 0) throw Poco::Net::NetException("connection closed while sending");
      sent += static_cast<std::size_t>(n);
    }
  }

  void log(const Request& in, const Response& out,
           std::chrono::steady_clock::time_point started) const {
    try {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      nlohmann::json line{
          {"level", "info"},
          {"request_id", in.requestId},
          {"method", in.method},
          {"path", in.path.substr(0, kMaxPathBytes)},
          {"status", out.status},
          {"bytes", out.bodyView().size()},
          {"duration_ms", static_cast<double>(static_cast<long long>(ms * 1000)) / 1000},
          {"client", in.clientAddress}};
      if (!in.route.empty()) line["route"] = in.route;
      logJsonLine(std::move(line));
    } catch (...) {
      // Logging never fails a request.
    }
  }

  Dispatcher& m_dispatcher;
  const HttpServer::Options& m_options;
  std::optional<std::string> m_peer;
};

}  // namespace

struct HttpServer::Impl {
  explicit Impl(const Options& serverOptions)
      : options(serverOptions), pool(2, std::max(2, serverOptions.threads)) {}

  Options options;
  // Declared before the pool and the server: destroyed after the connections they run.
  std::shared_ptr<ConnectionRegistry> connections = std::make_shared<ConnectionRegistry>();
  Poco::ThreadPool pool;  // declared before the server: destroyed after it
  std::unique_ptr<Poco::Net::TCPServer> server;
  std::uint16_t port = 0;
  bool stopped = false;
};

Result<std::unique_ptr<HttpServer>> HttpServer::start(Dispatcher& dispatcher, Options options) {
  // A client that hangs up mid-response must cost an EPIPE, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(options);
    Poco::Net::ServerSocket socket;
    // SO_REUSEADDR for quick restarts, but not SO_REUSEPORT (Poco's two-argument bind sets
    // both): a second server on the same port must fail, not silently share the traffic.
    socket.bind(Poco::Net::SocketAddress(options.bind, options.port), /*reuseAddress=*/true,
                /*reusePort=*/false);
    socket.listen(std::max(64, options.queue));
    impl->port = socket.address().port();

    // Shared (reference counted) by the TCP server and the connections.
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(std::max(2, options.threads));
    params->setMaxQueued(std::max(1, options.queue));
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(0);  // unlimited (a negative value aborts)
    params->setKeepAliveTimeout(Poco::Timespan(10, 0));
    params->setTimeout(Poco::Timespan(30, 0));  // a client that stops sending is dropped
    // How long Poco's dispatcher thread waits for a new connection before it looks again. Its
    // stop() wakes a waiting dispatcher only if it is already waiting (a dispatcher just back
    // from a connection misses the wake-up and sleeps this long), so stop() can take this long.
    params->setThreadIdleTime(Poco::Timespan(1, 0));
    params->setServerName("arena-server");

    // Poco's TCPServer with our connection loop (keep_alive_connection.hpp) in place of
    // Poco's HTTPServerConnection, which costs four system calls per keep-alive request.
    const Options& kept = impl->options;
    HandlerMaker makeHandler = [&dispatcher, &kept] {
      return std::unique_ptr<ConnectionHandler>(new RequestHandler(dispatcher, kept));
    };
    impl->server = std::make_unique<Poco::Net::TCPServer>(
        new KeepAliveConnectionFactory(params, std::move(makeHandler), impl->connections),
        impl->pool, socket, params);
    impl->server->start();
  } catch (const std::exception& e) {
    return fail(ErrorCode::Unavailable, "cannot listen on " + options.bind + ":" +
                                            std::to_string(options.port) + ": " + e.what());
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const { return m_impl->port; }

void HttpServer::stop() {
  if (!m_impl || m_impl->stopped) return;
  m_impl->stopped = true;
  try {
    // No new connections; idle keep-alive connections are shut down; running requests finish
    // first.
    m_impl->server->stop();
    m_impl->connections->stopAll();
    m_impl->pool.joinAll();
  } catch (...) {
    // Shutting down: nothing to report to.
  }
}

}  // namespace arena::server::http
