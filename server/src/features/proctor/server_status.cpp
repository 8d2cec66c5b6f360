#include "features/proctor/server_status.hpp"

namespace arena::server::proctor {

nlohmann::json toJson(const ServerStatus& status) {
  return {{"queue_depth", status.queueDepth},
          {"judges", {{"configured", status.judgesConfigured}, {"running", status.judgesRunning}}},
          {"live_clients", status.liveClients},
          {"server_time", formatTimestamp(status.serverTime)},
          {"server_time_ms", status.serverTime.time_since_epoch().count()},
          {"version", status.version}};
}

}  // namespace arena::server::proctor
