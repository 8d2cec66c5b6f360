#include "features/clarifications/clarification_routes.hpp"

#include <charconv>
#include <optional>

#include "http/json_body.hpp"

namespace arena::server::clarifications {

namespace {

// A positive id from the path; NotFound otherwise (a word cannot name a row).
Result<std::int64_t> pathId(const http::Request& request, const std::string& what) {
  const std::string& text = request.pathParam("id");
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) {
    return fail(ErrorCode::NotFound, "no " + what + " with id '" + text + "'");
  }
  return value;
}

using Action = Result<nlohmann::json> (ClarificationService::*)(const http::Principal&,
                                                               std::int64_t,
                                                               const nlohmann::json&);

http::Handler withBody(ClarificationService& service, Action action, std::string what,
                       int status) {
  return [&service, action, what = std::move(what), status](
             http::Request& request) -> Result<http::Response> {
    auto id = pathId(request, what);
    if (!id) return std::unexpected(id.error());
    auto body = http::jsonBody(request);
    if (!body) return std::unexpected(body.error());
    auto result = (service.*action)(*request.principal, *id, *body);
    if (!result) return std::unexpected(result.error());
    return http::Response::json(*result, status);
  };
}

}  // namespace

void registerClarificationRoutes(http::Router& router, ClarificationService& service) {
  router.add({"POST", "/api/contests/{id}/clarifications", http::Access::Authenticated,
              "Ask the jury a question about the contest or one of its problems", true},
             withBody(service, &ClarificationService::ask, "contest", 201));

  router.add({"GET", "/api/contests/{id}/clarifications", http::Access::Authenticated,
              "Clarifications and announcements of a contest (yours and those to all; "
              "proctors: every one)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = pathId(request, "contest");
               if (!id) return std::unexpected(id.error());
               auto list = service.list(*request.principal, *id);
               if (!list) return std::unexpected(list.error());
               return http::Response::json(*list);
             });

  router.add({"POST", "/api/clarifications/{id}/answer", http::Access::Proctor,
              "Answer a clarification privately or to all", true},
             withBody(service, &ClarificationService::answer, "clarification", 200));

  router.add({"POST", "/api/contests/{id}/announcements", http::Access::Proctor,
              "Announce something to every participant of a contest", true},
             withBody(service, &ClarificationService::announce, "contest", 201));
}

}  // namespace arena::server::clarifications
