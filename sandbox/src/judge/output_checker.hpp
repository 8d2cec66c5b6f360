#pragma once
// Checking one test case's output (private to arena_judge).
//
// Default: the Kattis default output validator, in process, on the answer file and the output
// file (both bounded: the output by the run's output limit). Custom: the package's output
// validator, compiled once per problem (PreparedChecker), run in the sandbox as
//   validator input answer feedback_dir [args] < team_output
// with the input's and answer's directories bound read-only and a fresh feedback directory
// bound writable; its exit code and feedback files are read back. Whatever goes wrong with the
// validator (crash, limit, bad exit code, bad score.txt) is CheckerFailed, which is JE.

#include <filesystem>
#include <optional>
#include <string>

#include "arena/core/error.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/judge/verdict.hpp"

namespace arena::judge {

struct Judge::PreparedChecker {
  bool isDefault = true;
  // Custom validator: compiled into `dir`, run with `language`.
  std::optional<TempDir> dir;
  const Language* language = nullptr;
  // Set when the validator could not be prepared (unknown language, compile error): every
  // test is then JE with this message.
  std::string failure;
};

struct CheckOutcome {
  CheckResult result = CheckResult::NotChecked;
  std::string judgeMessage;
  std::string teamMessage;
  std::optional<double> score;            // score.txt
  std::optional<double> scoreMultiplier;  // score_multiplier.txt
};

struct CheckerLimits {
  std::int64_t timeMs = 30'000;
  std::int64_t memoryKb = 1024 * 1024;
  std::int64_t outputKb = 64 * 1024;
};

// The sandboxed run of a custom validator (or interactor) for `testCase`, without its stdin
// and stdout (the caller sets a file or pipe ends); `feedbackDir` must be writable by the box.
sandbox::RunSpec validatorSpec(const Judge::PreparedChecker& checker, const TestCase& testCase,
                               const std::filesystem::path& feedbackDir,
                               const CheckerLimits& limits);

// What the validator's run and its feedback files say (exit 42/43, messages, score).
CheckOutcome validatorOutcome(const sandbox::RunResult& run,
                              const std::filesystem::path& feedbackDir);

// Checks `output` for `testCase`. `workDir` is the submission's work directory (the custom
// validator's feedback directories are made in it). An Error only for host failures.
Result<CheckOutcome> checkOutput(sandbox::Sandbox& sandbox, const Judge::PreparedChecker& checker,
                                 const TestCase& testCase, const std::filesystem::path& output,
                                 const std::filesystem::path& workDir, const CheckerLimits& limits);

}  // namespace arena::judge
