// Theory of operation: see hub.hpp. Everything below the public post*() functions runs on the
// reactor's own thread. Connections are destroyed only in reap(), at the end of a loop
// iteration, so a pointer taken from the channel index stays valid while an event is fanned out.
#include "live/reactor.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>

#include "http/json_log.hpp"
#include "live/channels.hpp"
#include "live/client_protocol.hpp"
#include "live/ws_frame.hpp"

namespace arena::server::live {

namespace {

constexpr std::uint64_t kWakeId = 0;
constexpr int kMaxEvents = 256;
constexpr std::size_t kReadChunk = 16 * 1024;
// Reads per readiness event: a flooding client cannot starve the others of the loop.
constexpr int kReadsPerWake = 4;
constexpr std::size_t kMaxIov = 32;
// A connection that stays silent this many heartbeats is considered gone.
constexpr int kSilentHeartbeats = 3;

void logDrop(const char* reason, std::int64_t userId) {
  http::logJsonLine(
      {{"level", "info"}, {"event", "ws_client_dropped"}, {"reason", reason}, {"user_id", userId}});
}

}  // namespace

struct Connection {
  std::uint64_t id = 0;
  std::unique_ptr<http::UpgradedSocket> socket;
  int fd = -1;
  http::Principal who;
  FrameParser parser;
  std::deque<SharedFrame> queue;
  std::size_t written = 0;  // bytes of queue.front() already sent
  std::vector<std::string> channels;
  std::chrono::steady_clock::time_point lastHeard;
  std::chrono::steady_clock::time_point lastPing;
  std::chrono::steady_clock::time_point closeDeadline;
  bool closing = false;       // our close frame is queued; nothing else goes out
  bool parserFailed = false;  // input is discarded until the peer goes
  bool peerClosed = false;    // the peer's close frame arrived
  bool writeWatched = false;  // EPOLLOUT registered
  bool dead = false;          // waiting for reap()

