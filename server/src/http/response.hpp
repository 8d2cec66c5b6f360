#pragma once
// One HTTP response as the features produce it. The body is shared so that bytes serialised
// once and cached (the problem list) go out on every request without a copy.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "upgraded_socket.hpp"

namespace arena::server::http {

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::shared_ptr<const std::string> body;  // null: empty body
  std::vector<std::pair<std::string, std::string>> headers;
  // A streamed answer (the Contest API's event feed): when set, the HTTP front writes the status
  // line and headers without a Content-Length and with "Connection: close" (the body ends when
  // the connection does), then hands the connection to this callee, which writes the body for
  // as long as it likes; the request's thread returns to its pool. Not called for HEAD, or when
  // the headers could not be written. Must not block.
  std::function<void(std::unique_ptr<UpgradedSocket>)> stream;

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
