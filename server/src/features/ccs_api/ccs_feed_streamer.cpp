// Theory of operation: see ccs_feed_streamer.hpp. Everything after adopt() happens on the one
// thread in run(); the feeds' sockets are only ever touched there.
#include "features/ccs_api/ccs_feed_streamer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <map>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace arena::server::ccs_api {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

struct FeedStreamer::Feed {
  std::shared_ptr<FeedSlot> slot;  // given back when the feed ends
  FeedStart start;                 // start.afterId: the last token queued
  std::unique_ptr<http::UpgradedSocket> socket;
  std::string pending;  // queued bytes; the first `written` of them already went out
  std::size_t written = 0;
  Clock::time_point lastWrite;     // the last byte the socket took (or the headers)
  Clock::time_point lastProgress;  // ditto, or when bytes were queued on an empty buffer
  bool complete = false;  // the log is finalized and all of it is queued: close once written
  bool broken = false;    // the peer left or the socket failed: close now

  std::size_t backlog() const { return pending.size() - written; }
  void queue(std::string_view bytes, Clock::time_point now) {
    if (backlog() == 0) {
      pending.clear();
      written = 0;
      lastProgress = now;
    }
    pending += bytes;
  }
};

FeedStreamer::FeedStreamer(FeedSource source, FeedStreamerOptions options)
    : m_source(std::move(source)), m_options(options) {
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0) {
    m_wakeRead = fds[0];
    m_wakeWrite = fds[1];
  }
  m_thread = std::thread([this] { run(); });
}

FeedStreamer::~FeedStreamer() {
  stop();
  if (m_wakeRead >= 0) ::close(m_wakeRead);
  if (m_wakeWrite >= 0) ::close(m_wakeWrite);
}

std::shared_ptr<FeedSlot> FeedStreamer::reserve() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return nullptr;
  }
  if (m_taken->fetch_add(1) >= m_options.maxFeeds) {
    m_taken->fetch_sub(1);
    return nullptr;
  }
  return std::make_shared<FeedSlot>(m_taken);
}

void FeedStreamer::adopt(std::shared_ptr<FeedSlot> slot, FeedStart start,
                         std::unique_ptr<http::UpgradedSocket> socket) {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping) return;  // the socket closes and the slot is given back here
    m_incoming.push_back({std::move(slot), std::move(start), std::move(socket)});
  }
  wake();
}

void FeedStreamer::stop() {
  {
    std::lock_guard lock(m_mutex);
    if (m_stopping && !m_thread.joinable()) return;
    m_stopping = true;
  }
  wake();
  if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) m_thread.join();
}

void FeedStreamer::wake() {
  if (m_wakeWrite < 0) return;
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = ::write(m_wakeWrite, &byte, 1);  // full pipe: already awake
}

void FeedStreamer::readLogs(std::vector<std::unique_ptr<Feed>>& feeds) {
  // One refresh per followed log, however many feeds follow it; nullopt: it failed this time.
  std::map<std::pair<std::int64_t, std::string>, std::optional<bool>> finalized;
  const auto now = Clock::now();
  for (auto& feed : feeds) {
    if (feed->complete || feed->broken || feed->backlog() >= m_options.maxPendingBytes / 2) {
      continue;  // done, or a reader behind: it reads on once it caught up
    }
    const auto key = std::make_pair(feed->start.contestId, feed->start.audience);
    auto known = finalized.find(key);
    if (known == finalized.end()) {
      auto refreshed = m_source.refresh(key.first, key.second);
      known =
          finalized.emplace(key, refreshed ? std::optional<bool>(*refreshed) : std::nullopt).first;
    }
    if (!known->second) continue;  // the database failed: try again next time
    auto events =
        m_source.events(key.first, key.second, feed->start.afterId, m_options.eventsPerRead);
    if (!events) continue;
    for (const CcsEvent& event : *events) {
      feed->queue(event.line() + "\n", now);
      feed->start.afterId = event.id;
    }
    // A finalized log never grows: read to its end, the feed is complete.
    if (*known->second && events->size() < m_options.eventsPerRead) feed->complete = true;
  }
}

