#pragma once
// The read side of the ICPC Contest API over CodeArena's contests: who is asking (jury, team or
// public), the snapshot they may see (ccs_objects), the scoreboard in the API's shape, and the
// event feed from the persisted log (ccs_event_log).
//
// The event feed is the spec's endless NDJSON stream: the route checks the caller and the
// since_token, takes one of the streamer's places (503 when none is free), answers the headers
// and hands the connection to the FeedStreamer (ccs_feed_streamer.hpp), which follows the log
// and writes events as they are recorded, keep-alive newlines, and closes after end_of_updates.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "features/ccs_api/ccs_event_log.hpp"
#include "features/ccs_api/ccs_feed_streamer.hpp"
#include "features/ccs_api/ccs_objects.hpp"
#include "features/contests/contest_service.hpp"
#include "http/request.hpp"

namespace arena::server::ccs_api {

struct CcsApiOptions {
  std::string base = "/api/ccs";                 // ARENA_CCS_API_BASE
  std::chrono::milliseconds keepAlive{120'000};  // ARENA_CCS_KEEPALIVE_MS: the spec's 120 s
  std::chrono::milliseconds pollInterval{1000};  // ARENA_CCS_FEED_POLL_MS: how often feeds read
  // A reader whose unsent bytes have not moved this long is closed (it resumes with since_token).
  std::chrono::milliseconds stallTimeout{120'000};
  std::size_t maxOpenFeeds = 128;         // ARENA_CCS_MAX_FEEDS; past it: 503
  std::size_t maxPendingBytes = 1 << 20;  // per feed: events read ahead of the socket
  std::size_t eventsPerRead = 1000;       // per feed and read of the log
};

using Caller = std::optional<http::Principal>;

class CcsApiService {
 public:
  CcsApiService(CcsSources sources, contests::ContestService& contests,
                storage::sql::SqlDatabase& database, std::function<Timestamp()> now,
                CcsApiOptions options);
  ~CcsApiService();  // closes the open feeds
  CcsApiService(const CcsApiService&) = delete;
  CcsApiService& operator=(const CcsApiService&) = delete;

  const CcsApiOptions& options() const { return m_options; }

  nlohmann::json apiInfo() const;
  Result<nlohmann::json> contests(const Caller& caller);
  Result<nlohmann::json> contest(const Caller& caller, const std::string& contestId);
  Result<nlohmann::json> state(const Caller& caller, const std::string& contestId);
  // A collection ("problems", "teams", ...); NotFound for an unknown type.
  Result<nlohmann::json> collection(const Caller& caller, const std::string& contestId,
                                    const std::string& type);
  Result<nlohmann::json> object(const Caller& caller, const std::string& contestId,
                                const std::string& type, const std::string& objectId);
  Result<nlohmann::json> scoreboard(const Caller& caller, const std::string& contestId);
  // The event feed: which log the caller follows and from where (NotFound, InvalidArgument for
  // a bad since_token); the route then takes a place with feeds().reserve().
  Result<FeedStart> startFeed(const Caller& caller, const std::string& contestId,
                              const std::optional<std::string>& sinceToken);
  // What a feed started now would send first, without waiting: the events after since_token as
  // NDJSON lines (at most eventsPerRead); empty when there are none.
  Result<std::string> eventsNow(const Caller& caller, const std::string& contestId,
                                const std::optional<std::string>& sinceToken);
  FeedStreamer& feeds() { return *m_feeds; }
  // Closes every open feed (server stop); new ones are refused.
  void stopFeeds() { m_feeds->stop(); }

 private:
  struct Seen {
    storage::ContestRecord record;
    Viewer viewer;
  };
  Result<Seen> resolve(const Caller& caller, const std::string& contestId);
  Result<CcsSnapshot> snapshot(const Seen& seen);
  // Brings the viewer's log up to date; returns its audience name.
  Result<std::string> sync(const Seen& seen);
  // The streamer's refresh: the log of (contest, audience) brought up to date; true once the
  // contest is finalized.
  Result<bool> refreshLog(std::int64_t contestId, const std::string& audience);

  CcsSources m_sources;
  contests::ContestService& m_contests;
  CcsEventLog m_log;
  std::function<Timestamp()> m_now;
  CcsApiOptions m_options;
  std::unique_ptr<FeedStreamer> m_feeds;  // last: its thread reads the log until it stops
};

}  // namespace arena::server::ccs_api
