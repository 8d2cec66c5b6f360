#pragma once
// The body of POST /api/problems and PUT /api/problems/{slug}, decoded and checked in one
// place so the routes, the importer and the tests agree on what a valid problem is. Every
// rejection is InvalidArgument and names the field ("problem.limits.time_limit_ms: must be
// between 100 and 30000").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/model/problem.hpp"

namespace arena::server::problems {

// Bounds of what a proctor may store; the judge must be able to run what is accepted here.
struct ProblemBounds {
  static constexpr std::size_t kMaxSlugBytes = 64;
  static constexpr std::size_t kMaxTitleBytes = 200;
  static constexpr std::size_t kMaxDescriptionBytes = 256 * 1024;
  static constexpr std::int32_t kMinTimeLimitMs = 100;
  static constexpr std::int32_t kMaxTimeLimitMs = 30'000;
  static constexpr std::int32_t kMinMemoryLimitKb = 16 * 1024;
  static constexpr std::int32_t kMaxMemoryLimitKb = 2 * 1024 * 1024;
  static constexpr std::int32_t kMinOutputLimitKb = 1;
  static constexpr std::int32_t kMaxOutputLimitKb = 256 * 1024;
  static constexpr std::size_t kMaxTests = 500;
  static constexpr std::size_t kMaxTestFileBytes = 16 * 1024 * 1024;
  static constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;
};

// A problem as a proctor writes it. `tests` is unset on an update that keeps the tests.
struct ProblemDraft {
  model::Problem problem;  // id ignored
  std::optional<std::vector<model::TestCase>> tests;
};

enum class TestsRequirement { Required, Optional };

// Decodes a create/update body. Limits default to model::Limits{} when absent.
Result<ProblemDraft> parseProblemBody(const nlohmann::json& body, TestsRequirement tests);

// Checks a draft built in code (the importer) against the same bounds as a request body.
Result<void> validateDraft(const ProblemDraft& draft);

bool isValidSlug(std::string_view slug);

}  // namespace arena::server::problems
