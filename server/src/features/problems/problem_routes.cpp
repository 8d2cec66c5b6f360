#include "features/problems/problem_routes.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "arena/model/enum_names.hpp"
#include "arena/protocol/json_codecs.hpp"
#include "http/json_body.hpp"

namespace arena::server::problems {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

bool isProctor(const Request& request) {
  return request.principal.has_value() && request.principal->isProctor();
}

Result<std::optional<model::Difficulty>> difficultyParam(const Request& request) {
  const auto text = request.queryParam("difficulty");
  if (!text || text->empty()) return std::optional<model::Difficulty>{};
  const auto difficulty = model::enumFromName<model::Difficulty>(*text);
  if (!difficulty) {
    return fail(ErrorCode::InvalidArgument, "difficulty: unknown value '" + text->substr(0, 32) +
                                                "' (expected one of " +
                                                model::enumNameList<model::Difficulty>() + ")");
  }
  return std::optional<model::Difficulty>{*difficulty};
}

Result<Response> problemResponse(const Result<storage::ProblemRecord>& record, int status) {
  if (!record) return std::unexpected(record.error());
  json document = protocol::toJson(record->problem);
  document["is_active"] = record->isActive;
  return Response::json(document, status);
}

// The upload must say it is a zip; anything else is a client mistake worth naming.
bool isZipContentType(std::string_view type) {
  const std::string_view bare = type.substr(0, type.find(';'));
  return bare == "application/zip" || bare == "application/x-zip-compressed" ||
         bare == "application/octet-stream";
}

}  // namespace

void registerProblemRoutes(http::Router& router, ProblemService& service) {
  router.add({"GET", "/api/problems", Access::Public, "List the active problems"},
             [&service](Request& request) -> Result<Response> {
               auto difficulty = difficultyParam(request);
               if (!difficulty) return std::unexpected(difficulty.error());
               auto bytes = service.list(*difficulty);
               if (!bytes) return std::unexpected(bytes.error());
               return Response::bytes(*bytes);
             });

  router.add({"GET", "/api/problems/{slug}", Access::Public, "Open a problem with its samples"},
             [&service](Request& request) -> Result<Response> {
               const std::string& slug = request.pathParam("slug");
               auto bytes = isProctor(request) ? service.getForProctor(slug) : service.get(slug);
               if (!bytes) return std::unexpected(bytes.error());
               return Response::bytes(*bytes);
             });

  router.add({"GET", "/api/problems/{slug}/tests", Access::Proctor,
              "Every test of a problem, hidden ones included"},
             [&service](Request& request) -> Result<Response> {
               auto tests = service.tests(request.pathParam("slug"));
               if (!tests) return std::unexpected(tests.error());
               json list = json::array();
               for (const model::TestCase& test : *tests) {
                 list.push_back({{"id", test.id},
                                 {"input", test.input},
                                 {"expected_output", test.expectedOutput},
                                 {"is_public", test.isPublic}});
               }
               return Response::json(json{{"tests", std::move(list)}});
             });

  http::RouteSpec create{"POST", "/api/problems", Access::Proctor, "Create a problem"};
  create.jsonBody = true;
  create.maxBodyBytes = ProblemBounds::kMaxBodyBytes;
  router.add(create, [&service](Request& request) -> Result<Response> {
    auto body = http::jsonBody(request);
    if (!body) return std::unexpected(body.error());
    auto draft = parseProblemBody(*body, TestsRequirement::Required);
    if (!draft) return std::unexpected(draft.error());
    return problemResponse(service.create(*draft), 201);
  });

  http::RouteSpec update{"PUT", "/api/problems/{slug}", Access::Proctor,
                         "Replace a problem (and its tests when given)"};
  update.jsonBody = true;
  update.maxBodyBytes = ProblemBounds::kMaxBodyBytes;
  router.add(update, [&service](Request& request) -> Result<Response> {
    auto body = http::jsonBody(request);
    if (!body) return std::unexpected(body.error());
    auto draft = parseProblemBody(*body, TestsRequirement::Optional);
    if (!draft) return std::unexpected(draft.error());
    return problemResponse(service.update(request.pathParam("slug"), *draft), 200);
  });

  router.add({"DELETE", "/api/problems/{slug}", Access::Proctor,
              "Deactivate a problem (its rows are kept)"},
             [&service](Request& request) -> Result<Response> {
               auto done = service.deactivate(request.pathParam("slug"));
               if (!done) return std::unexpected(done.error());
               return Response::noContent();
             });

  http::RouteSpec importSpec{"POST", "/api/problems/import", Access::Proctor,
                             "Import a Kattis or DOMjudge problem package zip"};
  importSpec.maxBodyBytes = ProblemBounds::kMaxBodyBytes;
  router.add(importSpec, [&service](Request& request) -> Result<Response> {
    if (!isZipContentType(request.header("content-type"))) {
      return fail(ErrorCode::UnsupportedMediaType,
                  "the body must be a problem package zip (Content-Type: application/zip)");
    }
    if (request.body.empty()) return fail(ErrorCode::InvalidArgument, "the body is empty");
    ImportOptions options;
    if (auto slug = request.queryParam("slug"); slug && !slug->empty()) options.slug = *slug;
    auto difficulty = difficultyParam(request);
    if (!difficulty) return std::unexpected(difficulty.error());
    if (*difficulty) options.difficulty = **difficulty;
    return problemResponse(service.importZip(request.body, options), 201);
  });
}

}  // namespace arena::server::problems
