#include "arena/core/error.hpp"

namespace arena {

namespace {

struct CodeInfo {
  std::string_view type;
  int status;
  bool transient;
};

CodeInfo info(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return {"invalid_argument", 400, false};
    case ErrorCode::Unauthenticated: return {"unauthenticated", 401, false};
    case ErrorCode::PermissionDenied: return {"permission_denied", 403, false};
    case ErrorCode::NotFound: return {"not_found", 404, false};
    case ErrorCode::MethodNotAllowed: return {"method_not_allowed", 405, false};
    case ErrorCode::Conflict: return {"conflict", 409, false};
    case ErrorCode::PayloadTooLarge: return {"payload_too_large", 413, false};
    case ErrorCode::UnsupportedMediaType: return {"unsupported_media_type", 415, false};
    case ErrorCode::RateLimited: return {"rate_limited", 429, true};
    case ErrorCode::Unavailable: return {"unavailable", 503, true};
    case ErrorCode::Timeout: return {"timeout", 504, true};
    case ErrorCode::Internal: return {"internal", 500, false};
  }
  return {"internal", 500, false};
}

}  // namespace

std::string_view errorType(ErrorCode code) { return info(code).type; }
int httpStatus(ErrorCode code) { return info(code).status; }
bool isTransient(ErrorCode code) { return info(code).transient; }

}  // namespace arena
