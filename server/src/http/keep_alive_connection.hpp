#pragma once
// The per-connection loop of arena-server's HTTP front, in place of Poco's HTTPServerConnection.
// Theory of operation:
//  - Poco gives each connection a pool thread that serves its requests one after the other.
//    Poco 1.11's loop waits for each next keep-alive request with Socket::poll, which on Linux
//    creates an epoll instance, registers the socket, waits and closes the instance: four system
//    calls and a file descriptor per request. perf during bench/server_vs_nginx.sh put that at
//    about 30% of the server's CPU time. This loop waits with a single poll(2) on the descriptor,
//    and not at all when the next (pipelined) request is already in the session's buffer.
//  - Fast path: once readable, the loop peeks at the received bytes (recv MSG_PEEK). When they
//    start with one complete, ordinary bodiless HTTP/1.1 head (request_head.hpp decides), those
//    bytes are consumed and the handler answers from the parsed head directly: no Poco request,
//    response, stream or locale, no getpeername/getsockname per request. Otherwise nothing was
//    consumed and Poco parses the request as below.
//  - Poco path: what Poco's loop does: a Poco request and response object per request,
//    "100 Continue" when the client expects it, keep-alive as the handler leaves it. A request
//    Poco cannot parse is answered 400 in our error shape, and the connection closes. While
//    Poco's session still buffers bytes (pipelined requests), they go this way too, in order.
//  - One handler object serves all of a connection's requests.
//  - Stopping: the registry knows every connection; stopAll() marks each one stopped and shuts
//    its socket down as soon as its running request (if any) is answered, which wakes an idle
//    one from its poll. A connection whose socket went to a WebSocket or a streamed response
//    (Response::stream) is left alone: its new owner closes it.

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "request_head.hpp"

namespace arena::server::http {

class KeepAliveConnection;

// Every live connection of one server, so stopping the server can end them.
class ConnectionRegistry {
 public:
  // Marks every connection (and every later one) stopped; waits for running requests; wakes
  // idle connections so their threads return to the pool.
  void stopAll();
  std::size_t size() const;

 private:
  friend class KeepAliveConnection;
  // False when the registry is already stopped (the connection must not serve).
  bool add(KeepAliveConnection* connection);
  void remove(KeepAliveConnection* connection);

  mutable std::mutex m_mutex;
  std::set<KeepAliveConnection*> m_connections;
  bool m_stopped = false;
};

// Serves a connection's requests: those Poco parsed (handleRequest) and the simple heads the
// loop parsed itself.
class ConnectionHandler : public Poco::Net::HTTPRequestHandler {
 public:
  // Answers `head` (already consumed from `socket`) on `socket`. False: close the connection.
  virtual bool handleSimple(const RequestHead& head, Poco::Net::StreamSocket& socket) = 0;
};

using HandlerMaker = std::function<std::unique_ptr<ConnectionHandler>()>;

class KeepAliveConnection final : public Poco::Net::TCPServerConnection {
 public:
  KeepAliveConnection(const Poco::Net::StreamSocket& socket,
                      Poco::Net::HTTPServerParams::Ptr params, HandlerMaker makeHandler,
                      std::shared_ptr<ConnectionRegistry> registry);
  ~KeepAliveConnection() override;

  void run() override;
  // Called by the registry: no further request; the socket is shut once the current one is done.
  void stop();

 private:
  Poco::Net::HTTPServerParams::Ptr m_params;
  HandlerMaker m_makeHandler;
  std::shared_ptr<ConnectionRegistry> m_registry;
  enum class Simple { Answered, Declined, Closed };
  Simple serveSimple(Poco::Net::StreamSocket& socket, ConnectionHandler& handler);

  std::atomic<bool> m_stopped{false};
  std::array<char, 8192> m_peek{};  // the fast path's look at the received bytes
  std::mutex m_busy;      // held while a request is served
  bool m_finished = false;  // under m_busy: run() returned (the socket may be a WebSocket's now)
};

class KeepAliveConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  KeepAliveConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, HandlerMaker makeHandler,
                             std::shared_ptr<ConnectionRegistry> registry);
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  Poco::Net::HTTPServerParams::Ptr m_params;
  HandlerMaker m_makeHandler;
  std::shared_ptr<ConnectionRegistry> m_registry;
};

}  // namespace arena::server::http
