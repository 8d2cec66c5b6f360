#pragma once
// The awards-ceremony reveal's route (contest_reveal.hpp):
//   POST /api/contests/{id}/reveal/step  (Proctor) -> 200 the revealed cell and the progress;
//   404 unknown contest, 409 no freeze / not ended / already unfrozen.

#include "features/contests/contest_reveal.hpp"
#include "http/router.hpp"

namespace arena::server::contests {

void registerRevealRoutes(http::Router& router, RevealService& service);

}  // namespace arena::server::contests
