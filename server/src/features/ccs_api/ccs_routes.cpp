#include "features/ccs_api/ccs_routes.hpp"

namespace arena::server::ccs_api {

namespace {

using Lookup = std::function<Result<nlohmann::json>(http::Request&)>;

http::Handler jsonRoute(Lookup lookup) {
  return [lookup = std::move(lookup)](http::Request& request) -> Result<http::Response> {
    auto value = lookup(request);
    if (!value) return std::unexpected(value.error());
    return http::Response::json(*value);
  };
}

// Checked (contest, caller, since_token) and given a place before anything is sent; then only
// the headers go out here and the streamer takes the connection.
Result<http::Response> eventFeed(CcsApiService& service, http::Request& request) {
  auto start = service.startFeed(request.principal, request.pathParam("id"),
                                 request.queryParam("since_token"));
  if (!start) return std::unexpected(start.error());
  auto slot = service.feeds().reserve();
  if (!slot) {
    return fail(ErrorCode::Unavailable,
                "too many event-feed readers (" +
                    std::to_string(service.feeds().options().maxFeeds) +
                    "); reconnect with the last since_token in a few seconds");
  }
  http::Response response;
  response.status = 200;
  response.contentType = "application/x-ndjson";
  response.headers.emplace_back("X-Accel-Buffering", "no");  // a proxy must pass lines on at once
  response.stream = [&feeds = service.feeds(), slot = std::move(slot),
                     start = std::move(*start)](std::unique_ptr<http::UpgradedSocket> socket) {
    feeds.adopt(slot, start, std::move(socket));
  };
  return response;
}

}  // namespace

void registerCcsRoutes(http::Router& router, CcsApiService& service) {
  const std::string base = service.options().base;
  const std::string contest = base + "/contests/{id}";
  router.add({"GET", base, http::Access::Public, "ICPC Contest API: API information"},
             jsonRoute([&service](http::Request&) -> Result<nlohmann::json> {
               return service.apiInfo();
             }));
  router.add({"GET", base + "/contests", http::Access::Public,
              "ICPC Contest API: the contests the caller may see"},
             jsonRoute([&service](http::Request& request) {
               return service.contests(request.principal);
             }));
  router.add({"GET", contest, http::Access::Public, "ICPC Contest API: one contest"},
             jsonRoute([&service](http::Request& request) {
               return service.contest(request.principal, request.pathParam("id"));
             }));
  router.add(
      {"GET", contest + "/state", http::Access::Public, "ICPC Contest API: the contest's state"},
      jsonRoute([&service](http::Request& request) {
        return service.state(request.principal, request.pathParam("id"));
      }));
  router.add({"GET", contest + "/scoreboard", http::Access::Public,
              "ICPC Contest API: the scoreboard (frozen for all but the jury)"},
             jsonRoute([&service](http::Request& request) {
               return service.scoreboard(request.principal, request.pathParam("id"));
             }));
  router.add({"GET", contest + "/{endpoint}", http::Access::Public,
              "ICPC Contest API: a collection (judgement-types, languages, problems, "
              "organizations, teams, submissions, judgements, runs, clarifications)"},
             jsonRoute([&service](http::Request& request) {
               return service.collection(request.principal, request.pathParam("id"),
                                         request.pathParam("endpoint"));
             }));
  router.add({"GET", contest + "/{endpoint}/{object_id}", http::Access::Public,
              "ICPC Contest API: one object of a collection"},
             jsonRoute([&service](http::Request& request) {
               return service.object(request.principal, request.pathParam("id"),
                                     request.pathParam("endpoint"), request.pathParam("object_id"));
             }));
  router.add({"GET", contest + "/event-feed", http::Access::Public,
              "ICPC Contest API: the event feed, an endless NDJSON stream from since_token on "
              "(a newline after 120 s of quiet; closed after end_of_updates)"},
             [&service](http::Request& request) -> Result<http::Response> {
               return eventFeed(service, request);
             });
}

}  // namespace arena::server::ccs_api
