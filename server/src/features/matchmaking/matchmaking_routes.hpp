#pragma once
// The HTTP face of the duel queue (issue 10):
//   POST   /api/match/enqueue  (Authenticated) -> 200 {"status":"queued"}; again: harmless
//   POST   /api/match/dequeue  (Authenticated) -> 200 {"match_id","problem_id"} once matched,
//                                                 202 {"status":"waiting"} before; 404 when
//                                                 not queued
//   DELETE /api/match/queue    (Authenticated) -> 204 (also when not queued)
//   GET    /api/match/queue    (Authenticated) -> 200 {"status": "idle"|"queued"|"matched",
//                                                 "waited_ms", "rating", "rating_gap",
//                                                 "queue_size", "match_id": id|null}; runs no
//                                                 round (the ticker and dequeue do)

#include "features/matchmaking/matchmaking_service.hpp"
#include "http/router.hpp"

namespace arena::server::matchmaking {

void registerMatchmakingRoutes(http::Router& router, MatchmakingService& service);

}  // namespace arena::server::matchmaking
