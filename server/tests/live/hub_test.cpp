// The hub with real reactor threads over socketpairs: the test holds one end of each pair and
// speaks WebSocket frames on it; the hub adopts the other end as an upgraded socket.
#include "live/hub.hpp"

#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live/ws_frame.hpp"

namespace arena::server::live {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class OwnedSocket final : public http::UpgradedSocket {
 public:
  explicit OwnedSocket(int fd) : m_fd(fd) {}
  ~OwnedSocket() override { ::close(m_fd); }
  int fd() const override { return m_fd; }

 private:
  int m_fd;
};

struct ServerFrame {
  std::uint8_t opcode = 0;
  std::string payload;
};

// The test's end of a connection: masked frames out, server frames in.
class Peer {
 public:
  Peer(Hub& hub, const http::Principal& who, int receiveBuffer = 0) {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    m_fd = fds[0];
    if (receiveBuffer > 0) {
      ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    }
    hub.adopt(std::make_unique<OwnedSocket>(fds[1]), who);
  }
  ~Peer() {
    if (m_fd >= 0) ::close(m_fd);
  }

  void sendRaw(const std::string& bytes) {
    ASSERT_EQ(::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }
  void sendFrame(std::uint8_t firstByte, const std::string& payload) {
    ASSERT_LT(payload.size(), 126u);
    std::string frame = {static_cast<char>(firstByte), static_cast<char>(0x80 | payload.size())};
    const char key[4] = {1, 2, 3, 4};
    frame.append(key, 4);
    for (std::size_t i = 0; i < payload.size(); ++i) {
      frame.push_back(static_cast<char>(payload[i] ^ key[i & 3]));
    }
    sendRaw(frame);
  }
  void sendJson(const nlohmann::json& message) { sendFrame(0x81, message.dump()); }

  // The next frame, or nullopt on timeout or end of stream (then ended() is true).
  std::optional<ServerFrame> frame(std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      if (m_buffer.size() >= 2) {
        const auto* d = reinterpret_cast<const unsigned char*>(m_buffer.data());
        std::size_t header = 2;
        std::uint64_t length = d[1] & 0x7F;
        if (length == 126) {
          header = 4;
          length = m_buffer.size() >= 4 ? ((std::uint64_t{d[2]} << 8) | d[3]) : ~0ull >> 1;
        }
        if (m_buffer.size() >= header + length) {
          ServerFrame out{static_cast<std::uint8_t>(d[0] & 0x0F), m_buffer.substr(header, length)};
          m_buffer.erase(0, header + length);
          return out;
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      pollfd p{m_fd, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        m_ended = true;
        return std::nullopt;
      }
      m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // The next text message (pings skipped), parsed.
  std::optional<nlohmann::json> event(std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    while (auto f = frame(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))) {
      if (f->opcode == 0x1) return nlohmann::json::parse(f->payload);
      if (f->opcode == 0x8) {
        // Answer like a well-behaved client, so the server need not wait for its deadline.
        ::send(m_fd, "\x88\x80\0\0\0\0", 6, MSG_NOSIGNAL);
        m_closeCode = f->payload.size() >= 2
                          ? (static_cast<unsigned char>(f->payload[0]) << 8) |
                                static_cast<unsigned char>(f->payload[1])
                          : 0;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
  // Reads until the server's close frame (its code) or the end of the stream (-1 without one).
  int closeCode(std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    while (m_closeCode < 0 && !m_ended && Clock::now() < deadline) {
      event(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    }
    return m_closeCode;
  }
  bool ended(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!m_ended && Clock::now() < deadline) {
      frame(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    }
    return m_ended;
  }
  void subscribe(const std::string& channel, const std::string& expected) {
    sendJson({{"type", "subscribe"}, {"data", {{"channel", channel}}}});
    auto reply = event();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->at("type"), expected) << reply->dump();
  }
  int fd() const { return m_fd; }

 private:
  int m_fd = -1;
  std::string m_buffer;
  bool m_ended = false;
  int m_closeCode = -1;
};

const http::Principal kAlice{1, "alice", model::Role::Contestant};
const http::Principal kBob{2, "bob", model::Role::Contestant};
const http::Principal kProctor{3, "pat", model::Role::Proctor};

std::unique_ptr<Hub> startHub(HubOptions options = {}) {
  auto hub = Hub::start(options);
  EXPECT_TRUE(hub) << hub.error().message;
  return std::move(*hub);
}

// Waits for the hello, so the hub has registered the connection before the test publishes.
void expectHello(Peer& peer, const http::Principal& who) {
  auto hello = peer.event();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->at("type"), "hello");
  EXPECT_EQ(hello->at("data").at("user_id"), who.userId);
}

template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(HubTest, AUsersEventsReachOnlyThatUsersConnections) {
  auto hub = startHub();
  Peer alice(*hub, kAlice), aliceAgain(*hub, kAlice), bob(*hub, kBob);
  expectHello(alice, kAlice);
  expectHello(aliceAgain, kAlice);
  expectHello(bob, kBob);
  EXPECT_EQ(hub->clients(), 3u);

  hub->publish({"user:1", "submission.verdict", R"({"id":5,"verdict":"AC"})"});
  for (Peer* peer : {&alice, &aliceAgain}) {
    auto event = peer->event();
    ASSERT_TRUE(event);
    EXPECT_EQ(*event, nlohmann::json::parse(
                          R"({"type":"submission.verdict","data":{"id":5,"verdict":"AC"}})"));
  }
  EXPECT_FALSE(bob.event(200ms)) << "bob heard alice's verdict";
}

TEST(HubTest, SubmissionsAreForProctorsAndBroadcastForEveryone) {
  auto hub = startHub();
  Peer alice(*hub, kAlice), proctor(*hub, kProctor);
  expectHello(alice, kAlice);
  expectHello(proctor, kProctor);
  alice.subscribe("submissions", "error");
  proctor.subscribe("submissions", "subscribed");
  alice.subscribe("user:2", "error");

  hub->publish({"submissions", "submission.progress", R"({"id":8})"});
  auto seen = proctor.event();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->at("type"), "submission.progress");
  EXPECT_FALSE(alice.event(200ms));

  hub->publish({"broadcast", "announcement", R"({"text":"hi"})"});
  for (Peer* peer : {&alice, &proctor}) {
    auto event = peer->event();
    ASSERT_TRUE(event);
    EXPECT_EQ(event->at("type"), "announcement");
  }
}

TEST(HubTest, LeaderboardIsOptInAndCanBeLeftButTheOwnChannelCannot) {
  auto hub = startHub();
  Peer alice(*hub, kAlice);
  expectHello(alice, kAlice);
  hub->publish({"leaderboard", "leaderboard.changed", "{}"});
  EXPECT_FALSE(alice.event(200ms));

  alice.subscribe("leaderboard", "subscribed");
  hub->publish({"leaderboard", "leaderboard.changed", "{}"});
  auto changed = alice.event();
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->at("type"), "leaderboard.changed");

  alice.sendJson({{"type", "unsubscribe"}, {"data", {{"channel", "leaderboard"}}}});
  auto left = alice.event();
  ASSERT_TRUE(left);
  EXPECT_EQ(left->at("type"), "unsubscribed");
  hub->publish({"leaderboard", "leaderboard.changed", "{}"});
  EXPECT_FALSE(alice.event(200ms));

  alice.sendJson({{"type", "unsubscribe"}, {"data", {{"channel", "user:1"}}}});
  auto refused = alice.event();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->at("type"), "error");
}

TEST(HubTest, PingsAreAnsweredInJsonAndInWebSocketFrames) {
  auto hub = startHub();
  Peer alice(*hub, kAlice);
  expectHello(alice, kAlice);
  alice.sendJson({{"type", "ping"}});
  auto pong = alice.event();
  ASSERT_TRUE(pong);
  EXPECT_EQ(*pong, nlohmann::json::parse(R"({"type":"pong","data":{}})"));

  alice.sendFrame(0x89, "knock");
  auto frame = alice.frame();
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->opcode, 0xA);
  EXPECT_EQ(frame->payload, "knock");

  alice.sendRaw(std::string("\x81\x85\x00\x00\x00\x00", 6) + "nope!");  // not JSON
  auto error = alice.event();
  ASSERT_TRUE(error);
  EXPECT_EQ(error->at("type"), "error");
}

TEST(HubTest, HostileFramesCloseTheConnectionWithTheirCode) {
  auto hub = startHub({.maxMessageBytes = 1024});
  struct Case {
    std::string wire;
    int code;
  };
  const std::vector<Case> cases = {
      {std::string("\x81\x02hi", 4), kCloseProtocolError},                         // unmasked
      {std::string("\x82\x80\x00\x00\x00\x00", 6), kCloseUnsupportedData},         // binary
      {std::string("\x81\xFE\x10\x00", 4), kCloseTooBig},                          // 4096 > 1024
      {std::string("\x09\x80\x00\x00\x00\x00", 6), kCloseProtocolError},           // fragmented ping
      {std::string("\x81\x82\x00\x00\x00\x00\xC3\x28", 8), kCloseInvalidPayload},  // bad UTF-8
  };
  for (const Case& c : cases) {
    Peer peer(*hub, kAlice);
    expectHello(peer, kAlice);
    peer.sendRaw(c.wire);
    EXPECT_EQ(peer.closeCode(), c.code);
    EXPECT_TRUE(peer.ended(3s)) << "the connection must close after a hostile frame";
  }
  EXPECT_TRUE(eventually([&] { return hub->clients() == 0; }));
}

TEST(HubTest, AClientCloseIsEchoedAndTheConnectionEnds) {
  auto hub = startHub();
  Peer alice(*hub, kAlice);
  expectHello(alice, kAlice);
  alice.sendFrame(0x88, std::string("\x03\xE8", 2));
  EXPECT_EQ(alice.closeCode(), 1000);
  EXPECT_TRUE(alice.ended(3s));
  EXPECT_TRUE(eventually([&] { return hub->clients() == 0; }));
}

TEST(HubTest, AClientThatStopsReadingIsDroppedWith4008AndTheOthersKeepReceiving) {
  auto hub = startHub({.queueFrames = 64, .closeGrace = 30s});
  Peer stalled(*hub, kProctor);
  Peer reader(*hub, kProctor);
  expectHello(stalled, kProctor);
  expectHello(reader, kProctor);
  stalled.subscribe("submissions", "subscribed");
  reader.subscribe("submissions", "subscribed");

  // The reader drains on its own thread while the stalled peer never reads. Events go out in
  // batches the reader keeps up with, so only the stalled peer can overflow.
  constexpr int kEvents = 4000;
  constexpr int kBatch = 32;
  std::mutex mutex;
  std::condition_variable progressed;
  int received = 0;
  std::thread drain([&] {
    for (;;) {
      auto event = reader.event(10s);
      if (!event) return;
      std::lock_guard lock(mutex);
      if (event->at("type") == "submission.test") ++received;
      progressed.notify_all();
      if (received == kEvents) return;
    }
  });
  const std::string data = R"({"id":1,"padding":")" + std::string(200, 'p') + "\"}";
  for (int sent = 0; sent < kEvents;) {
    for (int i = 0; i < kBatch; ++i, ++sent) hub->publish({"submissions", "submission.test", data});
    std::unique_lock lock(mutex);
    if (!progressed.wait_for(lock, 10s, [&] { return received == sent; })) break;
  }
  drain.join();
  EXPECT_EQ(received, kEvents) << "the reader missed events because of the stalled client";
  EXPECT_EQ(hub->droppedSlow(), 1u);
  // What the stalled peer finds when it reads at last: some events, then close 4008, then EOF.
  EXPECT_EQ(stalled.closeCode(10s), kCloseSlowClient);
  EXPECT_TRUE(stalled.ended(5s));
  EXPECT_TRUE(eventually([&] { return hub->clients() == 1; }));
}

TEST(HubTest, HeartbeatPingsAndClosesAPeerThatStaysSilent) {
  auto hub = startHub({.heartbeat = 50ms});
  Peer silent(*hub, kAlice), answering(*hub, kBob);
  expectHello(silent, kAlice);
  expectHello(answering, kBob);
  // The answering peer replies to every ping; the silent one never sends anything.
  const auto until = Clock::now() + 400ms;
  int pings = 0;
  while (Clock::now() < until) {
    if (auto f = answering.frame(20ms); f && f->opcode == 0x9) {
      ++pings;
      answering.sendFrame(0x8A, f->payload);
    }
  }
  EXPECT_GE(pings, 3);
  EXPECT_TRUE(silent.ended(2s)) << "three silent heartbeats must close the connection";
  EXPECT_TRUE(eventually([&] { return hub->clients() == 1; }));
}

int threadCount() {
  int count = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (dirent* entry = ::readdir(dir)) count += entry->d_name[0] != '.';
    ::closedir(dir);
  }
  return count;
}

TEST(HubTest, ThreadsDoNotGrowWithClientsAndStopSaysGoingAway) {
  auto hub = startHub({.reactors = 2});
  const int before = threadCount();
  std::vector<std::unique_ptr<Peer>> peers;
  for (int i = 0; i < 200; ++i) peers.push_back(std::make_unique<Peer>(*hub, kAlice));
  for (auto& peer : peers) expectHello(*peer, kAlice);
  EXPECT_EQ(threadCount(), before);
  hub->publish({"user:1", "x", "{}"});
  for (auto& peer : peers) ASSERT_TRUE(peer->event());

  hub->stop();
  EXPECT_EQ(peers.front()->closeCode(), kCloseGoingAway);
  EXPECT_TRUE(peers.back()->ended(3s));
  EXPECT_EQ(hub->clients(), 0u);
}

}  // namespace
}  // namespace arena::server::live
