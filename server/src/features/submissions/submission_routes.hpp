#pragma once
// The HTTP face of the submission service:
//   POST /api/submissions        (Authenticated) submit, or run in the playground with "stdin"
//   GET  /api/submissions/{id}   (Authenticated) one submission: the owner's or any for proctors
//   GET  /api/submissions        (Authenticated) ?mine=1&limit=&cursor=, proctors also ?user_id=
//   GET  /api/languages          (Public)

#include "features/submissions/submission_service.hpp"
#include "http/router.hpp"

namespace arena::server::submissions {

void registerSubmissionRoutes(http::Router& router, SubmissionService& service);

}  // namespace arena::server::submissions
