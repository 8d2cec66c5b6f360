#pragma once
// The Contest API's event feeds as the spec has them: one endless NDJSON response per reader.
//
// Theory of operation:
//  - The route answers the headers through the HTTP front (http::Response::stream) and the
//    connection is handed here; no HTTP thread is held while a reader follows a contest.
//  - One thread owns every open feed. Every `pollInterval` it brings each followed log up to
//    date (FeedSource::refresh, once per contest and audience however many follow it) and reads
//    each feed's events after the last token it queued (FeedSource::events). Writes are
//    non-blocking: what the socket does not take waits in the feed's pending buffer, and a feed
//    reads more events only while that buffer is under half of `maxPendingBytes`, so a slow
//    reader falls behind in the log (where it costs nothing) rather than in memory.
//  - A reader whose pending bytes have not moved for `stallTimeout` is closed: it can reconnect
//    with the last token it saw (since_token), which is the spec's resume.
//  - After `keepAlive` without a byte written the feed gets a lone newline (the spec: 120 s).
//  - A finalized contest's feed, once end_of_updates (the last event of its log) is written,
//    is closed by the server: the body ends with the connection (the response has no length).
//  - At most `maxFeeds` feeds: the route takes a slot (reserve) before it answers, and answers
//    503 when there is none. A slot whose response never reached the handoff (HEAD, a client gone
//    before the headers) is given back when the response is dropped.
//  - stop() closes every feed at once and joins the thread; later feeds are closed on arrival.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "arena/core/error.hpp"
#include "features/ccs_api/ccs_event_log.hpp"
#include "http/upgraded_socket.hpp"

namespace arena::server::ccs_api {

// Where the feeds' events come from (the service's event log, or a test's list).
struct FeedSource {
  // Brings the log of (contest, audience) up to date; true once the contest is finalized (its
  // log then ends with end_of_updates and will never grow).
  std::function<Result<bool>(std::int64_t contestId, const std::string& audience)> refresh;
  // The log's events after `afterId`, oldest first, at most `limit`.
  std::function<Result<std::vector<CcsEvent>>(std::int64_t contestId, const std::string& audience,
                                              std::int64_t afterId, std::size_t limit)>
      events;
};

struct FeedStreamerOptions {
  std::chrono::milliseconds keepAlive{120'000};     // a newline after this long without a byte
  std::chrono::milliseconds pollInterval{1000};     // how often the logs are read
  std::chrono::milliseconds stallTimeout{120'000};  // pending bytes unmoved this long: closed
  std::size_t maxFeeds = 128;
  std::size_t maxPendingBytes = 1 << 20;
  std::size_t eventsPerRead = 1000;
};

// Which log a feed follows, and from where.
struct FeedStart {
  std::int64_t contestId = 0;
  std::string audience;  // "jury" or "public"
  std::int64_t afterId = 0;
};

// One of the streamer's `maxFeeds` places, held from before the response until the feed ends.
class FeedSlot {
 public:
  explicit FeedSlot(std::shared_ptr<std::atomic<std::size_t>> taken) : m_taken(std::move(taken)) {}
  ~FeedSlot() { m_taken->fetch_sub(1); }
  FeedSlot(const FeedSlot&) = delete;
  FeedSlot& operator=(const FeedSlot&) = delete;

 private:
  std::shared_ptr<std::atomic<std::size_t>> m_taken;
};

class FeedStreamer {
 public:
  FeedStreamer(FeedSource source, FeedStreamerOptions options);
  ~FeedStreamer();
  FeedStreamer(const FeedStreamer&) = delete;
  FeedStreamer& operator=(const FeedStreamer&) = delete;

  const FeedStreamerOptions& options() const { return m_options; }

  // A place for one more feed; null when all are taken or the streamer stopped.
  std::shared_ptr<FeedSlot> reserve();
  // Takes over a connection whose response headers went out. Never blocks.
  void adopt(std::shared_ptr<FeedSlot> slot, FeedStart start,
             std::unique_ptr<http::UpgradedSocket> socket);
  // Closes every feed and joins the thread; idempotent.
  void stop();

  // Feeds the thread serves now (for tests and metrics).
  std::size_t openFeeds() const { return m_open.load(); }
  std::size_t reservedSlots() const { return m_taken->load(); }

 private:
  struct Feed;
  struct Incoming {
    std::shared_ptr<FeedSlot> slot;
    FeedStart start;
    std::unique_ptr<http::UpgradedSocket> socket;
  };

  void run();
  void wake();
  void readLogs(std::vector<std::unique_ptr<Feed>>& feeds);

  FeedSource m_source;
  FeedStreamerOptions m_options;
  std::shared_ptr<std::atomic<std::size_t>> m_taken = std::make_shared<std::atomic<std::size_t>>(0);
  std::atomic<std::size_t> m_open{0};

  std::mutex m_mutex;  // guards m_incoming and m_stopping
  std::vector<Incoming> m_incoming;
  bool m_stopping = false;
  int m_wakeRead = -1;  // a pipe: adopt() and stop() wake the thread's poll
  int m_wakeWrite = -1;
  std::thread m_thread;
};

}  // namespace arena::server::ccs_api
