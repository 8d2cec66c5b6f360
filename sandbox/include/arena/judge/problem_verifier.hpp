#pragma once
// Verifying a problem package: judge every submission it ships and compare with what the
// package expects of it (its directory, an `@EXPECTED_RESULTS@:` tag, submissions.yaml; the
// package reader has already folded these into PackageSubmission::expected and the score
// range). This is `arena-admin verify-problem`.
//
// When the package gives no time limit, the accepted submissions are judged first with a
// generous limit and the limit is inferred from the slowest (inferTimeLimitMs), as Kattis does.
// Submissions in a language this judge does not have, or that cannot be read as one program,
// are reported as skipped, never dropped.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/language.hpp"
#include "arena/judge/problem_package.hpp"
#include "arena/model/verdict.hpp"

namespace arena::judge {

enum class VerifyStatus { Passed, Failed, Skipped };

struct SubmissionCheck {
  std::string path;      // package-relative: "submissions/accepted/a.cpp"
  std::string language;  // our language id ("cpp20"), or the package's code when skipped
  std::set<model::Verdict> expected;
  std::optional<double> scoreMin;
  std::optional<double> scoreMax;
  std::optional<model::Verdict> verdict;  // unset when skipped
  std::optional<double> score;            // scoring problems
  std::int64_t timeMs = 0;                // slowest test
  std::int64_t memoryKb = 0;              // largest test
  VerifyStatus status = VerifyStatus::Skipped;
  std::string reason;  // why it failed or was skipped
};

struct VerifyReport {
  std::string problem;
  std::int64_t timeLimitMs = 0;
  bool timeLimitInferred = false;
  bool scoring = false;
  std::vector<SubmissionCheck> submissions;

  std::size_t count(VerifyStatus status) const;
};

struct VerifyOptions {
  JudgeOptions judge;
  // The limit accepted submissions run with while a missing time limit is being inferred.
  std::int64_t inferenceTimeLimitMs = 10'000;
};

struct VerifyCallbacks {
  std::function<void(std::int64_t timeLimitMs, bool inferred)> timeLimit;
  std::function<void(const SubmissionCheck&)> submission;  // after each one is judged
};

// Errors: the judge could not judge (sandbox down), or no time limit can be inferred.
Result<VerifyReport> verifyProblem(Judge& judge, const LanguageTable& languages,
                                   const ProblemPackage& package, const VerifyOptions& options,
                                   const VerifyCallbacks& callbacks = {});

// One human-readable row: "PASS  submissions/accepted/a.cpp  cpp20  expected AC  got AC ...".
std::string formatCheckRow(const SubmissionCheck& check);
// The --json form: path, language, expected, verdict, time_ms, memory_kb, status (+ score).
nlohmann::json checkToJson(const SubmissionCheck& check, bool scoring);

}  // namespace arena::judge
