#pragma once
// Clarification routes (see clarification_service.hpp for rules and events):
//   POST /api/contests/{id}/clarifications    (Authenticated: participant or proctor) -> 201
//   GET  /api/contests/{id}/clarifications    (Authenticated) -> 200 {"clarifications":[...]}
//   POST /api/clarifications/{id}/answer      (Proctor) {answer, to_all} -> 200
//   POST /api/contests/{id}/announcements     (Proctor) {text, problem_id?} -> 201

#include "features/clarifications/clarification_service.hpp"
#include "http/router.hpp"

namespace arena::server::clarifications {

void registerClarificationRoutes(http::Router& router, ClarificationService& service);

}  // namespace arena::server::clarifications
