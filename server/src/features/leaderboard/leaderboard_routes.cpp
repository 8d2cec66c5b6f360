#include "features/leaderboard/leaderboard_routes.hpp"

#include <charconv>

namespace arena::server::leaderboard {

namespace {

// kDefaultTop when absent; out-of-range numbers are left for the service to refuse.
Result<int> limitParam(const http::Request& request) {
  const auto text = request.queryParam("limit");
  if (!text) return kDefaultTop;
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || error != std::errc{} || end != text->data() + text->size())
    return fail(ErrorCode::InvalidArgument,
                "limit must be an integer from 1 to " + std::to_string(kMaxTop));
  return value;
}

}  // namespace

void registerLeaderboardRoutes(http::Router& router, LeaderboardService& service) {
  router.add({"GET", "/api/leaderboard/top", http::Access::Public,
              "The top contestants by rating, with solved counts"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto limit = limitParam(request);
               if (!limit) return std::unexpected(limit.error());
               auto bytes = service.top(*limit);
               if (!bytes) return std::unexpected(bytes.error());
               return http::Response::bytes(std::move(*bytes));
             });

  router.add({"GET", "/api/leaderboard/snapshot/today", http::Access::Public,
              "Today's leaderboard snapshot (404 until it is taken)"},
             [&service](http::Request&) -> Result<http::Response> {
               auto snapshot = service.snapshotToday();
               if (!snapshot) return std::unexpected(snapshot.error());
               return http::Response::json(*snapshot);
             });

  router.add({"POST", "/api/leaderboard/snapshot", http::Access::Proctor,
              "Take today's leaderboard snapshot now (201; 200 when it already existed)"},
             [&service](http::Request&) -> Result<http::Response> {
               auto taken = service.takeSnapshotNow();
               if (!taken) return std::unexpected(taken.error());
               return http::Response::json(taken->body, taken->taken ? 201 : 200);
             });
}

}  // namespace arena::server::leaderboard
