#include "features/problems/problem_request.hpp"

#include <algorithm>
#include <string>

#include "arena/protocol/json_reader.hpp"

namespace arena::server::problems {

namespace {

using B = ProblemBounds;
using nlohmann::json;

std::string between(std::int64_t low, std::int64_t high) {
  return "must be between " + std::to_string(low) + " and " + std::to_string(high);
}

Result<void> invalid(const std::string& field, const std::string& why) {
  return fail(ErrorCode::InvalidArgument, "problem." + field + ": " + why);
}

Result<model::Limits> parseLimits(const json& value) {
  auto reader = protocol::readObject(value, "problem.limits");
  if (!reader) return std::unexpected(reader.error());
  model::Limits limits;
  limits.timeLimitMs = static_cast<std::int32_t>(
      reader->integer("time_limit_ms", B::kMinTimeLimitMs, B::kMaxTimeLimitMs));
  limits.memoryLimitKb = static_cast<std::int32_t>(
      reader->integer("memory_limit_kb", B::kMinMemoryLimitKb, B::kMaxMemoryLimitKb));
  limits.outputLimitKb = static_cast<std::int32_t>(
      reader->integer("output_limit_kb", B::kMinOutputLimitKb, B::kMaxOutputLimitKb));
  return reader->finish(limits);
}

Result<model::TestCase> parseTest(const json& value, std::string path) {
  auto reader = protocol::readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::TestCase test;
  test.input = reader->string("input", 0, B::kMaxTestFileBytes);
  test.expectedOutput = reader->string("expected_output", 0, B::kMaxTestFileBytes);
  test.isPublic = reader->optionalBoolean("is_public").value_or(false);
  return reader->finish(std::move(test));
}

}  // namespace

bool isValidSlug(std::string_view slug) {
  return !slug.empty() && slug.size() <= B::kMaxSlugBytes &&
         std::all_of(slug.begin(), slug.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

Result<ProblemDraft> parseProblemBody(const json& body, TestsRequirement tests) {
  auto reader = protocol::readObject(body, "problem");
  if (!reader) return std::unexpected(reader.error());
  ProblemDraft draft;
  model::Problem& problem = draft.problem;
  problem.slug = reader->string("slug", 1, B::kMaxSlugBytes);
  if (reader->ok() && !isValidSlug(problem.slug)) {
    reader->reject("slug", "may contain only lowercase letters, digits and '-'");
  }
  problem.title = reader->string("title", 1, B::kMaxTitleBytes);
  problem.difficulty = reader->enumeration<model::Difficulty>("difficulty");
  problem.description = reader->string("description", 0, B::kMaxDescriptionBytes);
  if (!reader->ok()) return std::unexpected(reader->finish(0).error());

  if (body.contains("limits") && !body["limits"].is_null()) {
    auto limits = parseLimits(body["limits"]);
    if (!limits) return std::unexpected(limits.error());
    problem.limits = *limits;
  }

  const bool present = body.contains("tests") && !body["tests"].is_null();
  if (present) {
    auto list = reader->array<model::TestCase>("tests", B::kMaxTests, parseTest);
    if (!reader->ok()) return std::unexpected(reader->finish(0).error());
    if (list.empty()) {
      auto error = invalid("tests", "must hold at least one test");
      return std::unexpected(error.error());
    }
    draft.tests = std::move(list);
  } else if (tests == TestsRequirement::Required) {
    auto error = invalid("tests", "is required (at least one test)");
    return std::unexpected(error.error());
  }
  return draft;
}

Result<void> validateDraft(const ProblemDraft& draft) {
  const model::Problem& problem = draft.problem;
  if (!isValidSlug(problem.slug)) {
    return invalid("slug", "must be 1 to 64 of lowercase letters, digits and '-'");
  }
  if (problem.title.empty() || problem.title.size() > B::kMaxTitleBytes) {
    return invalid("title", "must be 1 to 200 bytes");
  }
  if (problem.description.size() > B::kMaxDescriptionBytes) {
    return invalid("description", "must be at most 262144 bytes");
  }
  const model::Limits& limits = problem.limits;
  if (limits.timeLimitMs < B::kMinTimeLimitMs || limits.timeLimitMs > B::kMaxTimeLimitMs) {
    return invalid("limits.time_limit_ms", between(B::kMinTimeLimitMs, B::kMaxTimeLimitMs));
  }
  if (limits.memoryLimitKb < B::kMinMemoryLimitKb || limits.memoryLimitKb > B::kMaxMemoryLimitKb) {
    return invalid("limits.memory_limit_kb", between(B::kMinMemoryLimitKb, B::kMaxMemoryLimitKb));
  }
  if (limits.outputLimitKb < B::kMinOutputLimitKb || limits.outputLimitKb > B::kMaxOutputLimitKb) {
    return invalid("limits.output_limit_kb", between(B::kMinOutputLimitKb, B::kMaxOutputLimitKb));
  }
  if (draft.tests) {
    if (draft.tests->empty()) return invalid("tests", "must hold at least one test");
    if (draft.tests->size() > B::kMaxTests) return invalid("tests", "must hold at most 500 tests");
    std::size_t total = 0;
    for (std::size_t i = 0; i < draft.tests->size(); ++i) {
      const model::TestCase& test = (*draft.tests)[i];
      const std::string field = "tests[" + std::to_string(i) + "]";
      if (test.input.size() > B::kMaxTestFileBytes)
        return invalid(field + ".input", "is over 16 MiB");
      if (test.expectedOutput.size() > B::kMaxTestFileBytes) {
        return invalid(field + ".expected_output", "is over 16 MiB");
      }
      total += test.input.size() + test.expectedOutput.size();
    }
    if (total > B::kMaxBodyBytes) return invalid("tests", "hold more than 64 MiB in total");
  }
  return {};
}

}  // namespace arena::server::problems
