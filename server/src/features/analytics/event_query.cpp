#include "features/analytics/event_query.hpp"

#include <charconv>
#include <cstdint>

namespace arena::server::analytics {

namespace {

constexpr std::size_t kMaxTypeBytes = 64;

std::optional<std::int64_t> parseDigits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (const char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

nlohmann::json eventJson(const storage::AnalyticsEvent& event) {
  return {{"id", event.id},
          {"type", event.type},
          {"occurred_at", formatTimestamp(event.occurredAt)},
          {"user_id", event.userId ? nlohmann::json(*event.userId) : nlohmann::json()},
          {"metadata", event.metadata}};
}

}  // namespace

std::optional<Timestamp> parseInstant(std::string_view text) {
  if (const auto millis = parseDigits(text)) return Timestamp{std::chrono::milliseconds{*millis}};
  return parseTimestamp(text);
}

Result<storage::AnalyticsQuery> parseEventQuery(const EventQueryParams& params, Timestamp now) {
  storage::AnalyticsQuery query;
  if (!params.type || params.type->empty())
    return fail(ErrorCode::InvalidArgument, "type is required (login, submission, verdict, ...)");
  if (params.type->size() > kMaxTypeBytes)
    return fail(ErrorCode::InvalidArgument,
                "type must be at most " + std::to_string(kMaxTypeBytes) + " bytes");
  query.type = *params.type;

  constexpr const char* kForms =
      " must be an ISO-8601 UTC time like 2026-11-26T00:00:00Z or milliseconds since the epoch";
  query.to = now;
  if (params.to) {
    const auto to = parseInstant(*params.to);
    if (!to) return fail(ErrorCode::InvalidArgument, std::string("to") + kForms);
    query.to = *to;
  }
  query.from = query.to - std::chrono::hours{24};
  if (params.from) {
    const auto from = parseInstant(*params.from);
    if (!from) return fail(ErrorCode::InvalidArgument, std::string("from") + kForms);
    query.from = *from;
  }
  if (query.from >= query.to)
    return fail(ErrorCode::InvalidArgument, "from must be before to (the range is [from, to))");

  query.limit = kDefaultEventLimit;
  if (params.limit) {
    const auto limit = parseDigits(*params.limit);
    if (!limit || *limit < 1 || *limit > kMaxEventLimit)
      return fail(ErrorCode::InvalidArgument,
                  "limit must be an integer from 1 to " + std::to_string(kMaxEventLimit));
    query.limit = static_cast<int>(*limit);
  }
  return query;
}

Result<nlohmann::json> queryEvents(storage::AnalyticsRepository& repository,
                                   const EventQueryParams& params, Timestamp now) {
  auto query = parseEventQuery(params, now);
  if (!query) return std::unexpected(query.error());
  auto events = repository.query(*query);
  if (!events) return std::unexpected(events.error());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& event : *events) list.push_back(eventJson(event));
  return nlohmann::json{{"events", std::move(list)}};
}

}  // namespace arena::server::analytics