  explicit Connection(std::size_t maxMessageBytes) : parser(maxMessageBytes) {}
};

Reactor::Reactor(const HubOptions& options, std::shared_ptr<Hub::Counters> counters)
    : m_options(options), m_counters(std::move(counters)) {
  m_pingFrame = std::make_shared<const std::string>(buildFrame(Opcode::Ping, {}));
}

Reactor::~Reactor() {
  stop();
  if (m_epoll >= 0) ::close(m_epoll);
  if (m_wakeFd >= 0) ::close(m_wakeFd);
}

Result<void> Reactor::start() {
  m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
  if (m_epoll < 0) return fail(ErrorCode::Unavailable, std::string("epoll: ") + std::strerror(errno));
  m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (m_wakeFd < 0) {
    return fail(ErrorCode::Unavailable, std::string("eventfd: ") + std::strerror(errno));
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kWakeId;
  if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
    return fail(ErrorCode::Unavailable, std::string("epoll_ctl: ") + std::strerror(errno));
  }
  m_thread = std::thread([this] { run(); });
  m_started = true;
  return {};
}

void Reactor::postAdopt(std::unique_ptr<http::UpgradedSocket> socket, const http::Principal& who) {
  {
    std::lock_guard lock(m_inboxMutex);
    if (m_stopRequested) return;  // the socket closes here
    m_adoptions.push_back({std::move(socket), who});
  }
  wake();
}

void Reactor::postFrame(const std::string& channel, SharedFrame frame) {
  bool first = false;
  {
    std::lock_guard lock(m_inboxMutex);
    if (m_stopRequested) return;
    first = m_deliveries.empty() && m_adoptions.empty();
    m_deliveries.push_back({channel, std::move(frame)});
  }
  // One wake per batch: the loop takes the whole inbox at once.
  if (first) wake();
}

void Reactor::stop() {
  {
    std::lock_guard lock(m_inboxMutex);
    m_stopRequested = true;
  }
  if (!m_started) return;
  wake();
  if (m_thread.joinable()) m_thread.join();
}

void Reactor::wake() {
  const std::uint64_t one = 1;
  // EAGAIN means the counter is already non-zero: the loop will wake anyway.
  [[maybe_unused]] const ssize_t n = ::write(m_wakeFd, &one, sizeof one);
}

void Reactor::run() {
  using namespace std::chrono;
  const auto tickEvery = std::clamp<milliseconds>(m_options.heartbeat / 4, milliseconds(5),
                                                  milliseconds(1000));
  auto nextTick = Clock::now() + tickEvery;
  std::array<epoll_event, kMaxEvents> events{};
  bool stopping = false;
  while (!stopping) {
    const auto wait = duration_cast<milliseconds>(nextTick - Clock::now()).count();
    const int ready = ::epoll_wait(m_epoll, events.data(), kMaxEvents,
                                   static_cast<int>(std::max<long long>(0, wait)));
    if (ready < 0 && errno != EINTR) {
      http::logJsonLine({{"level", "error"}, {"event", "ws_epoll_failed"},
                         {"message", std::strerror(errno)}});
      break;
    }
    for (int i = 0; i < ready; ++i) {
      const std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
      const std::uint32_t flags = events[static_cast<std::size_t>(i)].events;
      if (id == kWakeId) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t n = ::read(m_wakeFd, &count, sizeof count);
        {
          std::lock_guard lock(m_inboxMutex);
          stopping = m_stopRequested;
        }
        drainInbox();
        continue;
      }
      const auto found = m_connections.find(id);
      if (found == m_connections.end() || found->second->dead) continue;
      Connection& connection = *found->second;
      if ((flags & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) onReadable(connection);
      if ((flags & EPOLLOUT) != 0 && !connection.dead) flush(connection);
    }
    const auto now = Clock::now();
    if (now >= nextTick) {
      tick(now);
      nextTick = now + tickEvery;
    }
    reap();
  }

  // Going away: a close frame where it fits at once, then every socket closes.
  const std::string goingAway = buildCloseFrame(kCloseGoingAway, "server stopping");
  for (auto& [id, connection] : m_connections) {
    if (connection->written == 0 && !connection->closing) {
      [[maybe_unused]] const ssize_t n = ::send(connection->fd, goingAway.data(), goingAway.size(),
                                                MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    kill(*connection);
  }
  reap();
}

void Reactor::drainInbox() {
  std::vector<Adoption> adoptions;
  std::vector<Delivery> deliveries;
  {
    std::lock_guard lock(m_inboxMutex);
    adoptions.swap(m_adoptions);
    deliveries.swap(m_deliveries);
  }
  for (Adoption& adoption : adoptions) adopt(std::move(adoption));
  for (const Delivery& delivery : deliveries) deliver(delivery);
}

void Reactor::adopt(Adoption adoption) {
  const int fd = adoption.socket->fd();
  const int flags = ::fcntl(fd, F_GETFL, 0);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) return;  // closes it
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // fails harmlessly off TCP
  if (m_options.sendBufferBytes > 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &m_options.sendBufferBytes,
                 sizeof m_options.sendBufferBytes);
  }

  auto connection = std::make_unique<Connection>(m_options.maxMessageBytes);
  connection->id = m_nextId++;
  connection->fd = fd;
  connection->socket = std::move(adoption.socket);
  connection->who = adoption.who;
  connection->lastHeard = connection->lastPing = Clock::now();

  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = connection->id;
  if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) return;

  Connection& added = *connection;
  m_connections.emplace(added.id, std::move(connection));
  m_counters->clients.fetch_add(1, std::memory_order_relaxed);
  if (m_options.presence) m_options.presence(added.who.userId, +1);
  subscribe(added, userChannel(added.who.userId));
  subscribe(added, std::string(kBroadcastChannel));
  sendReply(added, helloText(added.who, m_options.heartbeat));
}

void Reactor::deliver(const Delivery& delivery) {
  const auto found = m_channels.find(delivery.channel);
  if (found == m_channels.end()) return;
  // enqueue never removes from the index (reap does), so iterating here is safe.
  for (Connection* connection : found->second) enqueue(*connection, delivery.frame);
}

