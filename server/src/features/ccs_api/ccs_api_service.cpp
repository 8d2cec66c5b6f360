#include "features/ccs_api/ccs_api_service.hpp"

#include <algorithm>
#include <charconv>

#include "features/ccs_api/ccs_time.hpp"

namespace arena::server::ccs_api {

namespace {

using json = nlohmann::json;

std::optional<std::int64_t> positive(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

std::string audienceName(const Viewer& viewer) {
  return viewer.audience == Audience::Jury ? "jury" : "public";
}

// Our board's JSON (scoring/scoreboard_json.hpp) in the API's shape: ids as strings, a cell's
// time only when solved.
json scoreboardRows(const json& board) {
  json rows = json::array();
  for (const json& row : board.value("rows", json::array())) {
    json out{{"rank", row.at("rank")},
             {"team_id", std::to_string(row.at("team_id").get<std::int64_t>())}};
    const json& score = row.at("score");
    if (score.contains("num_solved")) {
      out["score"] = {{"num_solved", score.at("num_solved")},
                      {"total_time", score.at("total_time")}};
    } else {
      out["score"] = {{"score", score.value("total", 0.0)}};
    }
    json problems = json::array();
    for (const json& cell : row.value("problems", json::array())) {
      json problem{{"problem_id", std::to_string(cell.at("problem_id").get<std::int64_t>())},
                   {"num_judged", cell.value("num_judged", 0)},
                   {"num_pending", cell.value("num_pending", 0)}};
      if (cell.contains("solved")) {
        problem["solved"] = cell.at("solved");
        if (cell.at("solved").get<bool>()) problem["time"] = cell.value("time", 0);
      } else {
        problem["score"] = cell.value("score", 0.0);
      }
      problems.push_back(std::move(problem));
    }
    out["problems"] = std::move(problems);
    rows.push_back(std::move(out));
  }
  return rows;
}

}  // namespace

CcsApiService::CcsApiService(CcsSources sources, contests::ContestService& contests,
                             storage::sql::SqlDatabase& database, std::function<Timestamp()> now,
                             CcsApiOptions options)
    : m_sources(std::move(sources)),
      m_contests(contests),
      m_log(database),
      m_now(std::move(now)),
      m_options(std::move(options)) {
  FeedStreamerOptions feedOptions;
  feedOptions.keepAlive = m_options.keepAlive;
  feedOptions.pollInterval = m_options.pollInterval;
  feedOptions.stallTimeout = m_options.stallTimeout;
  feedOptions.maxFeeds = m_options.maxOpenFeeds;
  feedOptions.maxPendingBytes = m_options.maxPendingBytes;
  feedOptions.eventsPerRead = std::max<std::size_t>(1, m_options.eventsPerRead);
  FeedSource source;
  source.refresh = [this](std::int64_t contestId, const std::string& audience) {
    return refreshLog(contestId, audience);
  };
  source.events = [this](std::int64_t contestId, const std::string& audience, std::int64_t after,
                         std::size_t limit) {
    return m_log.since(contestId, audience, after, limit);
  };
  m_feeds = std::make_unique<FeedStreamer>(std::move(source), feedOptions);
}

CcsApiService::~CcsApiService() { m_feeds->stop(); }

json CcsApiService::apiInfo() const {
  return {{"version", "2023-06"},
          {"version_url", "https://ccs-specs.icpc.io/2023-06/contest_api"},
          {"provider", {{"name", "CodeArena"}}}};
}

Result<CcsApiService::Seen> CcsApiService::resolve(const Caller& caller,
                                                   const std::string& contestId) {
  const auto id = positive(contestId);
  if (!id) return fail(ErrorCode::NotFound, "no contest '" + contestId + "'");
  auto record = m_sources.contests.findById(*id);
  if (!record) return std::unexpected(record.error());
  Seen seen{std::move(*record), {}};
  if (caller && caller->isProctor()) {
    seen.viewer.audience = Audience::Jury;
    return seen;
  }
  if (caller) {
    auto team = m_sources.contests.teamOf(*id, caller->userId);
    if (!team) return std::unexpected(team.error());
    if (*team) {
      seen.viewer = {Audience::Team, *team};
      return seen;
    }
  }
  // Not jury and not taking part: only a public contest is there to see.
  if (!seen.record.contest.isPublic) {
    return fail(ErrorCode::NotFound, "no contest '" + contestId + "'");
  }
  return seen;
}

Result<CcsSnapshot> CcsApiService::snapshot(const Seen& seen) {
  return collect(m_sources, seen.record, seen.viewer, m_now());
}

Result<bool> CcsApiService::refreshLog(std::int64_t contestId, const std::string& audience) {
  // The contest is read again each time: it may have changed (an unfreeze, a new end).
  auto record = m_sources.contests.findById(contestId);
  if (!record) return std::unexpected(record.error());
  const Viewer logViewer{audience == "jury" ? Audience::Jury : Audience::Public, std::nullopt};
  const Timestamp now = m_now();
  auto shot = collect(m_sources, *record, logViewer, now);
  if (!shot) return std::unexpected(shot.error());
  if (auto recorded = m_log.record(contestId, audience, *shot, now); !recorded) {
    return std::unexpected(recorded.error());
  }
  return shot->finalized;
}

Result<std::string> CcsApiService::sync(const Seen& seen) {
  // The logs are per audience: a team follows the public one.
  const Viewer logViewer{seen.viewer.audience == Audience::Jury ? Audience::Jury : Audience::Public,
                         std::nullopt};
  const Timestamp now = m_now();
  auto shot = collect(m_sources, seen.record, logViewer, now);
  if (!shot) return std::unexpected(shot.error());
  const std::string audience = audienceName(logViewer);
  if (auto recorded = m_log.record(seen.record.contest.id, audience, *shot, now); !recorded) {
    return std::unexpected(recorded.error());
  }
  return audience;
}

Result<json> CcsApiService::contests(const Caller& caller) {
  auto all = m_sources.contests.list();
  if (!all) return std::unexpected(all.error());
  json list = json::array();
  for (const auto& record : *all) {
    auto seen = resolve(caller, std::to_string(record.contest.id));
    if (!seen) {
      if (seen.error().code == ErrorCode::NotFound) continue;
      return std::unexpected(seen.error());
    }
    auto shot = snapshot(*seen);
    if (!shot) return std::unexpected(shot.error());
    list.push_back(shot->contest);
  }
  return list;
}

Result<json> CcsApiService::contest(const Caller& caller, const std::string& contestId) {
  auto seen = resolve(caller, contestId);
  if (!seen) return std::unexpected(seen.error());
  auto shot = snapshot(*seen);
  if (!shot) return std::unexpected(shot.error());
  return shot->contest;
}

Result<json> CcsApiService::state(const Caller& caller, const std::string& contestId) {
  auto seen = resolve(caller, contestId);
  if (!seen) return std::unexpected(seen.error());
  auto shot = snapshot(*seen);
  if (!shot) return std::unexpected(shot.error());
  return shot->state;
}

Result<json> CcsApiService::collection(const Caller& caller, const std::string& contestId,
                                       const std::string& type) {
  auto seen = resolve(caller, contestId);
  if (!seen) return std::unexpected(seen.error());
  auto shot = snapshot(*seen);
  if (!shot) return std::unexpected(shot.error());
  const json* list = shot->collection(type);
  if (!list) return fail(ErrorCode::NotFound, "no endpoint '" + type + "'");
  return *list;
}

Result<json> CcsApiService::object(const Caller& caller, const std::string& contestId,
                                   const std::string& type, const std::string& objectId) {
  auto list = collection(caller, contestId, type);
  if (!list) return std::unexpected(list.error());
  for (const json& object : *list) {
    if (object.at("id") == objectId) return object;
  }
  return fail(ErrorCode::NotFound, "no " + type + " '" + objectId + "'");
}

Result<json> CcsApiService::scoreboard(const Caller& caller, const std::string& contestId) {
  auto seen = resolve(caller, contestId);
  if (!seen) return std::unexpected(seen.error());
  auto audience = sync(*seen);
  if (!audience) return std::unexpected(audience.error());
  auto token = m_log.lastId(seen->record.contest.id, *audience);
  if (!token) return std::unexpected(token.error());
  auto shot = snapshot(*seen);
  if (!shot) return std::unexpected(shot.error());
  const bool jury = seen->viewer.audience == Audience::Jury;
  auto board = m_contests.scoreboard(caller, seen->record.contest.id,
                                     jury ? std::optional<std::string>("jury") : std::nullopt);
  if (!board) return std::unexpected(board.error());
  const json parsed = json::parse(*board, nullptr, false);
  if (parsed.is_discarded()) return fail(ErrorCode::Internal, "the board is not JSON");
  const Timestamp now = m_now();
  return json{{"event_id", std::to_string(*token)},
              {"time", ccsTime(now)},
              {"contest_time", ccsRelTime(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   now - seen->record.contest.startsAt))},
              {"state", shot->state},
              {"rows", scoreboardRows(parsed)}};
}

Result<FeedStart> CcsApiService::startFeed(const Caller& caller, const std::string& contestId,
                                           const std::optional<std::string>& sinceToken) {
  auto seen = resolve(caller, contestId);
  if (!seen) return std::unexpected(seen.error());
  FeedStart start;
  start.contestId = seen->record.contest.id;
  // The logs are per audience: a team follows the public one.
  start.audience = seen->viewer.audience == Audience::Jury ? "jury" : "public";
  if (sinceToken) {
    const auto parsed = positive(*sinceToken);
    if (!parsed) {
      return fail(ErrorCode::InvalidArgument, "since_token '" + *sinceToken + "' is not a token");
    }
    start.afterId = *parsed;
  }
  return start;
}

Result<std::string> CcsApiService::eventsNow(const Caller& caller, const std::string& contestId,
                                             const std::optional<std::string>& sinceToken) {
  auto start = startFeed(caller, contestId, sinceToken);
  if (!start) return std::unexpected(start.error());
  if (auto refreshed = refreshLog(start->contestId, start->audience); !refreshed) {
    return std::unexpected(refreshed.error());
  }
  auto events = m_log.since(start->contestId, start->audience, start->afterId,
                            std::max<std::size_t>(1, m_options.eventsPerRead));
  if (!events) return std::unexpected(events.error());
  std::string body;
  for (const auto& event : *events) body += event.line() + "\n";
  return body;
}

}  // namespace arena::server::ccs_api
