#include "features/contests/contest_routes.hpp"

#include <charconv>
#include <memory>

#include "http/json_body.hpp"

namespace arena::server::contests {

namespace {

constexpr std::size_t kMaxContestBody = 64 * 1024;
constexpr std::size_t kMaxParticipantsBody = 256 * 1024;  // a lab's worth of teams

Result<std::int64_t> contestId(const http::Request& request) {
  const std::string& text = request.pathParam("id");
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id < 1)
    return fail(ErrorCode::NotFound, "no contest with id '" + text.substr(0, 32) + "'");
  return id;
}

Result<http::Response> jsonOf(Result<nlohmann::json> value, int status = 200) {
  if (!value) return std::unexpected(value.error());
  return http::Response::json(*value, status);
}

}  // namespace

void registerContestRoutes(http::Router& router, ContestService& service) {
  router.add({"POST", "/api/contests", http::Access::Proctor, "Create a contest", true,
              kMaxContestBody},
             [&service](http::Request& request) -> Result<http::Response> {
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               return jsonOf(service.create(*body), 201);
             });

  router.add({"GET", "/api/contests", http::Access::Public,
              "List the contests you may see, with their state and the server time"},
             [&service](http::Request& request) { return jsonOf(service.list(request.principal)); });

  router.add({"GET", "/api/contests/{id}", http::Access::Public,
              "Read a contest: settings, state, server time for the countdown"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               return jsonOf(service.get(request.principal, *id));
             });

  router.add({"PUT", "/api/contests/{id}", http::Access::Proctor,
              "Replace a contest's settings and problem set", true, kMaxContestBody},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               return jsonOf(service.update(*id, *body));
             });

  router.add({"GET", "/api/contests/{id}/problems", http::Access::Public,
              "A contest's problems (hidden before the start)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               return jsonOf(service.problems(request.principal, *id, request.clientAddress));
             });

  router.add({"POST", "/api/contests/{id}/participants", http::Access::Proctor,
              "Add participants: users (teams of one) or teams", true, kMaxParticipantsBody},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               return jsonOf(service.addParticipants(*id, *body));
             });

  router.add({"GET", "/api/contests/{id}/participants", http::Access::Proctor,
              "A contest's teams and their members"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               return jsonOf(service.participants(*id));
             });

  router.add({"POST", "/api/contests/{id}/unfreeze", http::Access::Proctor,
              "Reveal the frozen scoreboard"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               return jsonOf(service.unfreeze(*id));
             });

  router.add({"GET", "/api/contests/{id}/scoreboard", http::Access::Public,
              "The scoreboard: public (frozen after the freeze) or view=jury for proctors"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               auto board = service.scoreboard(request.principal, *id, request.queryParam("view"));
               if (!board) return std::unexpected(board.error());
               auto response = http::Response::bytes(
                   std::make_shared<const std::string>(std::move(*board)));
               response.headers.emplace_back("Cache-Control", "no-store");
               return response;
             });

  router.add({"GET", "/api/contests/{id}/export.csv", http::Access::Proctor,
              "The final (jury) scoreboard as CSV"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               auto csv = service.exportCsv(*id);
               if (!csv) return std::unexpected(csv.error());
               auto response = http::Response::text(std::move(*csv), "text/csv; charset=utf-8");
               response.headers.emplace_back(
                   "Content-Disposition",
                   "attachment; filename=\"contest-" + std::to_string(*id) + ".csv\"");
               return response;
             });

  router.add({"GET", "/api/contests/{id}/scoreboard.html", http::Access::Proctor,
              "The scoreboard as a static HTML page to post (public view, or view=jury)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = contestId(request);
               if (!id) return std::unexpected(id.error());
               auto html = service.exportHtml(*id, request.queryParam("view"));
               if (!html) return std::unexpected(html.error());
               auto response = http::Response::text(std::move(*html), "text/html; charset=utf-8");
               response.headers.emplace_back(
                   "Content-Disposition",
                   "attachment; filename=\"contest-" + std::to_string(*id) + "-scoreboard.html\"");
               return response;
             });
}

}  // namespace arena::server::contests
