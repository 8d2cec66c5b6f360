#pragma once
// The routes about the server itself: /healthz, /metrics and /api/openapi.json.

#include <functional>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace arena::server::app {

struct Health {
  bool databaseOk = false;
  std::string databaseMessage;
  int judgesConfigured = 0;
  int judgesRunning = 0;
  std::size_t queueDepth = 0;
};

// `probe` is asked on every /healthz; 200 when the database answers and every configured judge
// worker runs, 503 otherwise (load balancers take the replica out).
void registerSystemRoutes(http::Router& router, http::Metrics& metrics,
                          std::function<Health()> probe);

// The OpenAPI document compiled in from openapi.json.
const std::string& openApiDocument();

}  // namespace arena::server::app