void Reactor::onReadable(Connection& c) {
  std::array<char, kReadChunk> buffer;
  for (int round = 0; round < kReadsPerWake && !c.dead; ++round) {
    const ssize_t n = ::recv(c.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n == 0) {
      kill(c);  // the peer closed its side
      return;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) kill(c);
      return;
    }
    c.lastHeard = Clock::now();
    if (c.parserFailed) continue;  // closing after a bad frame: input is only drained
    c.parser.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    for (;;) {
      auto next = c.parser.next();
      if (!next) {
        c.parserFailed = true;
        beginClose(c, next.error().closeCode, next.error().reason);
        break;
      }
      if (!*next) break;
      Message& message = **next;
      switch (message.opcode) {
        case Opcode::Text:
          if (!c.closing) handleText(c, message.payload);
          break;
        case Opcode::Binary:
          beginClose(c, kCloseUnsupportedData, "binary messages are not spoken here");
          break;
        case Opcode::Ping:
          if (!c.closing) {
            enqueue(c, std::make_shared<const std::string>(
                           buildFrame(Opcode::Pong, message.payload)));
          }
          break;
        case Opcode::Pong:
          break;  // lastHeard is all a pong is for
        case Opcode::Close: {
          c.peerClosed = true;
          if (c.closing) {
            kill(c);  // the answer to our close: done
            return;
          }
          const auto code = parseClosePayload(message.payload);
          if (!code) {
            c.parserFailed = true;
            beginClose(c, code.error().closeCode, code.error().reason);
          } else {
            beginClose(c, code->value_or(kCloseNormal), {});
          }
          break;
        }
        case Opcode::Continuation:
          break;  // never returned by the parser
      }
      if (c.dead || c.parserFailed) break;
    }
  }
}

void Reactor::handleText(Connection& c, const std::string& text) {
  auto request = parseClientRequest(text);
  if (!request) {
    sendReply(c, errorText(request.error().message));
    return;
  }
  switch (request->kind) {
    case ClientRequest::Kind::Ping:
      sendReply(c, eventText("pong", "{}"));
      return;
    case ClientRequest::Kind::Subscribe:
      if (auto allowed = checkSubscribe(c.who, request->channel, m_options.channels); !allowed) {
        sendReply(c, errorText(allowed.error().message));
        return;
      }
      subscribe(c, request->channel);
      sendReply(c, channelText("subscribed", request->channel));
      return;
    case ClientRequest::Kind::Unsubscribe:
      if (auto allowed = checkUnsubscribe(c.who, request->channel); !allowed) {
        sendReply(c, errorText(allowed.error().message));
        return;
      }
      unsubscribe(c, request->channel);
      sendReply(c, channelText("unsubscribed", request->channel));
      return;
  }
}

void Reactor::tick(Clock::time_point now) {
  const auto silentLimit = m_options.heartbeat * kSilentHeartbeats;
  for (auto& [id, connection] : m_connections) {
    Connection& c = *connection;
    if (c.dead) continue;
    if (c.closing) {
      if (now >= c.closeDeadline) kill(c);
      continue;
    }
    if (now - c.lastHeard >= silentLimit) {
      m_counters->droppedSilent.fetch_add(1, std::memory_order_relaxed);
      if (m_options.metrics != nullptr) {
        m_options.metrics->increment("arena_ws_dropped_total", {{"reason", "silent"}});
      }
      logDrop("silent", c.who.userId);
      beginClose(c, kCloseGoingAway, "no heartbeat");
      kill(c);  // a half-open peer would never read the close frame
      continue;
    }
    if (now - c.lastPing >= m_options.heartbeat) {
      c.lastPing = now;
      enqueue(c, m_pingFrame);
    }
  }
}

void Reactor::enqueue(Connection& c, SharedFrame frame) {
  if (c.dead || c.closing) return;
  if (c.queue.size() >= m_options.queueFrames) {
    m_counters->droppedSlow.fetch_add(1, std::memory_order_relaxed);
    if (m_options.metrics != nullptr) {
      m_options.metrics->increment("arena_ws_dropped_total", {{"reason", "slow"}});
    }
    logDrop("slow", c.who.userId);
    beginClose(c, kCloseSlowClient, "too slow: outbound queue full");
    return;
  }
  const bool wasEmpty = c.queue.empty();
  c.queue.push_back(std::move(frame));
  if (wasEmpty) flush(c);  // otherwise EPOLLOUT is already watched and flush will follow
}

