#include "features/submissions/submission_routes.hpp"

#include <charconv>
#include <cstdint>

#include "http/json_body.hpp"

namespace arena::server::submissions {

namespace {

// JSON escaping can grow a string, so the body limit leaves room above code + stdin.
std::size_t maxBodyBytes(const SubmissionLimits& limits) {
  return limits.maxCodeBytes + limits.maxStdinBytes + limits.maxStdinBytes / 8 + 64 * 1024;
}

std::optional<std::int64_t> parseId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

void registerSubmissionRoutes(http::Router& router, SubmissionService& service) {
  router.add({"POST", "/api/submissions", http::Access::Authenticated,
              "Submit code for judging, or run it on your own input (playground) with \"stdin\"",
              true, maxBodyBytes(service.limits())},
             [&service](http::Request& request) -> Result<http::Response> {
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               auto outcome = service.submit(*request.principal, *body, request.clientAddress);
               if (!outcome) return std::unexpected(outcome.error());
               return http::Response::json(outcome->body, outcome->status);
             });

  router.add({"GET", "/api/submissions/{id}", http::Access::Authenticated,
              "One submission with its code and per-test results (yours, or any for proctors)"},
             [&service](http::Request& request) -> Result<http::Response> {
               const auto id = parseId(request.pathParam("id"));
               // Not a number cannot name a submission: the same answer as an unknown id.
               if (!id)
                 return fail(ErrorCode::NotFound,
                             "no submission with id '" + request.pathParam("id") + "'");
               auto submission = service.get(*request.principal, *id);
               if (!submission) return std::unexpected(submission.error());
               return http::Response::json(*submission);
             });

  router.add({"GET", "/api/submissions", http::Access::Authenticated,
              "Your submissions, newest first, paged by cursor (proctors: any user's by user_id)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto page = service.list(*request.principal,
                                        {request.queryParam("user_id"), request.queryParam("limit"),
                                         request.queryParam("cursor")});
               if (!page) return std::unexpected(page.error());
               return http::Response::json(*page);
             });

  router.add({"GET", "/api/languages", http::Access::Public, "Languages the judge accepts"},
             [&service](http::Request&) -> Result<http::Response> {
               return http::Response::json(service.languages());
             });
}

}  // namespace arena::server::submissions
