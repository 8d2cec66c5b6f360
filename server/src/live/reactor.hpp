#pragma once
// One reactor thread of the hub (theory of operation in hub.hpp): an epoll loop that owns its
// connections outright. Other threads reach it only through post*(), which append to the inbox
// and wake the loop through an eventfd.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arena/core/error.hpp"
#include "live/hub.hpp"

namespace arena::server::live {

using SharedFrame = std::shared_ptr<const std::string>;

struct Connection;

class Reactor {
 public:
  Reactor(const HubOptions& options, std::shared_ptr<Hub::Counters> counters);
  ~Reactor();  // stops
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  Result<void> start();
  void postAdopt(std::unique_ptr<http::UpgradedSocket> socket, const http::Principal& who);
  void postFrame(const std::string& channel, SharedFrame frame);
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  struct Adoption {
    std::unique_ptr<http::UpgradedSocket> socket;
    http::Principal who;
  };
  struct Delivery {
    std::string channel;
    SharedFrame frame;
  };

  void run();
  void wake();
  void drainInbox();
  void adopt(Adoption adoption);
  void deliver(const Delivery& delivery);
  void onReadable(Connection& connection);
  void handleText(Connection& connection, const std::string& text);
  void tick(Clock::time_point now);

  // Appends a frame; a full queue drops the client (4008). Writes at once when it can.
  void enqueue(Connection& connection, SharedFrame frame);
  // Writes queued frames until the queue is empty or the socket is full.
  void flush(Connection& connection);
  // Replaces whatever was not started with a close frame and stops taking more.
  void beginClose(Connection& connection, std::uint16_t code, const std::string& reason);
  void watchWritable(Connection& connection, bool on);
  void subscribe(Connection& connection, const std::string& channel);
  void unsubscribe(Connection& connection, const std::string& channel);
  // Marks for destruction at the end of the loop iteration (other events may still name it).
  void kill(Connection& connection);
  void reap();
  void sendReply(Connection& connection, const std::string& text);

  const HubOptions m_options;
  std::shared_ptr<Hub::Counters> m_counters;
  int m_epoll = -1;
  int m_wakeFd = -1;
  std::thread m_thread;

  std::mutex m_inboxMutex;
  std::vector<Adoption> m_adoptions;
  std::vector<Delivery> m_deliveries;
  bool m_stopRequested = false;
  bool m_started = false;

  // Loop-thread state only.
  std::uint64_t m_nextId = 1;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> m_connections;
  std::unordered_map<std::string, std::unordered_set<Connection*>> m_channels;
  std::vector<Connection*> m_dead;
  SharedFrame m_pingFrame;
};

}  // namespace arena::server::live
