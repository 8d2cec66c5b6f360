// The event feeds' streamer over socket pairs and an in-memory log (no database, no HTTP): a
// reader gets events as they are appended on one connection, keep-alive newlines in quiet times,
// the server's close after a finalized log's end; a reader that never reads is closed after the
// stall timeout without holding up another; the slots are bounded and given back; stop() closes
// every feed at once; a reader that hangs up is dropped.

#include "features/ccs_api/ccs_feed_streamer.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace arena::server::ccs_api {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A log the test appends to; the streamer reads it through FeedSource.
class FakeLog {
 public:
  void append(std::string type, std::string data) {
    std::lock_guard lock(m_mutex);
    CcsEvent event;
    event.id = static_cast<std::int64_t>(m_events.size()) + 1;
    event.type = std::move(type);
    event.data = std::move(data);
    m_events.push_back(std::move(event));
  }
  void finalize() {
    std::lock_guard lock(m_mutex);
    m_finalized = true;
  }
  FeedSource source() {
    return {[this](std::int64_t, const std::string&) -> Result<bool> {
              std::lock_guard lock(m_mutex);
              ++m_refreshes;
              return m_finalized;
            },
            [this](std::int64_t, const std::string&, std::int64_t after,
                   std::size_t limit) -> Result<std::vector<CcsEvent>> {
              std::lock_guard lock(m_mutex);
              std::vector<CcsEvent> out;
              for (const auto& event : m_events) {
                if (event.id > after && out.size() < limit) out.push_back(event);
              }
              return out;
            }};
  }

 private:
  std::mutex m_mutex;
  std::vector<CcsEvent> m_events;
  bool m_finalized = false;
  int m_refreshes = 0;
};

class FdSocket final : public http::UpgradedSocket {
 public:
  explicit FdSocket(int fd) : m_fd(fd) {}
  ~FdSocket() override { ::close(m_fd); }
  int fd() const override { return m_fd; }

 private:
  int m_fd;
};

// The reading end of a feed.
class Reader {
 public:
  explicit Reader(int fd) : m_fd(fd) {}
  ~Reader() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  int fd() const { return m_fd; }
  void hangUp() {
    ::close(m_fd);
    m_fd = -1;
  }

  // Reads until `text` has arrived in total (true), the peer closed or the timeout passed.
  bool waitFor(const std::string& text, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    while (m_received.find(text) == std::string::npos) {
      if (!readSome(deadline)) return false;
    }
    return true;
  }
  // Reads until the peer closes; false at the timeout.
  bool waitClosed(std::chrono::milliseconds timeout = 5s) {
    const auto deadline = Clock::now() + timeout;
    while (!m_closed) {
      if (!readSome(deadline) && !m_closed) return false;
    }
    return true;
  }
  const std::string& received() const { return m_received; }
  bool closed() const { return m_closed; }

