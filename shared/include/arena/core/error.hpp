#pragma once
// The one error type of CodeArena. Every layer returns arena::Result<T>; the server turns an
// Error into the API body {"error": {"type", "message", "status"}} through the same code table,
// so a code means the same thing in a log line, a test and an HTTP response.

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace arena {

enum class ErrorCode {
  InvalidArgument,   // the caller sent something malformed or out of range
  Unauthenticated,   // no or bad credentials
  PermissionDenied,  // authenticated, but not allowed
  NotFound,
  MethodNotAllowed,  // the path exists, the HTTP method does not
  Conflict,          // state does not allow it (duplicate, already exists, wrong phase)
  PayloadTooLarge,
  UnsupportedMediaType,  // a body that is not JSON where JSON is required
  RateLimited,
  Unavailable,  // a dependency is down; retrying later may work
  Timeout,
  Internal,  // a bug or an unexpected host failure
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  bool retryable = false;

  friend bool operator==(const Error&, const Error&) = default;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for `return arena::fail(ErrorCode::NotFound, "no problem 'x'");`
inline std::unexpected<Error> fail(ErrorCode code, std::string message, bool retryable = false) {
  return std::unexpected(Error{code, std::move(message), retryable});
}

// The stable machine-readable name of a code, used as the API error "type".
std::string_view errorType(ErrorCode code);

// The HTTP status the API answers with for a code.
int httpStatus(ErrorCode code);

// Whether a code usually means "try again later" (used as the default for `retryable`).
bool isTransient(ErrorCode code);

}  // namespace arena
