#include "features/submissions/submit_request.hpp"

#include <limits>

#include "arena/protocol/json_reader.hpp"

namespace arena::server::submissions {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

bool isClientIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

}  // namespace

Result<SubmitRequest> parseSubmitRequest(const nlohmann::json& body,
                                         const SubmissionLimits& limits) {
  auto reader = protocol::readObject(body, "submission");
  if (!reader) return std::unexpected(reader.error());

  SubmitRequest request;
  // Read stdin first: it decides whether problem_id is required.
  request.stdinData = reader->optionalString("stdin", limits.maxStdinBytes);
  if (request.stdinData) {
    request.problemId = reader->optionalInteger("problem_id", 1, kMaxId);
  } else {
    request.problemId = reader->integer("problem_id", 1, kMaxId);
  }
  request.language = reader->string("language", 1, kMaxLanguageBytes);
  request.code = reader->string("code", 1, limits.maxCodeBytes);
  request.clientId = reader->optionalString("client_id", kMaxClientIdBytes);
  request.contestId = reader->optionalInteger("contest_id", 1, kMaxId);
  request.clientTime = reader->optionalTimestamp("client_time");
  if (reader->ok() && request.stdinData && request.contestId)
    reader->reject("contest_id", "a playground run (with stdin) is not a contest submission");
  if (reader->ok() && request.clientTime && !request.contestId)
    reader->reject("client_time", "only a contest submission carries a client time");
  if (reader->ok() && request.clientId) {
    if (request.clientId->empty()) {
      reader->reject("client_id", "must not be empty");
    } else {
      for (const char c : *request.clientId) {
        if (!isClientIdChar(c)) {
          reader->reject("client_id", "may contain only letters, digits, '_' and '-'");
          break;
        }
      }
    }
  }
  return reader->finish(std::move(request));
}

}  // namespace arena::server::submissions
