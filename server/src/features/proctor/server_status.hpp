#pragma once
// What a proctor glances at during a contest: is the judge keeping up, are the workers alive,
// how many screens are connected. The composition root fills it from the live parts; the route
// only serialises.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/core/timestamp.hpp"

namespace arena::server::proctor {

struct ServerStatus {
  std::size_t queueDepth = 0;
  int judgesConfigured = 0;
  int judgesRunning = 0;
  std::size_t liveClients = 0;  // WebSocket connections on this replica
  Timestamp serverTime{};
  std::string version;
};

// {"queue_depth", "judges": {"configured", "running"}, "live_clients", "server_time" (ISO 8601
// UTC), "server_time_ms", "version"}
nlohmann::json toJson(const ServerStatus& status);

}  // namespace arena::server::proctor
