#include "app/lan_beacon.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace arena::server::app {

LanBeacon::LanBeacon(LanBeaconOptions options) : m_options(std::move(options)) {}

LanBeacon::~LanBeacon() { stop(); }

std::string LanBeacon::datagram() const {
  const nlohmann::json body = {{"service", "codearena"},
                               {"name", m_options.serverName},
                               {"http_port", m_options.httpPort},
                               {"version", 1}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<void> LanBeacon::start() {
  std::lock_guard lock(m_mutex);
  if (m_running) return fail(ErrorCode::InvalidArgument, "beacon already started");
  in_addr address{};
  if (::inet_pton(AF_INET, m_options.destination.c_str(), &address) != 1) {
    return fail(ErrorCode::InvalidArgument,
                "beacon destination is not an IPv4 address: " + m_options.destination);
  }
  m_socket = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (m_socket < 0) {
    return fail(ErrorCode::Internal, std::string("beacon socket: ") + std::strerror(errno));
  }
  const int on = 1;
  // Without SO_BROADCAST the kernel refuses sends to a broadcast address (EACCES).
  ::setsockopt(m_socket, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
  m_stopping = false;
  m_running = true;
  m_thread = std::thread([this] { loop(); });
  return {};
}

void LanBeacon::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_running) return;
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard lock(m_mutex);
  ::close(m_socket);
  m_socket = -1;
  m_running = false;
}

bool LanBeacon::running() const {
  std::lock_guard lock(m_mutex);
  return m_running;
}

std::uint64_t LanBeacon::sent() const {
  std::lock_guard lock(m_mutex);
  return m_sent;
}

void LanBeacon::loop() {
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(m_options.beaconPort);
  ::inet_pton(AF_INET, m_options.destination.c_str(), &target.sin_addr);
  const std::string payload = datagram();

  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    const int fd = m_socket;
    lock.unlock();
    const ssize_t wrote = ::sendto(fd, payload.data(), payload.size(), MSG_NOSIGNAL,
                                   reinterpret_cast<const sockaddr*>(&target), sizeof target);
    lock.lock();
    if (wrote == static_cast<ssize_t>(payload.size())) ++m_sent;
    m_wake.wait_for(lock, m_options.interval, [this] { return m_stopping; });
  }
}

}  // namespace arena::server::app