namespace {

// Writes what the socket takes now; false when the peer is gone.
bool flush(int fd, std::string& pending, std::size_t& written, bool& progressed) {
  progressed = false;
  while (written < pending.size()) {
    const ssize_t n =
        ::send(fd, pending.data() + written, pending.size() - written, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      progressed = true;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;
}

}  // namespace

void FeedStreamer::run() {
  std::vector<std::unique_ptr<Feed>> feeds;
  auto nextRead = Clock::now();
  std::vector<pollfd> watched;
  for (;;) {
    {
      std::lock_guard lock(m_mutex);
      if (m_stopping) break;
      if (!m_incoming.empty()) nextRead = Clock::now();  // a new reader gets its backlog at once
      for (Incoming& incoming : m_incoming) {
        auto feed = std::make_unique<Feed>();
        feed->slot = std::move(incoming.slot);
        feed->start = std::move(incoming.start);
        feed->socket = std::move(incoming.socket);
        feed->lastWrite = feed->lastProgress = Clock::now();
        feeds.push_back(std::move(feed));
      }
      m_incoming.clear();
    }
    m_open.store(feeds.size());  // counted before any of a new feed's bytes go out

    if (Clock::now() >= nextRead) {
      readLogs(feeds);
      nextRead = Clock::now() + m_options.pollInterval;
    }

    auto now = Clock::now();
    for (auto& feed : feeds) {
      if (feed->backlog() == 0 && !feed->complete && now - feed->lastWrite >= m_options.keepAlive) {
        feed->queue("\n", now);  // the spec's keep-alive
      }
      bool progressed = false;
      if (!flush(feed->socket->fd(), feed->pending, feed->written, progressed)) {
        feed->broken = true;
      }
      if (progressed) feed->lastWrite = feed->lastProgress = now;
    }

    // Ended feeds: the complete ones close gracefully (FIN after the last byte), the rest at once.
    std::erase_if(feeds, [&](const std::unique_ptr<Feed>& feed) {
      const bool done = feed->complete && feed->backlog() == 0;
      const bool stalled =
          feed->backlog() > 0 && now - feed->lastProgress >= m_options.stallTimeout;
      if (done) ::shutdown(feed->socket->fd(), SHUT_WR);
      return done || stalled || feed->broken;
    });
    m_open.store(feeds.size());

    // Sleep until the next read, keep-alive or stall deadline, a socket event or a wake-up.
    auto until = nextRead;
    for (const auto& feed : feeds) {
      until = std::min(until, feed->backlog() > 0 ? feed->lastProgress + m_options.stallTimeout
                                                  : feed->lastWrite + m_options.keepAlive);
    }
    watched.clear();
    watched.push_back({m_wakeRead, POLLIN, 0});
    for (const auto& feed : feeds) {
      const short events = static_cast<short>(POLLIN | (feed->backlog() > 0 ? POLLOUT : 0));
      watched.push_back({feed->socket->fd(), events, 0});
    }
    now = Clock::now();
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(
        std::max(until - now, Clock::duration::zero()));
    const int ready = ::poll(watched.data(), watched.size(), static_cast<int>(wait.count()));
    if (ready <= 0) continue;  // a deadline (or EINTR): the loop above does what is due
    if (watched[0].revents != 0) {
      std::array<char, 64> drain{};
      while (::read(m_wakeRead, drain.data(), drain.size()) > 0) {
      }
    }
    for (std::size_t i = 1; i < watched.size(); ++i) {
      const short revents = watched[i].revents;
      Feed& feed = *feeds[i - 1];
      if (revents & (POLLERR | POLLNVAL)) feed.broken = true;
      if (revents & (POLLIN | POLLHUP)) {
        // A reader has nothing to say: whatever it sends is dropped; end of stream: it left.
        std::array<char, 512> discard{};
        const ssize_t n = ::recv(feed.socket->fd(), discard.data(), discard.size(), MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
          feed.broken = true;
        }
      }
    }
  }
  // Stopping: every feed closes now, pending bytes or not; late arrivals too.
  for (auto& feed : feeds) ::shutdown(feed->socket->fd(), SHUT_RDWR);
  feeds.clear();
  std::lock_guard lock(m_mutex);
  m_incoming.clear();
  m_open.store(0);
}

}  // namespace arena::server::ccs_api
