#pragma once
// The WebSocket hub: every live connection of this replica, served by a few reactor threads.
//
// Theory of operation
//   - After the HTTP upgrade the socket is adopted: a reactor (round robin) registers it with
//     its epoll set and sends "hello". A connection is never touched by any other thread, so
//     connection state needs no lock; other threads talk to a reactor only through its inbox
//     (a mutex-guarded vector and an eventfd to wake it).
//   - publish(event) serialises the frame once ({"type","data"} inside one unmasked text frame)
//     and hands the same shared bytes to every reactor; each reactor looks the channel up in
//     its own index and appends the pointer to each listener's outbound queue, writing at once
//     when the socket has room. So one event costs one serialisation, one inbox push per
//     reactor, and one send() per client, and publish() never waits for a client.
//   - Each client's queue holds at most queueFrames frames. A client that lets it fill (it stops
//     reading, or reads slower than events arrive) is dropped: the frames it has not started
//     receiving are discarded, a close frame 4008 is queued, and the socket is closed after the
//     close went out or closeGrace passed. Clients reconnect and refetch over REST.
//   - Heartbeat: a ping every `heartbeat`; a connection that sent nothing for 3 heartbeats
//     (half-open: the peer vanished without a FIN) is closed.
//   - Thread count is `reactors`, whatever the number of clients.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "arena/core/error.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/upgraded_socket.hpp"
#include "live/channels.hpp"
#include "live/event_bus.hpp"

namespace arena::server::live {

struct HubOptions {
  int reactors = 2;
  // Outbound frames a client may have waiting; one more and it is dropped with 4008.
  std::size_t queueFrames = 256;
  // The largest message a client may send (fragments joined); larger closes with 1009.
  std::size_t maxMessageBytes = 64 * 1024;
  // Ping interval; a connection silent for 3 intervals is closed.
  std::chrono::milliseconds heartbeat{15000};
  // How long a closing connection may take to receive our close frame and answer.
  std::chrono::milliseconds closeGrace{2000};
  // SO_SNDBUF for each client socket; 0 keeps the kernel's (auto-tuned) default. A small value
  // bounds kernel memory per client and makes a stalled client overflow its queue sooner.
  int sendBufferBytes = 0;
  // When set: arena_ws_clients (gauge) and arena_ws_dropped_total{reason} (counter).
  http::Metrics* metrics = nullptr;
  // When set: told +1 when a connection of `userId` opens and -1 when it closes (duels use it to
  // notice a player who left). Called on a reactor thread: it must only queue work.
  std::function<void(std::int64_t userId, int delta)> presence{};
  // Lookups for subscriptions that depend on data (who plays in a match).
  ChannelRules channels{};
};

class Reactor;

class Hub {
 public:
  // Unavailable when epoll or eventfd cannot be created.
  static Result<std::unique_ptr<Hub>> start(HubOptions options);
  ~Hub();  // stops
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Takes over an upgraded socket of an authenticated user. Any thread; never blocks on I/O.
  void adopt(std::unique_ptr<http::UpgradedSocket> socket, const http::Principal& who);
  // Queues the event for every connection on its channel. Any thread; never blocks on a client.
  void publish(const Event& event);
  // Sends every client a close 1001 (best effort), closes them, joins the reactors. Idempotent.
  void stop();

  // Connections open now (adopted and not yet closed).
  std::size_t clients() const;
  // Clients dropped because their outbound queue overflowed, since start.
  std::uint64_t droppedSlow() const;
  const HubOptions& options() const { return m_options; }

  // Shared with the reactors and the metrics gauge (which may outlive the hub).
  struct Counters {
    std::atomic<std::int64_t> clients{0};
    std::atomic<std::uint64_t> droppedSlow{0};
    std::atomic<std::uint64_t> droppedSilent{0};
  };

 private:
  explicit Hub(HubOptions options);

  HubOptions m_options;
  std::shared_ptr<Counters> m_counters;
  std::vector<std::unique_ptr<Reactor>> m_reactors;
  std::atomic<std::size_t> m_next{0};
  std::atomic<bool> m_stopped{false};
};

}  // namespace arena::server::live
