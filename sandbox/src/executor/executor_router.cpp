#include "executor_router.hpp"

#include <algorithm>
#include <cctype>

#include "arena/protocol/api_error.hpp"

namespace arena::executor {

namespace {

std::string dump(const nlohmann::json& json) {
  // Program output need not be UTF-8: replace invalid bytes instead of throwing.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse jsonResponse(int status, const nlohmann::json& json) {
  HttpResponse response;
  response.status = status;
  response.body = dump(json);
  return response;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

HttpResponse errorResponse(const Error& error) {
  return jsonResponse(httpStatus(error.code), protocol::apiErrorBody(error));
}

bool isJsonContentType(std::string_view contentType) {
  std::string type = lower(contentType.substr(0, contentType.find(';')));
  const auto first = type.find_first_not_of(" \t");
  const auto last = type.find_last_not_of(" \t");
  if (first == std::string::npos) return true;  // absent or empty: assume JSON
  type = type.substr(first, last - first + 1);
  return type == "application/json" ||
         (type.starts_with("application/") && type.ends_with("+json"));
}

std::string ExecutorRouter::allowedMethods(std::string_view path) {
  if (path == "/healthz" || path == "/languages") return "GET, HEAD";
  if (path == "/execute") return "POST";
  return {};
}

HttpResponse ExecutorRouter::handle(const HttpRequest& request) const {
  const std::string allowed = allowedMethods(request.path);
  if (allowed.empty()) {
    return errorResponse({ErrorCode::NotFound, "no route " + request.path});
  }
  const bool isGet = request.method == "GET" || request.method == "HEAD";
  if (request.path == "/execute" && request.method == "POST") return execute(request);
  if (request.path == "/healthz" && isGet) return jsonResponse(200, {{"status", "ok"}});
  if (request.path == "/languages" && isGet) return jsonResponse(200, m_service.languagesJson());

  HttpResponse response = errorResponse(
      {ErrorCode::MethodNotAllowed, request.method + " is not allowed on " + request.path});
  response.headers.emplace_back("Allow", allowed);
  return response;
}

HttpResponse ExecutorRouter::execute(const HttpRequest& request) const {
  if (!isJsonContentType(request.contentType)) {
    return errorResponse(
        {ErrorCode::UnsupportedMediaType,
         "Content-Type must be application/json, got '" + request.contentType + "'"});
  }
  if (request.body.size() > kMaxBodyBytes) {
    return errorResponse({ErrorCode::PayloadTooLarge,
                          "request body over " + std::to_string(kMaxBodyBytes) + " bytes"});
  }
  auto parsed = parseExecuteRequest(request.body);
  if (!parsed) return errorResponse(parsed.error());
  auto result = m_service.execute(*parsed);
  if (!result) return errorResponse(result.error());
  HttpResponse response = jsonResponse(200, result->toJson());
  response.headers.emplace_back("X-Arena-Compile-Cache", result->compileCache);
  return response;
}

}  // namespace arena::executor
