#pragma once
// The ICPC Contest API's read routes under the configured base (default /api/ccs):
//   GET {base}                                       API information
//   GET {base}/contests, /contests/{id}              contests the caller may see
//   GET {base}/contests/{id}/state|scoreboard        state, scoreboard
//   GET {base}/contests/{id}/{endpoint}[/{object}]   judgement-types languages problems
//                                                    organizations teams submissions judgements
//                                                    runs clarifications
//   GET {base}/contests/{id}/event-feed[?since_token=T]  NDJSON (application/x-ndjson), an
//                                                    endless stream (ccs_feed_streamer.hpp)
// All are public routes: the caller's token, when given, decides jury/team/public.
#include "features/ccs_api/ccs_api_service.hpp"
#include "http/router.hpp"

namespace arena::server::ccs_api {

void registerCcsRoutes(http::Router& router, CcsApiService& service);

}  // namespace arena::server::ccs_api
