#include "arena/protocol/api_error.hpp"

#include <array>

namespace arena::protocol {

namespace {

constexpr std::array kAllCodes{
    ErrorCode::InvalidArgument,  ErrorCode::Unauthenticated,
    ErrorCode::PermissionDenied, ErrorCode::NotFound,
    ErrorCode::MethodNotAllowed, ErrorCode::Conflict,
    ErrorCode::PayloadTooLarge,  ErrorCode::UnsupportedMediaType,
    ErrorCode::RateLimited,      ErrorCode::Unavailable,
    ErrorCode::Timeout,          ErrorCode::Internal,
};

}  // namespace

nlohmann::json apiErrorBody(const Error& error) {
  return {{"error",
           {{"type", errorType(error.code)},
            {"message", error.message},
            {"status", httpStatus(error.code)}}}};
}

Error parseApiErrorBody(const nlohmann::json& body, int status) {
  const auto* inner = body.is_object() && body.contains("error") ? &body["error"] : nullptr;
  if (inner == nullptr || !inner->is_object() || !inner->contains("type") ||
      !(*inner)["type"].is_string()) {
    return Error{ErrorCode::Internal,
                 "server answered HTTP " + std::to_string(status) + " without an error body",
                 status >= 500};
  }
  const auto& type = (*inner)["type"].get_ref<const std::string&>();
  std::string message = inner->contains("message") && (*inner)["message"].is_string()
                            ? (*inner)["message"].get<std::string>()
                            : type;
  for (ErrorCode code : kAllCodes) {
    if (errorType(code) == type) return Error{code, std::move(message), isTransient(code)};
  }
  return Error{ErrorCode::Internal, std::move(message), status >= 500};
}

}  // namespace arena::protocol
