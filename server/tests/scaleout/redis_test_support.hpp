#pragma once
// Shared by the scale-out tests: the test Redis (ARENA_TEST_REDIS_URL; tests skip when it is
// unset), a key prefix of their own so tests never see each other's keys, and a private
// redis-server this process starts and stops itself (for "Redis went away" cases; the shared
// one is never stopped).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout::testing {

inline std::string testRedisUrl() {
  const char* url = std::getenv("ARENA_TEST_REDIS_URL");
  return url == nullptr ? std::string() : std::string(url);
}

#define ARENA_REQUIRE_REDIS()                                                             \
  do {                                                                                    \
    if (::arena::server::scaleout::testing::testRedisUrl().empty())                       \
      GTEST_SKIP() << "ARENA_TEST_REDIS_URL is not set (tests/services/redis.sh start)"; \
  } while (0)

inline RedisUrl parsedTestUrl() {
  auto url = RedisUrl::parse(testRedisUrl());
  EXPECT_TRUE(url.has_value()) << (url ? "" : url.error().message);
  return url.value_or(RedisUrl{});
}

inline std::string uniquePrefix(const std::string& what) {
  std::random_device device;
  return "test:" + what + ":" + std::to_string(::getpid()) + ":" + std::to_string(device());
}

// Waits for `condition` (polling), up to `timeout`.
inline bool waitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

// A loopback port the kernel just handed out, so nothing is listening on it (a random number
// could land on a port in use, and redis-server would fail to bind).
inline int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  if (fd >= 0) ::close(fd);
  return port;
}

// A redis-server of this test's own, on loopback, no persistence, with a password.
class PrivateRedis {
 public:
  explicit PrivateRedis(std::string password = "private-pw") : m_password(std::move(password)) {
    m_port = freePort();
  }
  ~PrivateRedis() { stop(); }

  // Starts it; on the first start a port taken meanwhile by someone else means another port.
  // A restart keeps the port (tests check that clients find Redis again where it was).
  bool start() {
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (launch()) {
        m_started = true;
        return true;
      }
      stop();
      if (m_started) return false;
      m_port = freePort();
    }
    return false;
  }
  void stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }
  RedisUrl url() const { return RedisUrl{"127.0.0.1", m_port, m_password, 0}; }
  std::string urlText() const {
    return "redis://:" + m_password + "@127.0.0.1:" + std::to_string(m_port) + "/0";
  }

 private:
  // One redis-server on m_port; true once it answers, false when it exits or stays silent.
  bool launch() {
    m_pid = ::fork();
    if (m_pid == 0) {
      const int quiet = ::open("/dev/null", O_WRONLY);
      if (quiet >= 0) {
        ::dup2(quiet, STDOUT_FILENO);
        ::dup2(quiet, STDERR_FILENO);
      }
      const std::string port = std::to_string(m_port);
      ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--requirepass", m_password.c_str(),
               "--loglevel", "warning", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    RedisClient client(url(), {std::chrono::milliseconds(200), std::chrono::milliseconds(500)});
    bool exited = false;
    const bool up = waitFor(
        [&] {
          exited = ::waitpid(m_pid, nullptr, WNOHANG) == m_pid;  // e.g. it could not bind
          return exited || client.ping().has_value();
        },
        std::chrono::seconds(10));
    if (exited) m_pid = -1;
    return up && !exited;
  }

  std::string m_password;
  int m_port = 0;
  pid_t m_pid = -1;
  bool m_started = false;
};

}  // namespace arena::server::scaleout::testing