void Reactor::flush(Connection& c) {
  while (!c.queue.empty() && !c.dead) {
    std::array<iovec, kMaxIov> iov{};
    std::size_t count = 0;
    for (auto it = c.queue.begin(); it != c.queue.end() && count < kMaxIov; ++it, ++count) {
      const std::size_t skip = count == 0 ? c.written : 0;
      iov[count].iov_base = const_cast<char*>((*it)->data() + skip);
      iov[count].iov_len = (*it)->size() - skip;
    }
    msghdr message{};
    message.msg_iov = iov.data();
    message.msg_iovlen = count;
    ssize_t sent = ::sendmsg(c.fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        watchWritable(c, true);
      } else {
        kill(c);  // EPIPE, ECONNRESET: the peer is gone
      }
      return;
    }
    auto left = static_cast<std::size_t>(sent);
    while (left > 0) {
      const std::size_t rest = c.queue.front()->size() - c.written;
      if (left < rest) {
        c.written += left;
        break;
      }
      left -= rest;
      c.queue.pop_front();
      c.written = 0;
    }
  }
  if (c.dead) return;
  watchWritable(c, false);
  // Our close frame went out: done if the peer already said goodbye or cannot be understood any
  // more (a protocol failure); else wait for its answer (tick enforces the deadline).
  if (c.closing && (c.peerClosed || c.parserFailed)) kill(c);
}

void Reactor::beginClose(Connection& c, std::uint16_t code, const std::string& reason) {
  if (c.closing || c.dead) return;
  c.closing = true;
  c.closeDeadline = Clock::now() + m_options.closeGrace;
  // Frames not yet started are dropped; a frame partly sent must be finished or the framing
  // (and so the close frame after it) would be garbage to the client.
  if (c.written > 0) {
    c.queue.erase(c.queue.begin() + 1, c.queue.end());
  } else {
    c.queue.clear();
  }
  c.queue.push_back(std::make_shared<const std::string>(buildCloseFrame(code, reason)));
  flush(c);
}

void Reactor::watchWritable(Connection& c, bool on) {
  if (c.writeWatched == on) return;
  epoll_event event{};
  event.events = EPOLLIN | (on ? EPOLLOUT : 0u);
  event.data.u64 = c.id;
  if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event) != 0) {
    kill(c);
    return;
  }
  c.writeWatched = on;
}

void Reactor::subscribe(Connection& c, const std::string& channel) {
  if (std::find(c.channels.begin(), c.channels.end(), channel) != c.channels.end()) return;
  c.channels.push_back(channel);
  m_channels[channel].insert(&c);
}

void Reactor::unsubscribe(Connection& c, const std::string& channel) {
  const auto at = std::find(c.channels.begin(), c.channels.end(), channel);
  if (at == c.channels.end()) return;
  c.channels.erase(at);
  const auto found = m_channels.find(channel);
  if (found == m_channels.end()) return;
  found->second.erase(&c);
  if (found->second.empty()) m_channels.erase(found);
}

void Reactor::kill(Connection& c) {
  if (c.dead) return;
  c.dead = true;
  m_dead.push_back(&c);
}

void Reactor::reap() {
  for (Connection* c : m_dead) {
    while (!c->channels.empty()) unsubscribe(*c, c->channels.back());
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd, nullptr);
    m_counters->clients.fetch_sub(1, std::memory_order_relaxed);
    if (m_options.presence) m_options.presence(c->who.userId, -1);
    m_connections.erase(c->id);  // closes the socket
  }
  m_dead.clear();
}

void Reactor::sendReply(Connection& c, const std::string& text) {
  enqueue(c, std::make_shared<const std::string>(buildFrame(Opcode::Text, text)));
}

}  // namespace arena::server::live