 private:
  bool readSome(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || m_closed) return false;
    pollfd watched{m_fd, POLLIN, 0};
    if (::poll(&watched, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[65536];
    const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      m_closed = true;
      return false;
    }
    m_received.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int m_fd;
  std::string m_received;
  bool m_closed = false;
};

FeedStreamerOptions quick() {
  FeedStreamerOptions options;
  options.keepAlive = 10s;  // out of the way unless a test wants it
  options.pollInterval = 20ms;
  options.stallTimeout = 10s;
  options.maxFeeds = 8;
  return options;
}

// Opens one feed; the reader end is returned.
std::unique_ptr<Reader> open(FeedStreamer& streamer, std::int64_t after = 0) {
  int fds[2];
  EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  auto slot = streamer.reserve();
  EXPECT_TRUE(slot);
  streamer.adopt(std::move(slot), FeedStart{1, "jury", after}, std::make_unique<FdSocket>(fds[0]));
  return std::make_unique<Reader>(fds[1]);
}

std::string line(std::int64_t token, const std::string& type, const std::string& data) {
  CcsEvent event;
  event.id = token;
  event.type = type;
  event.data = data;
  return event.line() + "\n";
}

TEST(FeedStreamerTest, OneConnectionReceivesEventsAsTheyAreAppended) {
  FakeLog log;
  log.append("contest", R"({"id":"1"})");
  FeedStreamer streamer(log.source(), quick());
  auto reader = open(streamer);
  ASSERT_TRUE(reader->waitFor(line(1, "contest", R"({"id":"1"})")));
  for (int round = 2; round <= 4; ++round) {
    const std::string data = R"({"id":")" + std::to_string(round) + R"("})";
    log.append("judgements", data);
    ASSERT_TRUE(reader->waitFor(line(round, "judgements", data))) << reader->received();
  }
  EXPECT_FALSE(reader->closed());
  // Exactly the four events, in order, each once.
  EXPECT_EQ(reader->received(),
            line(1, "contest", R"({"id":"1"})") + line(2, "judgements", R"({"id":"2"})") +
                line(3, "judgements", R"({"id":"3"})") + line(4, "judgements", R"({"id":"4"})"));
}

TEST(FeedStreamerTest, AFeedResumesAfterItsToken) {
  FakeLog log;
  for (int i = 0; i < 5; ++i) log.append("teams", R"({"id":")" + std::to_string(i) + R"("})");
  FeedStreamer streamer(log.source(), quick());
  auto reader = open(streamer, /*after=*/3);
  ASSERT_TRUE(reader->waitFor(line(5, "teams", R"({"id":"4"})")));
  EXPECT_EQ(reader->received(),
            line(4, "teams", R"({"id":"3"})") + line(5, "teams", R"({"id":"4"})"));
}

TEST(FeedStreamerTest, AQuietFeedGetsKeepAliveNewlines) {
  FakeLog log;
  log.append("contest", "{}");
  auto options = quick();
  options.keepAlive = 150ms;
  FeedStreamer streamer(log.source(), options);
  auto reader = open(streamer);
  const std::string first = line(1, "contest", "{}");
  ASSERT_TRUE(reader->waitFor(first));
  const auto quietSince = Clock::now();
  ASSERT_TRUE(reader->waitFor(first + "\n"));
  EXPECT_GE(Clock::now() - quietSince, 100ms) << "not before the keep-alive interval";
  ASSERT_TRUE(reader->waitFor(first + "\n\n")) << "and again after another quiet interval";
  log.append("state", "{}");
  ASSERT_TRUE(reader->waitFor(line(2, "state", "{}")));
}

TEST(FeedStreamerTest, AFinalizedLogIsWrittenToItsEndAndThenClosed) {
  FakeLog log;
  log.append("contest", "{}");
  FeedStreamer streamer(log.source(), quick());
  auto reader = open(streamer);
  ASSERT_TRUE(reader->waitFor(line(1, "contest", "{}")));
  log.append("state", R"({"end_of_updates":"x"})");
  log.finalize();
  ASSERT_TRUE(reader->waitClosed());
  EXPECT_EQ(reader->received(),
            line(1, "contest", "{}") + line(2, "state", R"({"end_of_updates":"x"})"));
  // Joining a finished feed: everything at once, then the close.
  auto late = open(streamer, 1);
  ASSERT_TRUE(late->waitClosed());
  EXPECT_EQ(late->received(), line(2, "state", R"({"end_of_updates":"x"})"));
  for (auto deadline = Clock::now() + 2s;
       streamer.reservedSlots() > 0 && Clock::now() < deadline;) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(streamer.reservedSlots(), 0u) << "closed feeds give their slots back";
}

TEST(FeedStreamerTest, AReaderThatNeverReadsIsClosedWithoutHoldingUpAnother) {
  FakeLog log;
  auto options = quick();
  options.stallTimeout = 300ms;
  options.maxPendingBytes = 64 * 1024;
  FeedStreamer streamer(log.source(), options);
  // The stalled reader's socket buffers are made small so that they fill.
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  const int small = 4096;
  ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  ::setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  streamer.adopt(streamer.reserve(), FeedStart{1, "jury", 0}, std::make_unique<FdSocket>(fds[0]));
  Reader stalled(fds[1]);
  auto healthy = open(streamer);

  const std::string big(2000, 'x');
  for (int i = 0; i < 400; ++i) log.append("runs", "\"" + big + "\"");  // ~800 kB
  ASSERT_TRUE(healthy->waitFor(line(400, "runs", "\"" + big + "\""), 10s))
      << "the healthy reader gets everything while the other one does not read";
  for (auto deadline = Clock::now() + 5s; streamer.openFeeds() > 1 && Clock::now() < deadline;) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(streamer.openFeeds(), 1u) << "the stalled feed was closed";
  // What the stalled reader finds is a prefix of the feed, then the end of the stream.
  ASSERT_TRUE(stalled.waitClosed(10s));
  EXPECT_LT(stalled.received().size(), healthy->received().size());
  EXPECT_EQ(healthy->received().compare(0, stalled.received().size(), stalled.received()), 0);
  log.append("state", "{}");
  EXPECT_TRUE(healthy->waitFor(line(401, "state", "{}")));
}

TEST(FeedStreamerTest, SlotsAreBoundedAndGivenBackWhenAResponseIsDropped) {
  FakeLog log;
  auto options = quick();
  options.maxFeeds = 2;
  FeedStreamer streamer(log.source(), options);
  auto first = streamer.reserve();
  auto second = streamer.reserve();
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(streamer.reserve()) << "a third feed has no place";
  second.reset();  // its response never reached the handoff (HEAD, client gone)
  auto third = streamer.reserve();
  EXPECT_TRUE(third);
  EXPECT_EQ(streamer.reservedSlots(), 2u);
}

TEST(FeedStreamerTest, AReaderThatHangsUpIsDropped) {
  FakeLog log;
  log.append("contest", "{}");
  FeedStreamer streamer(log.source(), quick());
  auto reader = open(streamer);
  ASSERT_TRUE(reader->waitFor(line(1, "contest", "{}")));
  EXPECT_EQ(streamer.openFeeds(), 1u);
  reader->hangUp();
  for (auto deadline = Clock::now() + 5s;
       streamer.reservedSlots() > 0 && Clock::now() < deadline;) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(streamer.openFeeds(), 0u);
  EXPECT_EQ(streamer.reservedSlots(), 0u);
}

TEST(FeedStreamerTest, StopClosesEveryFeedAtOnceAndRefusesNewOnes) {
  FakeLog log;
  log.append("contest", "{}");
  auto options = quick();
  options.pollInterval = 60s;  // stop must not wait for a read or a keep-alive
  options.keepAlive = 60s;
  FeedStreamer streamer(log.source(), options);
  std::vector<std::unique_ptr<Reader>> readers;
  for (int i = 0; i < 5; ++i) readers.push_back(open(streamer));
  for (auto& reader : readers) ASSERT_TRUE(reader->waitFor(line(1, "contest", "{}")));
  const auto started = Clock::now();
  streamer.stop();
  EXPECT_LT(Clock::now() - started, 1s);
  for (auto& reader : readers) EXPECT_TRUE(reader->waitClosed(1s));
  EXPECT_FALSE(streamer.reserve());
  EXPECT_EQ(streamer.reservedSlots(), 0u);
}

}  // namespace
}  // namespace arena::server::ccs_api
