#include "features/leaderboard/leaderboard_service.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "arena/protocol/json_codecs.hpp"

namespace arena::server::leaderboard {

namespace {

nlohmann::json entriesJson(const std::vector<model::LeaderboardEntry>& entries) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : entries) list.push_back(protocol::toJson(entry));
  return list;
}

}  // namespace

std::string formatDate(std::chrono::sys_days date) {
  const std::chrono::year_month_day ymd{date};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

LeaderboardService::LeaderboardService(storage::LeaderboardRepository& repository,
                                       LeaderboardOptions options)
    : m_repository(repository), m_options(std::move(options)) {
  if (!m_options.now) m_options.now = [] { return std::chrono::system_clock::now(); };
  m_options.maxCachedLimits = std::max<std::size_t>(m_options.maxCachedLimits, 1);
}

bool LeaderboardService::fresh(const CachedTop& entry,
                               std::chrono::system_clock::time_point now) const {
  // A wall clock that stepped backwards also ends the entry, or it could live for hours.
  return now >= entry.storedAt && now - entry.storedAt < m_options.cacheTtl;
}

Result<std::shared_ptr<const std::string>> LeaderboardService::top(int limit) {
  if (limit < 1 || limit > kMaxTop)
    return fail(ErrorCode::InvalidArgument,
                "limit must be an integer from 1 to " + std::to_string(kMaxTop));
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    const auto it = m_cache.find(limit);
    if (it != m_cache.end() && fresh(it->second, m_options.now())) return it->second.bytes;
    generation = m_generation;
  }

  // Read outside the lock: a slow query must not hold up requests the cache can answer.
  auto entries = topEntries(limit);
  if (!entries) return std::unexpected(entries.error());
  // The same bytes as dumping {"entries": [...]}: each entry is already compact JSON.
  std::string body = "{\"entries\":[";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (i > 0) body += ',';
    body += (*entries)[i];
  }
  body += "]}";
  auto bytes = std::make_shared<const std::string>(std::move(body));

  std::lock_guard lock(m_mutex);
  if (generation != m_generation) return bytes;  // invalidated meanwhile: serve, do not keep
  if (!m_cache.contains(limit) && m_cache.size() >= m_options.maxCachedLimits) {
    const auto oldest = std::min_element(m_cache.begin(), m_cache.end(), [](auto& a, auto& b) {
      return a.second.storedAt < b.second.storedAt;
    });
    m_cache.erase(oldest);
  }
  m_cache[limit] = {bytes, m_options.now()};
  return bytes;
}

Result<std::vector<std::string>> LeaderboardService::topEntries(int limit) {
  if (m_options.shared) {
    if (auto cached = m_options.shared->top(limit)) return std::move(*cached);
  }
  // With a shared cache, read the longest list once: every limit is a prefix of it.
  auto entries = m_repository.top(m_options.shared ? kMaxTop : limit);
  if (!entries) return std::unexpected(entries.error());
  std::vector<std::string> serialised;
  serialised.reserve(entries->size());
  for (const auto& entry : *entries) serialised.push_back(protocol::toJson(entry).dump());
  if (m_options.shared) {
    m_options.shared->store(serialised, m_options.cacheTtl);
    if (serialised.size() > static_cast<std::size_t>(limit)) {
      serialised.resize(static_cast<std::size_t>(limit));
    }
  }
  return serialised;
}

void LeaderboardService::invalidate() {
  {
    std::lock_guard lock(m_mutex);
    m_cache.clear();
    ++m_generation;
  }
  if (m_options.shared) m_options.shared->invalidate();
}

std::chrono::sys_days LeaderboardService::today() const {
  return std::chrono::floor<std::chrono::days>(m_options.now());
}

Result<nlohmann::json> LeaderboardService::snapshotBody(std::chrono::sys_days date) {
  auto entries = m_repository.snapshot(date);
  if (!entries) return std::unexpected(entries.error());
  if (entries->empty())
    return fail(ErrorCode::NotFound, "no leaderboard snapshot for " + formatDate(date) + " yet");
  return nlohmann::json{{"date", formatDate(date)}, {"entries", entriesJson(*entries)}};
}

Result<nlohmann::json> LeaderboardService::snapshotToday() { return snapshotBody(today()); }

Result<storage::SnapshotOutcome> LeaderboardService::takeSnapshot(std::chrono::sys_days date) {
  return m_repository.takeSnapshot(date, m_options.snapshotSize);
}

Result<SnapshotTaken> LeaderboardService::takeSnapshotNow() {
  const auto date = today();
  auto outcome = takeSnapshot(date);
  if (!outcome) return std::unexpected(outcome.error());
  nlohmann::json body{{"date", formatDate(date)}, {"entries", nlohmann::json::array()}};
  // A day with no ranked contestants stores no rows; that is still a snapshot taken.
  if (outcome->entries > 0) {
    auto stored = snapshotBody(date);
    if (!stored) return std::unexpected(stored.error());
    body = std::move(*stored);
  }
  return SnapshotTaken{outcome->taken, std::move(body)};
}

}  // namespace arena::server::leaderboard
