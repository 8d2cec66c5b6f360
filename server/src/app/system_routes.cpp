#include "app/system_routes.hpp"

#include <memory>

#include <nlohmann/json.hpp>

namespace arena::server::app {

void registerSystemRoutes(http::Router& router, http::Metrics& metrics,
                          std::function<Health()> probe) {
  router.add({"GET", "/healthz", http::Access::Public,
              "Whether the database and the judges are ready"},
             [probe = std::move(probe)](http::Request&) -> Result<http::Response> {
               const Health health = probe();
               const bool ready =
                   health.databaseOk && health.judgesRunning >= health.judgesConfigured;
               nlohmann::json body = {
                   {"status", ready ? "ok" : "degraded"},
                   {"database", health.databaseOk ? "ok" : health.databaseMessage},
                   {"judges",
                    {{"configured", health.judgesConfigured}, {"running", health.judgesRunning}}},
                   {"queue_depth", health.queueDepth}};
               return http::Response::json(body, ready ? 200 : 503);
             });
  router.add({"GET", "/metrics", http::Access::Public, "Prometheus metrics"},
             [&metrics](http::Request&) -> Result<http::Response> {
               return http::Response::text(metrics.render(),
                                           "text/plain; version=0.0.4; charset=utf-8");
             });
  router.add({"GET", "/api/openapi.json", http::Access::Public, "This API's OpenAPI document"},
             [bytes = std::make_shared<const std::string>(openApiDocument())](
                 http::Request&) -> Result<http::Response> { return http::Response::bytes(bytes); });
}

}  // namespace arena::server::app
