#include "features/matchmaking/matchmaking_routes.hpp"

#include <nlohmann/json.hpp>

namespace arena::server::matchmaking {

void registerMatchmakingRoutes(http::Router& router, MatchmakingService& service) {
  // The Dispatcher only runs Authenticated routes with a principal, so it is always set here.
  router.add({"POST", "/api/match/enqueue", http::Access::Authenticated,
              "Join the duel queue (again: harmless)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto queued = service.enqueue(request.principal->userId);
               if (!queued) return std::unexpected(queued.error());
               return http::Response::json({{"status", "queued"}});
             });

  router.add({"POST", "/api/match/dequeue", http::Access::Authenticated,
              "Collect your duel once matched (202 while waiting)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto match = service.dequeue(request.principal->userId);
               if (!match) return std::unexpected(match.error());
               if (!*match) return http::Response::json({{"status", "waiting"}}, 202);
               return http::Response::json(
                   {{"match_id", (*match)->matchId}, {"problem_id", (*match)->problemId}});
             });

  router.add({"DELETE", "/api/match/queue", http::Access::Authenticated, "Leave the duel queue"},
             [&service](http::Request& request) -> Result<http::Response> {
               service.leave(request.principal->userId);
               return http::Response::noContent();
             });
}

}  // namespace arena::server::matchmaking
