#pragma once
// The bracket routes:
//   POST /api/brackets        proctor: {name, players:[id | username], rated?, problem_ids?}
//                             -> 201 the bracket, round-0 duels started
//   GET  /api/brackets        logged-in users: {"brackets":[summary...]}, newest first
//   GET  /api/brackets/{id}   logged-in users: the tree (rounds, slots, players, duel ids,
//                             winners, how each was decided, the champion)

#include <nlohmann/json.hpp>

#include "features/brackets/bracket_service.hpp"
#include "http/router.hpp"

namespace arena::server::brackets {

nlohmann::json bracketJson(const BracketRecord& bracket);
nlohmann::json summaryJson(const BracketSummary& summary);
// Parses the POST body; InvalidArgument with the field's path for anything malformed.
Result<BracketRequest> bracketRequestFromJson(const nlohmann::json& body);

void registerBracketRoutes(http::Router& router, BracketService& service);

}  // namespace arena::server::brackets
