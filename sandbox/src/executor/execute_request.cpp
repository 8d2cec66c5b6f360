#include "execute_request.hpp"

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace arena::executor {

namespace {

using nlohmann::json;

std::unexpected<Error> invalid(std::string message) {
  return fail(ErrorCode::InvalidArgument, std::move(message));
}

std::string typeName(const json& value) {
  if (value.is_number()) return "number";
  return value.type_name();
}

std::unexpected<Error> wrongType(const char* field, const char* expected, const json& value) {
  return invalid(std::string("'") + field + "' must be " + expected + ", got " + typeName(value));
}

std::unexpected<Error> tooLarge(const char* field, std::size_t size, std::size_t limit) {
  return fail(ErrorCode::PayloadTooLarge, std::string("'") + field + "' is " +
                                              std::to_string(size) + " bytes; the limit is " +
                                              std::to_string(limit));
}

}  // namespace

Result<ExecuteRequest> parseExecuteRequest(std::string_view body) {
  const json root = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return invalid("request body is not valid JSON");
  if (!root.is_object()) return invalid("request body must be a JSON object");

  static const std::set<std::string> kKnown = {"language",           "code",
                                               "stdin",              "time_limit_seconds",
                                               "memory_limit_mb",    "expected_output"};
  for (const auto& [key, value] : root.items()) {
    if (!kKnown.contains(key)) {
      return invalid("unknown field '" + key +
                     "'; allowed: language, code, stdin, time_limit_seconds, memory_limit_mb, "
                     "expected_output");
    }
  }

  ExecuteRequest request;

  if (!root.contains("language") || root.at("language").is_null()) {
    return invalid("'language' is required");
  }
  if (!root.at("language").is_string()) return wrongType("language", "a string", root.at("language"));
  request.language = root.at("language").get<std::string>();
  if (request.language.empty()) return invalid("'language' must not be empty");

  if (!root.contains("code") || root.at("code").is_null()) return invalid("'code' is required");
  if (!root.at("code").is_string()) return wrongType("code", "a string", root.at("code"));
  request.code = root.at("code").get<std::string>();
  if (request.code.empty()) return invalid("'code' must not be empty");
  if (request.code.size() > kMaxCodeBytes) {
    return tooLarge("code", request.code.size(), kMaxCodeBytes);
  }

  if (root.contains("stdin") && !root.at("stdin").is_null()) {
    if (!root.at("stdin").is_string()) return wrongType("stdin", "a string", root.at("stdin"));
    request.stdinData = root.at("stdin").get<std::string>();
    if (request.stdinData.size() > kMaxStdinBytes) {
      return tooLarge("stdin", request.stdinData.size(), kMaxStdinBytes);
    }
  }

  if (!root.contains("time_limit_seconds") || root.at("time_limit_seconds").is_null()) {
    return invalid("'time_limit_seconds' is required");
  }
  const json& time = root.at("time_limit_seconds");
  if (!time.is_number()) return wrongType("time_limit_seconds", "a number", time);
  request.timeLimitSeconds = time.get<double>();
  if (!std::isfinite(request.timeLimitSeconds) || request.timeLimitSeconds <= 0 ||
      request.timeLimitSeconds > kMaxTimeLimitSeconds) {
    return invalid("'time_limit_seconds' must be in (0, 10]");
  }

  if (root.contains("memory_limit_mb") && !root.at("memory_limit_mb").is_null()) {
    const json& memory = root.at("memory_limit_mb");
    if (!memory.is_number_integer()) {
      return wrongType("memory_limit_mb", "an integer", memory);
    }
    const bool negative = memory.is_number_integer() && !memory.is_number_unsigned() &&
                          memory.get<std::int64_t>() < 0;
    if (negative || memory.get<std::uint64_t>() < static_cast<std::uint64_t>(kMinMemoryMb) ||
        memory.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxMemoryMb)) {
      return invalid("'memory_limit_mb' must be in [16, 1024]");
    }
    request.memoryLimitMb = memory.get<std::int64_t>();
  }

  if (root.contains("expected_output") && !root.at("expected_output").is_null()) {
    const json& expected = root.at("expected_output");
    if (!expected.is_string()) return wrongType("expected_output", "a string or null", expected);
    request.expectedOutput = expected.get<std::string>();
    if (request.expectedOutput->size() > kMaxExpectedBytes) {
      return tooLarge("expected_output", request.expectedOutput->size(), kMaxExpectedBytes);
    }
  }
  return request;
}

}  // namespace arena::executor
