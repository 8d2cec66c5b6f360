// Theory of operation: see keep_alive_connection.hpp. Poco throws; nothing leaves run().
#include "keep_alive_connection.hpp"

#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <string>
#include <Poco/Net/NetException.h>

#include "http_date.hpp"
#include "request.hpp"
#include "request_id.hpp"
#include "response.hpp"
#include "response_headers.hpp"

namespace arena::server::http {

namespace {

using Poco::Net::HTTPResponse;

// Poco's session, with its read buffer's fill level in sight (it is protected there).
class Session final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  bool hasBufferedBytes() const { return buffered() > 0; }
};

// Waits until the socket is readable (or hung up: the read then finds out). False after
// `timeout` without a byte, or when the socket is gone (taken by a WebSocket, or shut).
bool waitReadable(Poco::Net::StreamSocket& socket, Poco::Timespan timeout) {
  if (!socket.impl()->initialized()) return false;
  pollfd watched{};
  watched.fd = socket.impl()->sockfd();
  watched.events = POLLIN;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::microseconds(timeout.totalMicroseconds());
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const int n = ::poll(&watched, 1, static_cast<int>(std::max<long long>(0, left.count())));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Poco could not parse the request: our error shape and standard headers, then close. Written
// by hand: Poco's response writes no body when it has no request to look at.
void answerMalformed(Poco::Net::HTTPServerSession& session) {
  session.setKeepAlive(false);
  try {
    Request nothing;  // no trustworthy header of it: a fresh request id, no CORS
    ensureRequestId(nothing);
    Response error = Response::error({ErrorCode::InvalidArgument, "malformed HTTP request"});
    addStandardHeaders(nothing, error, {});
    const std::string_view body = error.bodyView();
    std::string message = "HTTP/1.1 400 Bad Request\r\nDate: " + cachedHttpDate() +
                          "\r\nContent-Type: " + error.contentType + "\r\n";
    for (const auto& [name, value] : error.headers) message += name + ": " + value + "\r\n";
    message += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: Close\r\n\r\n";
    message += body;
    Poco::Net::StreamSocket& socket = session.socket();
    std::size_t sent = 0;
    while (sent < message.size()) {
      const int n =
          socket.sendBytes(message.data() + sent, static_cast<int>(message.size() - sent));
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
  } catch (...) {
    // The client is gone too.
  }
}

}  // namespace

// ---- registry ----

bool ConnectionRegistry::add(KeepAliveConnection* connection) {
  std::lock_guard lock(m_mutex);
  m_connections.insert(connection);
  return !m_stopped;
}

void ConnectionRegistry::remove(KeepAliveConnection* connection) {
  std::lock_guard lock(m_mutex);
  m_connections.erase(connection);
}

void ConnectionRegistry::stopAll() {
  std::lock_guard lock(m_mutex);
  m_stopped = true;
  // A connection never takes this lock while it serves a request (only before and after), so
  // waiting here for its request cannot deadlock.
  for (KeepAliveConnection* connection : m_connections) connection->stop();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(m_mutex);
  return m_connections.size();
}

// ---- connection ----

KeepAliveConnection::KeepAliveConnection(const Poco::Net::StreamSocket& socket,
                                         Poco::Net::HTTPServerParams::Ptr params,
                                         HandlerMaker makeHandler,
                                         std::shared_ptr<ConnectionRegistry> registry)
    : TCPServerConnection(socket),
      m_params(std::move(params)),
      m_makeHandler(std::move(makeHandler)),
      m_registry(std::move(registry)) {
  if (!m_registry->add(this)) m_stopped = true;
}

KeepAliveConnection::~KeepAliveConnection() { m_registry->remove(this); }

void KeepAliveConnection::stop() {
  m_stopped = true;
  std::lock_guard busy(m_busy);  // the running request, if any, is answered first
  if (m_finished) return;        // the socket may belong to a WebSocket now
  try {
    socket().shutdown();
  } catch (...) {
    // Already closed by the peer.
  }
}

void KeepAliveConnection::run() {
  try {
    Session session(socket(), m_params);
    const std::unique_ptr<ConnectionHandler> handler = m_makeHandler();
    bool first = true;
    while (!m_stopped) {
      if (!first && !session.getKeepAlive()) break;
      const bool buffered = session.hasBufferedBytes();
      if (!buffered &&
          !waitReadable(session.socket(),
                        first ? m_params->getTimeout() : m_params->getKeepAliveTimeout())) {
        break;
      }
      first = false;
      std::lock_guard busy(m_busy);
      if (m_stopped) break;
      if (!buffered) {
        const Simple simple = serveSimple(session.socket(), *handler);
        if (!session.socket().impl()->initialized()) {
          m_finished = true;  // a streamed response took the socket: stop() must not shut it
          break;
        }
        if (simple == Simple::Closed) break;
        if (simple == Simple::Answered) continue;
      }
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, m_params.get());
        response.setVersion(request.getVersion());
        response.setKeepAlive(m_params->getKeepAlive() && request.getKeepAlive());
        if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK) {
          response.sendContinue();
        }
        handler->handleRequest(request, response);
        if (!session.socket().impl()->initialized()) {
          m_finished = true;  // a WebSocket took the socket: stop() must not shut it
          break;
        }
        session.setKeepAlive(m_params->getKeepAlive() && response.getKeepAlive());
      } catch (const Poco::Net::NoMessageException&) {
        break;  // the client closed the connection between requests
      } catch (const Poco::Net::MessageException&) {
        answerMalformed(session);
        break;
      }
    }
  } catch (...) {
    // A network failure (reset, timeout mid-request): the connection just ends.
  }
  std::lock_guard busy(m_busy);
  m_finished = true;
}

KeepAliveConnection::Simple KeepAliveConnection::serveSimple(Poco::Net::StreamSocket& socket,
                                                             ConnectionHandler& handler) {
  const int fd = socket.impl()->sockfd();
  const ssize_t peeked = ::recv(fd, m_peek.data(), m_peek.size(), MSG_PEEK);
  if (peeked == 0) return Simple::Closed;  // the client hung up between requests
  if (peeked < 0) return errno == EINTR ? Simple::Declined : Simple::Closed;
  const auto head =
      parseSimpleRequestHead(std::string_view(m_peek.data(), static_cast<std::size_t>(peeked)));
  if (!head) return Simple::Declined;
  // Consume exactly the head (it is in the receive queue: it was just peeked); MSG_TRUNC
  // discards it without copying over m_peek, which `head` points into.
  std::size_t consumed = 0;
  while (consumed < head->size) {
    const ssize_t n = ::recv(fd, nullptr, head->size - consumed, MSG_TRUNC);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Simple::Closed;
    consumed += static_cast<std::size_t>(n);
  }
  return handler.handleSimple(*head, socket) ? Simple::Answered : Simple::Closed;
}

// ---- factory ----

KeepAliveConnectionFactory::KeepAliveConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                       HandlerMaker makeHandler,
                                                       std::shared_ptr<ConnectionRegistry> registry)
    : m_params(std::move(params)),
      m_makeHandler(std::move(makeHandler)),
      m_registry(std::move(registry)) {}

Poco::Net::TCPServerConnection* KeepAliveConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new KeepAliveConnection(socket, m_params, m_makeHandler, m_registry);
}

}  // namespace arena::server::http
