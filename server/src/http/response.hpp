#pragma once
// One HTTP response as the features produce it. The body is shared so that bytes serialised
// once and cached (the problem list) go out on every request without a copy.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"

namespace arena::server::http {

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::shared_ptr<const std::string> body;  // null: empty body
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(const nlohmann::json& value, int status = 200);
  static Response bytes(std::shared_ptr<const std::string> body,
                        std::string contentType = "application/json", int status = 200);
  static Response text(std::string body, std::string contentType, int status = 200);
  static Response noContent();
  // {"error": {"type", "message", "status"}} with the code's HTTP status.
  static Response error(const Error& error);

  std::string_view bodyView() const { return body ? std::string_view(*body) : std::string_view(); }
};

}  // namespace arena::server::http
