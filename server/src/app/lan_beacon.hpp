#pragma once
// The lab server's announcement on the LAN, so a desktop client can find it without typing an
// address.
//
// Theory of operation: a thread sends one small UDP datagram every `interval` (2 s by default)
// to the broadcast address on port 47800:
//
//   {"service":"codearena","name":"<server name>","http_port":8080,"version":1}
//
// A client listening on that port takes the datagram's sender address and `http_port` as the
// server's URL. The datagram says nothing secret: anyone on the LAN may see that a contest server
// exists. Sending is best effort (a host without a broadcast route just sends nothing); stop()
// wakes the thread at once and joins it. The destination can be changed (tests use loopback).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "arena/core/error.hpp"

namespace arena::server::app {

inline constexpr std::uint16_t kDefaultBeaconPort = 47800;

struct LanBeaconOptions {
  std::uint16_t httpPort = 8080;
  std::string serverName = "CodeArena";
  std::uint16_t beaconPort = kDefaultBeaconPort;
  std::string destination = "255.255.255.255";  // IPv4 dotted quad
  std::chrono::milliseconds interval{2000};
};

class LanBeacon {
 public:
  explicit LanBeacon(LanBeaconOptions options);
  ~LanBeacon();  // stops
  LanBeacon(const LanBeacon&) = delete;
  LanBeacon& operator=(const LanBeacon&) = delete;

  // Opens the socket and starts announcing; an Error when the socket cannot be made or the
  // destination is not an IPv4 address. Starting twice is an error.
  Result<void> start();
  // Stops announcing; safe to call when not started, and more than once.
  void stop();
  bool running() const;

  // The datagram this beacon sends (exposed for tests and for the client's parser tests).
  std::string datagram() const;
  // Datagrams sent so far (failed sends are not counted).
  std::uint64_t sent() const;

 private:
  void loop();

  LanBeaconOptions m_options;
  int m_socket = -1;
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  bool m_running = false;
  std::uint64_t m_sent = 0;
};

}  // namespace arena::server::app
