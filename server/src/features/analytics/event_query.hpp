#pragma once
// GET /api/analytics/events as a plain function: query parameters as received in, the
// {"events":[...]} body out, so the checks are tested without HTTP.
//   type   required: "login", "submission", "verdict", ...
//   from   inclusive, ISO-8601 UTC ("2026-11-26T00:00:00Z") or milliseconds since the epoch;
//          default: 24 hours before `to`
//   to     exclusive, same forms; default: now
//   limit  1..10000, default 1000; oldest events first

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "storage/analytics_repository.hpp"

namespace arena::server::analytics {

constexpr int kDefaultEventLimit = 1000;
constexpr int kMaxEventLimit = 10000;

struct EventQueryParams {
  std::optional<std::string> type;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> limit;
};

// InvalidArgument naming the parameter for anything malformed.
Result<storage::AnalyticsQuery> parseEventQuery(const EventQueryParams& params, Timestamp now);

Result<nlohmann::json> queryEvents(storage::AnalyticsRepository& repository,
                                   const EventQueryParams& params, Timestamp now);

// ISO-8601 UTC or epoch milliseconds; nothing otherwise.
std::optional<Timestamp> parseInstant(std::string_view text);

}  // namespace arena::server::analytics
