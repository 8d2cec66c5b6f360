#pragma once
// Helpers to turn a failed system call into an arena::Error naming the step and errno, so that
// every setup step reads `if (auto r = step(); !r) return r;` and the message says what failed.

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::sandbox::detail {

using StepResult = Result<void>;

inline std::unexpected<Error> sysFail(std::string_view step, int err = errno) {
  std::string message(step);
  message += ": ";
  message += std::strerror(err);
  return fail(ErrorCode::Internal, std::move(message));
}

inline StepResult ok() { return {}; }

}  // namespace arena::sandbox::detail
