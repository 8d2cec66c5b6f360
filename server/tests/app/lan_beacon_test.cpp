#include "app/lan_beacon.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace arena::server::app {
namespace {

// A UDP socket on a free loopback port, standing in for a desktop client.
class Listener {
 public:
  Listener() {
    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
  }
  ~Listener() { ::close(m_fd); }
  std::uint16_t port() const { return m_port; }

  // One datagram, or empty when none arrives within the timeout.
  std::string receive(std::chrono::milliseconds timeout) {
    pollfd poller{m_fd, POLLIN, 0};
    if (::poll(&poller, 1, static_cast<int>(timeout.count())) <= 0) return {};
    char buffer[2048];
    const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
  }

 private:
  int m_fd = -1;
  std::uint16_t m_port = 0;
};

LanBeaconOptions loopbackOptions(std::uint16_t beaconPort) {
  LanBeaconOptions options;
  options.httpPort = 8123;
  options.serverName = "Lab 3";
  options.beaconPort = beaconPort;
  options.destination = "127.0.0.1";
  options.interval = std::chrono::milliseconds(50);
  return options;
}

TEST(LanBeaconTest, AnnouncesServiceNameAndHttpPort) {
  Listener listener;
  LanBeacon beacon(loopbackOptions(listener.port()));
  ASSERT_TRUE(beacon.start());
  const std::string datagram = listener.receive(std::chrono::seconds(5));
  ASSERT_FALSE(datagram.empty());
  const auto json = nlohmann::json::parse(datagram);
  EXPECT_EQ(json.at("service"), "codearena");
  EXPECT_EQ(json.at("name"), "Lab 3");
  EXPECT_EQ(json.at("http_port"), 8123);
  EXPECT_EQ(json.at("version"), 1);
}

TEST(LanBeaconTest, RepeatsUntilStoppedAndThenFallsSilent) {
  Listener listener;
  LanBeacon beacon(loopbackOptions(listener.port()));
  ASSERT_TRUE(beacon.start());
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(listener.receive(std::chrono::seconds(5)).empty());
  beacon.stop();
  EXPECT_FALSE(beacon.running());
  while (!listener.receive(std::chrono::milliseconds(20)).empty()) {
  }  // drain what was in flight
  EXPECT_TRUE(listener.receive(std::chrono::milliseconds(300)).empty());
}

TEST(LanBeaconTest, StopWakesTheThreadWithoutWaitingForTheInterval) {
  Listener listener;
  auto options = loopbackOptions(listener.port());
  options.interval = std::chrono::hours(1);
  LanBeacon beacon(options);
  ASSERT_TRUE(beacon.start());
  ASSERT_FALSE(listener.receive(std::chrono::seconds(5)).empty());
  const auto before = std::chrono::steady_clock::now();
  beacon.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(2));
}

TEST(LanBeaconTest, NameWithQuotesAndBadUtf8StaysValidJson) {
  LanBeaconOptions options;
  options.serverName = "Lab \"A\"\n\xff";
  LanBeacon beacon(options);
  const auto json = nlohmann::json::parse(beacon.datagram());
  EXPECT_EQ(json.at("service"), "codearena");
}

TEST(LanBeaconTest, RefusesADestinationThatIsNotIpv4) {
  auto options = loopbackOptions(47800);
  options.destination = "lab-server.local";
  LanBeacon beacon(options);
  EXPECT_FALSE(beacon.start());
  EXPECT_FALSE(beacon.running());
}

TEST(LanBeaconTest, StartingTwiceIsRefusedAndStopIsIdempotent) {
  Listener listener;
  LanBeacon beacon(loopbackOptions(listener.port()));
  ASSERT_TRUE(beacon.start());
  EXPECT_FALSE(beacon.start());
  beacon.stop();
  beacon.stop();
  LanBeacon never(loopbackOptions(listener.port()));
  never.stop();
  EXPECT_FALSE(never.running());
}

}  // namespace
}  // namespace arena::server::app
