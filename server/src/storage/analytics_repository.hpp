#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::storage {

struct AnalyticsEvent {
  std::int64_t id = 0;  // assigned on insert
  std::string type;     // "submission.created", "match.finished", ...
  Timestamp occurredAt{};
  std::optional<std::int64_t> userId;
  nlohmann::json metadata = nlohmann::json::object();

  friend bool operator==(const AnalyticsEvent&, const AnalyticsEvent&) = default;
};

struct AnalyticsQuery {
  std::string type;
  Timestamp from{};  // inclusive
  Timestamp to{};    // exclusive
  int limit = 1000;
};

class AnalyticsRepository {
 public:
  virtual ~AnalyticsRepository() = default;

  // Returns the new event's id. NotFound when userId names no user.
  virtual Result<std::int64_t> record(const AnalyticsEvent& event) = 0;
  // Events of one type in [from, to), oldest first.
  virtual Result<std::vector<AnalyticsEvent>> query(const AnalyticsQuery& query) = 0;
};

}  // namespace arena::server::storage
