#pragma once
// The read side of the ICPC Contest API over CodeArena's contests: who is asking (jury, team or
// public), the snapshot they may see (ccs_objects), the scoreboard in the API's shape, and the
// event feed from the persisted log (ccs_event_log).
//
// The event feed is served in bounded windows, not as one endless response: Poco lends each
// request a pool thread until the response is written, so an endless stream would hold a thread
// per follower for the whole contest. A request answers the events after since_token at once;
// with none to give it waits (re-checking every `pollInterval`) up to `keepAlive` for new ones
// and answers a lone newline (the spec's keep-alive) when none came. A finished contest's feed
// ends with the state event carrying end_of_updates, and then answers empty. Followers reconnect
// with the last token they saw — the spec's own resume — so nothing is lost between windows.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "features/ccs_api/ccs_event_log.hpp"
#include "features/ccs_api/ccs_objects.hpp"
#include "features/contests/contest_service.hpp"
#include "http/request.hpp"

namespace arena::server::ccs_api {

struct CcsApiOptions {
  std::string base = "/api/ccs";                 // ARENA_CCS_API_BASE
  std::chrono::milliseconds keepAlive{120'000};  // ARENA_CCS_KEEPALIVE_MS
  std::chrono::milliseconds pollInterval{1000};  // how often a waiting feed looks again
  std::size_t maxEventsPerResponse = 10'000;
  // Feed requests sleeping at once, each on an HTTP thread (256 by default): past this many a
  // quiet feed answers 503 at once instead of waiting, so idle readers cannot starve the API.
  std::size_t maxWaitingFeeds = 16;
};

using Caller = std::optional<http::Principal>;

class CcsApiService {
 public:
  CcsApiService(CcsSources sources, contests::ContestService& contests,
                storage::sql::SqlDatabase& database, std::function<Timestamp()> now,
                CcsApiOptions options);

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
  // NDJSON text: one event per line, or "\n" after a quiet keep-alive interval.
  Result<std::string> eventFeed(const Caller& caller, const std::string& contestId,
                                const std::optional<std::string>& sinceToken);

 private:
  struct Seen {
    storage::ContestRecord record;
    Viewer viewer;
  };
  Result<Seen> resolve(const Caller& caller, const std::string& contestId);
  Result<CcsSnapshot> snapshot(const Seen& seen);
  // Brings the viewer's log up to date; returns its audience name.
  Result<std::string> sync(const Seen& seen);

  CcsSources m_sources;
  contests::ContestService& m_contests;
  CcsEventLog m_log;
  std::function<Timestamp()> m_now;
  CcsApiOptions m_options;
  std::atomic<std::size_t> m_waitingFeeds{0};
};

}  // namespace arena::server::ccs_api
