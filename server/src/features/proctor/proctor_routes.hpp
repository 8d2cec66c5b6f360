#pragma once
// The proctor's tools over HTTP (all Access::Proctor):
//   POST /api/admin/accounts/import[?format=html&title=...]  body text/csv or
//        text/tab-separated-values -> 201 {"count", "accounts":[{id, username, display_name,
//        email, password}]}, or with format=html the printable sheet (text/html)
//   POST /api/submissions/{id}/rejudge   -> 202 {"rejudged": 1}
//   POST /api/problems/{slug}/rejudge    -> 202 {"rejudged": N}
//   GET  /api/admin/status               -> 200 toJson(ServerStatus)

#include <functional>

#include "features/proctor/account_import.hpp"
#include "features/proctor/rejudge_service.hpp"
#include "features/proctor/server_status.hpp"
#include "http/router.hpp"

namespace arena::server::proctor {

// A few thousand rows of username, name and email fit well under this.
inline constexpr std::size_t kMaxAccountTableBytes = 2 * 1024 * 1024;

void registerProctorRoutes(http::Router& router, AccountImporter& importer,
                           RejudgeService& rejudge, std::function<ServerStatus()> status);

}  // namespace arena::server::proctor
