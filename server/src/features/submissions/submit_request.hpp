#pragma once
// The body of POST /api/submissions, decoded and checked before anything touches storage. One
// endpoint carries two things: a submission to judge (no "stdin") and a playground run ("stdin"
// present, even empty), so the decoder decides which and checks the fields that one needs.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::submissions {

struct SubmissionLimits {
  std::size_t maxCodeBytes = 64 * 1024;
  std::size_t maxStdinBytes = 1024 * 1024;
};

// The client's own id for a submission, so a retried upload is not judged twice.
constexpr std::size_t kMaxClientIdBytes = 64;
constexpr std::size_t kMaxLanguageBytes = 32;

struct SubmitRequest {
  std::optional<std::int64_t> problemId;  // always set for a submission; optional for playground
  std::string language;                   // as sent: not yet checked against the language list
  std::string code;
  std::optional<std::string> stdinData;  // present: a playground run
  std::optional<std::string> clientId;
  // A submission to a contest; client_time: the desktop's local time of an offline submission
  // (the contest decides whether it counts, see contests::ContestService::admit).
  std::optional<std::int64_t> contestId;
  std::optional<Timestamp> clientTime;

  bool isPlayground() const { return stdinData.has_value(); }
};

// InvalidArgument naming the field ("submission.code: must be at most 65536 bytes").
Result<SubmitRequest> parseSubmitRequest(const nlohmann::json& body,
                                         const SubmissionLimits& limits);

}  // namespace arena::server::submissions
