#pragma once
// The duel routes:
//   GET  /api/matches/{id}                  players and proctors (others 404): the match view
//   POST /api/matches/{id}/forfeit          a player gives up -> the view, finished
//   POST /api/matches                       proctor: {player1, player2, problem_id, rated?} -> 201
//   GET  /api/users/{id}/rating-history     public: the profile chart's series

#include <nlohmann/json.hpp>

#include "features/duels/duel_service.hpp"
#include "http/router.hpp"

namespace arena::server::duels {

// The view as JSON; the problem stays hidden from players during the countdown.
nlohmann::json matchViewJson(const MatchView& view, bool showProblemEarly);
nlohmann::json ratingPointJson(const RatingPoint& point);

void registerDuelRoutes(http::Router& router, DuelService& service);

}  // namespace arena::server::duels
