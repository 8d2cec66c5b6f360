#pragma once
// The contest routes (see contest_service.hpp for the rules and openapi.json for the shapes).
//
//   POST /api/contests                         Proctor  create            -> 201 contest
//   GET  /api/contests                         Public   list visible      -> {contests, server_time}
//   GET  /api/contests/{id}                    Public   one, with state and server_time
//   PUT  /api/contests/{id}                    Proctor  replace settings and problems
//   GET  /api/contests/{id}/problems           Public   the problem set (403 before the start)
//   POST /api/contests/{id}/participants       Proctor  add users / teams -> {teams, errors}
//   GET  /api/contests/{id}/participants       Proctor  the teams
//   POST /api/contests/{id}/unfreeze           Proctor  reveal the frozen board
//   GET  /api/contests/{id}/scoreboard?view=   Public   public board; view=jury for proctors
//   GET  /api/contests/{id}/export.csv         Proctor  the final (jury) board as CSV

#include "features/contests/contest_service.hpp"
#include "http/router.hpp"

namespace arena::server::contests {

void registerContestRoutes(http::Router& router, ContestService& service);

}  // namespace arena::server::contests
