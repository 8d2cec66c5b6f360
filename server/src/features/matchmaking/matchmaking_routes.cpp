#include "features/matchmaking/matchmaking_routes.hpp"

#include <nlohmann/json.hpp>

namespace arena::server::matchmaking {
namespace {

const char* phaseName(QueuePhase phase) {
  switch (phase) {
    case QueuePhase::Queued: return "queued";
    case QueuePhase::Matched: return "matched";
    case QueuePhase::Idle: break;
  }
  return "idle";
}

}  // namespace

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

  router.add({"GET", "/api/match/queue", http::Access::Authenticated,
              "Where you stand in the duel queue (for the lobby)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto status = service.status(request.principal->userId);
               if (!status) return std::unexpected(status.error());
               return http::Response::json(
                   {{"status", phaseName(status->phase)},
                    {"waited_ms", status->waited.count()},
                    {"rating", status->rating},
                    {"rating_gap", status->ratingGap},
                    {"queue_size", status->queueSize},
                    {"match_id", status->matchId ? nlohmann::json(*status->matchId) : nullptr}});
             });

  router.add({"DELETE", "/api/match/queue", http::Access::Authenticated, "Leave the duel queue"},
             [&service](http::Request& request) -> Result<http::Response> {
               service.leave(request.principal->userId);
               return http::Response::noContent();
             });
}

}  // namespace arena::server::matchmaking
