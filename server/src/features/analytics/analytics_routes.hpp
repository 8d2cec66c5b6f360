#pragma once
//   GET /api/analytics/events?type=&from=&to=&limit=   (Proctor) -> {"events":[...]}
// Parameters as in event_query.hpp.

#include "http/router.hpp"
#include "storage/analytics_repository.hpp"

namespace arena::server::analytics {

void registerAnalyticsRoutes(http::Router& router, storage::AnalyticsRepository& repository);

}  // namespace arena::server::analytics
