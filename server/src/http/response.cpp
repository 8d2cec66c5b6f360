#include "response.hpp"

#include "arena/protocol/api_error.hpp"

namespace arena::server::http {

Response Response::json(const nlohmann::json& value, int status) {
  // Invalid UTF-8 in a string (user input echoed back) is replaced rather than thrown on.
  return bytes(std::make_shared<const std::string>(
                   value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)),
               "application/json", status);
}

Response Response::bytes(std::shared_ptr<const std::string> body, std::string contentType,
                         int status) {
  Response response;
  response.status = status;
  response.contentType = std::move(contentType);
  response.body = std::move(body);
  return response;
}

Response Response::text(std::string body, std::string contentType, int status) {
  return bytes(std::make_shared<const std::string>(std::move(body)), std::move(contentType),
               status);
}

Response Response::noContent() {
  Response response;
  response.status = 204;
  response.contentType.clear();
  return response;
}

Response Response::error(const Error& error) {
  return json(protocol::apiErrorBody(error), httpStatus(error.code));
}

}  // namespace arena::server::http
