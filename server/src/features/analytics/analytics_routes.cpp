#include "features/analytics/analytics_routes.hpp"

#include <chrono>

#include "features/analytics/event_query.hpp"

namespace arena::server::analytics {

void registerAnalyticsRoutes(http::Router& router, storage::AnalyticsRepository& repository) {
  router.add({"GET", "/api/analytics/events", http::Access::Proctor,
              "Analytics events of one type in a time range (default: the last 24 hours)"},
             [&repository](http::Request& request) -> Result<http::Response> {
               const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now());
               auto events = queryEvents(repository,
                                         {request.queryParam("type"), request.queryParam("from"),
                                          request.queryParam("to"), request.queryParam("limit")},
                                         now);
               if (!events) return std::unexpected(events.error());
               return http::Response::json(*events);
             });
}

}  // namespace arena::server::analytics
