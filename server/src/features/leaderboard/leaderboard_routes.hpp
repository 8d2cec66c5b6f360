#pragma once
// The HTTP face of the leaderboard:
//   GET  /api/leaderboard/top?limit=50       (Public) cached bytes
//   GET  /api/leaderboard/snapshot/today     (Public) 404 until today's snapshot is taken
//   POST /api/leaderboard/snapshot           (Proctor) take today's now: 201, or 200 if it existed

#include "features/leaderboard/leaderboard_service.hpp"
#include "http/router.hpp"

namespace arena::server::leaderboard {

void registerLeaderboardRoutes(http::Router& router, LeaderboardService& service);

}  // namespace arena::server::leaderboard
