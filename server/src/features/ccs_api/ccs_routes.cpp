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
              "ICPC Contest API: the event feed (NDJSON) after since_token, in bounded windows"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto body = service.eventFeed(request.principal, request.pathParam("id"),
                                             request.queryParam("since_token"));
               if (!body) return std::unexpected(body.error());
               return http::Response::text(std::move(*body), "application/x-ndjson");
             });
}

}  // namespace arena::server::ccs_api
