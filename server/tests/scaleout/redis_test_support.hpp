#pragma once
// Shared by the scale-out tests: the test Redis (ARENA_TEST_REDIS_URL; tests skip when it is
// unset), a key prefix of their own so tests never see each other's keys, and a private
// redis-server this process starts and stops itself (for "Redis went away" cases; the shared
// one is never stopped).

#include <fcntl.h>
#include <signal.h>
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

inline int freePort() {
  std::random_device device;
  return 40000 + static_cast<int>(device() % 20000);
}

// A redis-server of this test's own, on loopback, no persistence, with a password.
class PrivateRedis {
 public:
  explicit PrivateRedis(std::string password = "private-pw") : m_password(std::move(password)) {
    m_port = freePort();
  }
  ~PrivateRedis() { stop(); }

  bool start() {
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
    return waitFor([&] { return client.ping().has_value(); }, std::chrono::seconds(10));
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
  std::string m_password;
  int m_port = 0;
  pid_t m_pid = -1;
};

}  // namespace arena::server::scaleout::testing
