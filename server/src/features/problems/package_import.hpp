#pragma once
// From a problem package (as judge::readProblemPackage reads it) to the rows the catalogue
// stores: slug, title, Markdown description, limits and test cases in judging order (the
// samples public, everything else hidden).

#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "arena/judge/problem_package.hpp"
#include "features/problems/problem_request.hpp"
#include "features/problems/problem_service.hpp"

namespace arena::server::problems {

// Limits the judge applies when a package leaves them unset (judge::JudgeOptions' defaults).
struct ImportDefaults {
  static constexpr std::int32_t kTimeLimitMs = 2000;
  static constexpr std::int32_t kMemoryLimitKb = 256 * 1024;
  static constexpr std::int32_t kOutputLimitKb = 64 * 1024;
};

// Lower-cases and replaces every run of other characters with one '-': "Pair Sum!" ->
// "pair-sum". "" when nothing usable is left.
std::string sanitizeSlug(std::string_view text);

// Reads the statement and the test files; the result is validated like a request body.
Result<ProblemDraft> draftFromPackage(const judge::ProblemPackage& package,
                                      const ImportOptions& options);

}  // namespace arena::server::problems
