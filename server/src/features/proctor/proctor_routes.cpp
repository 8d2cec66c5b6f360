#include "features/proctor/proctor_routes.hpp"

#include <charconv>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "features/proctor/account_sheet.hpp"

namespace arena::server::proctor {

namespace {

std::optional<std::int64_t> parseId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// ',' for text/csv, '\t' for text/tab-separated-values (parameters such as charset ignored).
Result<char> delimiterFor(std::string_view contentType) {
  std::string type(contentType.substr(0, contentType.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (type == "text/csv") return ',';
  if (type == "text/tab-separated-values") return '\t';
  return fail(ErrorCode::UnsupportedMediaType,
              "send the table as text/csv or text/tab-separated-values");
}

nlohmann::json accountsJson(const std::vector<ImportedAccount>& accounts) {
  nlohmann::json list = nlohmann::json::array();
  for (const ImportedAccount& account : accounts) {
    list.push_back({{"id", account.user.id},
                    {"username", account.user.username},
                    {"display_name", account.displayName},
                    {"email", account.user.email},
                    {"password", account.password}});
  }
  return {{"count", accounts.size()}, {"accounts", std::move(list)}};
}

}  // namespace

void registerProctorRoutes(http::Router& router, AccountImporter& importer,
                           RejudgeService& rejudge, std::function<ServerStatus()> status) {
  router.add({"POST", "/api/admin/accounts/import", http::Access::Proctor,
              "Create accounts in bulk from a CSV/TSV table (username, display name, email); "
              "answers the generated passwords once, as JSON or ?format=html (printable sheet)",
              false, kMaxAccountTableBytes},
             [&importer](http::Request& request) -> Result<http::Response> {
               auto delimiter = delimiterFor(request.header("content-type"));
               if (!delimiter) return std::unexpected(delimiter.error());
               const std::string format = request.queryParam("format").value_or("json");
               if (format != "json" && format != "html") {
                 return fail(ErrorCode::InvalidArgument, "format must be json or html");
               }
               auto accounts = importer.import(request.body, *delimiter);
               if (!accounts) return std::unexpected(accounts.error());
               if (format == "html") {
                 const std::string title =
                     request.queryParam("title").value_or("CodeArena accounts");
                 std::vector<SheetCard> cards;
                 for (const ImportedAccount& account : *accounts) {
                   cards.push_back({account.displayName, account.user.username, account.password});
                 }
                 return http::Response::text(renderAccountSheet(cards, title.substr(0, 200)),
                                             "text/html; charset=utf-8", 201);
               }
               return http::Response::json(accountsJson(*accounts), 201);
             });

  router.add({"POST", "/api/submissions/{id}/rejudge", http::Access::Proctor,
              "Judge one submission again (its verdict is reset; events follow as usual)"},
             [&rejudge](http::Request& request) -> Result<http::Response> {
               const auto id = parseId(request.pathParam("id"));
               if (!id) {
                 return fail(ErrorCode::NotFound,
                             "no submission with id '" + request.pathParam("id") + "'");
               }
               auto count = rejudge.rejudgeSubmission(*id);
               if (!count) return std::unexpected(count.error());
               return http::Response::json({{"rejudged", *count}}, 202);
             });

  router.add({"POST", "/api/problems/{slug}/rejudge", http::Access::Proctor,
              "Judge every submission of a problem again"},
             [&rejudge](http::Request& request) -> Result<http::Response> {
               auto count = rejudge.rejudgeProblem(request.pathParam("slug"));
               if (!count) return std::unexpected(count.error());
               return http::Response::json({{"rejudged", *count}}, 202);
             });

  router.add({"GET", "/api/admin/status", http::Access::Proctor,
              "The judge queue, judge workers and live connections at a glance"},
             [status = std::move(status)](http::Request&) -> Result<http::Response> {
               return http::Response::json(toJson(status()));
             });
}

}  // namespace arena::server::proctor
