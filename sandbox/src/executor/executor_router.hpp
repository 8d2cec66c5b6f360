#pragma once
// Routing and error mapping of arena-executor, free of Poco so it is a plain function of a
// request: the Poco handler only reads the body (bounded) and writes what this returns.
//
//   GET  /healthz     {"status":"ok"}
//   GET  /languages   {"languages":[{id,name,aliases,source_file,compiled,available}]}
//   POST /execute     ExecuteResponse as JSON; header X-Arena-Compile-Cache: hit|miss|none
//   other method on a known path: 405 with Allow; unknown path: 404
// Errors are always {"error":{"type","message","status"}}.

#include <string>
#include <utility>
#include <vector>

#include "arena/core/error.hpp"
#include "executor_service.hpp"

namespace arena::executor {

struct HttpRequest {
  std::string method;
  std::string path;         // without the query string
  std::string contentType;  // empty when absent
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The error body {"error": {"type", "message", "status"}} through the shared codec.
HttpResponse errorResponse(const Error& error);

// Whether a Content-Type names JSON: application/json or application/<x>+json, any parameters.
// An absent Content-Type is accepted as JSON (curl -d without -H sends form encoding: that is
// rejected with 415 so the mistake is visible).
bool isJsonContentType(std::string_view contentType);

class ExecutorRouter {
 public:
  explicit ExecutorRouter(ExecutorService& service) : m_service(service) {}

  HttpResponse handle(const HttpRequest& request) const;

  // Whether `path` is served, and which methods it allows ("" when unknown): the HTTP layer
  // answers 404/405 before reading a body.
  static std::string allowedMethods(std::string_view path);

 private:
  HttpResponse execute(const HttpRequest& request) const;

  ExecutorService& m_service;
};

}  // namespace arena::executor
