#include "storage/sql/sql_analytics_repository.hpp"

#include <algorithm>

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr int kMaxEvents = 100000;

}  // namespace

Result<std::int64_t> insertAnalyticsEvent(SqlSession& session, const AnalyticsEvent& event) {
  if (event.type.empty())
    return fail(ErrorCode::InvalidArgument, "an analytics event needs a type");
  const auto metadata = event.metadata.is_null() ? std::string{"{}"} : event.metadata.dump();
  auto inserted = session.execute(
      "INSERT INTO analytics_events (event_type, occurred_at, user_id, metadata) VALUES (?, ?, "
      "?, ?)",
      {event.type, event.occurredAt, event.userId, metadata});
  if (!inserted) return std::unexpected(inserted.error());
  return inserted->lastInsertId;
}

Result<std::int64_t> SqlAnalyticsRepository::record(const AnalyticsEvent& event) {
  return m_database.write(
      [&](SqlSession& session) { return insertAnalyticsEvent(session, event); });
}

Result<std::vector<AnalyticsEvent>> SqlAnalyticsRepository::query(const AnalyticsQuery& query) {
  const std::int64_t limit = std::clamp(query.limit, 1, kMaxEvents);
  return m_database.read([&](SqlSession& session) -> Result<std::vector<AnalyticsEvent>> {
    auto rows = session.query(
        "SELECT id, event_type, occurred_at, user_id, metadata FROM analytics_events "
        "WHERE event_type = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id "
        "LIMIT ?",
        {query.type, query.from, query.to, limit});
    if (!rows) return std::unexpected(rows.error());
    std::vector<AnalyticsEvent> events;
    events.reserve(rows->size());
    for (const auto& row : *rows) {
      auto metadata = nlohmann::json::parse(row.text(4), nullptr, false);
      if (metadata.is_discarded()) metadata = nlohmann::json::object();
      events.push_back(
          {row.int64(0), row.text(1), row.timestamp(2), row.optInt64(3), std::move(metadata)});
    }
    return events;
  });
}

}  // namespace arena::server::storage::sql
