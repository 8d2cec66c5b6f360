#pragma once
// The body of POST /execute, validated. Parsing is a pure function so every rejection has a
// unit test without a server; the HTTP layer only adds the body-size and Content-Type checks.
//
// Accepted fields (anything else is rejected, so a typo like "timelimit" is not silently
// ignored):
//   language            string, required; an id or alias from the language table
//   code                string, required, non-empty, at most kMaxCodeBytes (else 413)
//   stdin               string, optional (default ""), at most kMaxStdinBytes (else 413)
//   time_limit_seconds  number, required, 0 < t <= kMaxTimeLimitSeconds (CPU time)
//   memory_limit_mb     integer, optional (default kDefaultMemoryMb), in [kMin, kMax]
//   expected_output     string or null, optional, at most kMaxExpectedBytes (else 413)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::executor {

inline constexpr double kMaxTimeLimitSeconds = 10.0;
inline constexpr std::int64_t kMinMemoryMb = 16;
inline constexpr std::int64_t kMaxMemoryMb = 1024;
inline constexpr std::int64_t kDefaultMemoryMb = 256;
inline constexpr std::size_t kMaxCodeBytes = 64 * 1024;
inline constexpr std::size_t kMaxStdinBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxExpectedBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxBodyBytes = 10 * 1024 * 1024;

struct ExecuteRequest {
  std::string language;
  std::string code;
  std::string stdinData;
  double timeLimitSeconds = 0;
  std::int64_t memoryLimitMb = kDefaultMemoryMb;
  std::optional<std::string> expectedOutput;
};

// InvalidArgument for malformed or out-of-range input, PayloadTooLarge for oversized fields.
// The language is only checked to be a non-empty string here; the service knows the table.
Result<ExecuteRequest> parseExecuteRequest(std::string_view body);

}  // namespace arena::executor
