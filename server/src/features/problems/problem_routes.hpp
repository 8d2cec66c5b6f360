#pragma once
// The /api/problems routes of the API contract (server/README or the issue): the public
// catalogue (list, one problem with its samples) and the proctor's editing (tests, create,
// update, deactivate, import of a package zip).

#include "features/problems/problem_service.hpp"
#include "http/router.hpp"

namespace arena::server::problems {

void registerProblemRoutes(http::Router& router, ProblemService& service);

}  // namespace arena::server::problems
