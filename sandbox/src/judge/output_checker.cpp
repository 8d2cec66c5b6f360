#include "output_checker.hpp"

#include <charconv>
#include <cmath>

#include "arena/judge/default_output_validator.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFeedbackBytes = 16 * 1024;
constexpr std::size_t kMaxAnswerBytes = std::size_t{1} << 30;
constexpr const char* kInputDir = "/judge/input";
constexpr const char* kAnswerDir = "/judge/answer";
constexpr const char* kFeedbackDir = "/judge/feedback";
constexpr const char* kCheckerDir = "/box";

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// A number written by the validator into a feedback file; unset when absent, Error when bad.
Result<std::optional<double>> readNumberFile(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::optional<double>{};
  auto text = readFileCapped(file, 256);
  if (!text) return std::unexpected(text.error());
  const std::string value = trimmed(*text);
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size() ||
      !std::isfinite(number)) {
    return fail(ErrorCode::InvalidArgument,
                file.filename().string() + " is not a number: '" + value + "'");
  }
  return std::optional<double>{number};
}

Result<CheckOutcome> checkDefault(const TestCase& testCase, const fs::path& output) {
  CheckOutcome outcome;
  auto flags = DefaultValidatorFlags::parse(testCase.outputValidatorArgs);
  if (!flags) {
    outcome.result = CheckResult::CheckerFailed;
    outcome.judgeMessage = "bad output validator arguments: " + flags.error().message;
    return outcome;
  }
  auto answer = readFileCapped(testCase.answer, kMaxAnswerBytes);
  if (!answer) return std::unexpected(answer.error());
  auto team = readFileCapped(output, kMaxAnswerBytes);
  if (!team) return std::unexpected(team.error());
  const ValidatorVerdict verdict = validateOutput(*answer, *team, *flags);
  outcome.result = verdict.accepted ? CheckResult::Accepted : CheckResult::WrongAnswer;
  outcome.judgeMessage = verdict.judgeMessage;
  return outcome;
}

Result<CheckOutcome> checkCustom(sandbox::Sandbox& sandbox, const Judge::PreparedChecker& checker,
                                 const TestCase& testCase, const fs::path& output,
                                 const fs::path& workDir, const CheckerLimits& limits) {
  auto feedback = TempDir::create(workDir, "feedback-", fs::perms::all);
  if (!feedback) return std::unexpected(feedback.error());
  sandbox::RunSpec spec = validatorSpec(checker, testCase, feedback->path(), limits);
  spec.stdinPath = output.string();
  auto run = sandbox.run(spec);
  if (!run) {
    return fail(ErrorCode::Internal,
                "sandbox failed to run the output validator: " + run.error().message);
  }
  return validatorOutcome(*run, feedback->path());
}

}  // namespace

sandbox::RunSpec validatorSpec(const Judge::PreparedChecker& checker, const TestCase& testCase,
                               const fs::path& feedbackDir, const CheckerLimits& limits) {
  const Language& language = *checker.language;
  sandbox::RunSpec spec;
  spec.argv =
      expandPlaceholders(language.run, {{"memory_mb", std::to_string(limits.memoryKb / 1024)}});
  const std::string inputBox = std::string(kInputDir) + "/" + testCase.input.filename().string();
  const std::string answerBox = std::string(kAnswerDir) + "/" + testCase.answer.filename().string();
  spec.argv.insert(spec.argv.end(), {inputBox, answerBox, std::string(kFeedbackDir) + "/"});
  spec.argv.insert(spec.argv.end(), testCase.outputValidatorArgs.begin(),
                   testCase.outputValidatorArgs.end());
  spec.env = language.env;
  spec.cpuTimeMs = static_cast<std::uint64_t>(limits.timeMs);
  spec.wallTimeMs = static_cast<std::uint64_t>(2 * limits.timeMs + 1000);
  spec.memoryKb = static_cast<std::uint64_t>(limits.memoryKb + language.runMemoryExtraMb * 1024);
  spec.processes = static_cast<std::uint32_t>(std::max<std::int64_t>(language.runProcesses, 1));
  spec.outputKb = static_cast<std::uint64_t>(limits.outputKb);
  spec.captureStderr = true;
  spec.dirs = {
      sandbox::BindDir{checker.dir->path().string(), kCheckerDir, true},
      sandbox::BindDir{testCase.input.parent_path().string(), kInputDir, false},
      sandbox::BindDir{testCase.answer.parent_path().string(), kAnswerDir, false},
      sandbox::BindDir{feedbackDir.string(), kFeedbackDir, true},
  };
  spec.workdir = kCheckerDir;
  return spec;
}

CheckOutcome validatorOutcome(const sandbox::RunResult& run, const fs::path& feedbackDir) {
  CheckOutcome outcome;
  const bool ranToEnd =
      run.signal == 0 && (run.status == sandbox::Status::OK || run.status == sandbox::Status::RE);
  outcome.result = checkerResult(ranToEnd, run.exitCode);

  auto judgeMessage = readFileCapped(feedbackDir / "judgemessage.txt", kMaxFeedbackBytes);
  auto teamMessage = readFileCapped(feedbackDir / "teammessage.txt", kMaxFeedbackBytes);
  if (judgeMessage) outcome.judgeMessage = trimmed(std::move(*judgeMessage));
  if (teamMessage) outcome.teamMessage = trimmed(std::move(*teamMessage));

  if (outcome.result == CheckResult::CheckerFailed) {
    std::string why =
        !ranToEnd
            ? "output validator failed (" + std::string(sandbox::statusName(run.status)) +
                  (run.signal != 0 ? ", signal " + std::to_string(run.signal) : std::string()) +
                  "): " + run.message
            : "output validator exited with " + std::to_string(run.exitCode) +
                  " (expected 42 or 43)";
    std::string stderrText = run.stderrData.substr(0, 2048);
    if (!stderrText.empty()) why += "; stderr: " + trimmed(std::move(stderrText));
    outcome.judgeMessage = why + (outcome.judgeMessage.empty() ? "" : "; " + outcome.judgeMessage);
    return outcome;
  }
  auto score = readNumberFile(feedbackDir / "score.txt");
  auto multiplier = readNumberFile(feedbackDir / "score_multiplier.txt");
  if (!score || !multiplier) {
    outcome.result = CheckResult::CheckerFailed;
    outcome.judgeMessage = "output validator wrote a bad score: " +
                           (!score ? score.error().message : multiplier.error().message);
    return outcome;
  }
  outcome.score = *score;
  outcome.scoreMultiplier = *multiplier;
  return outcome;
}

Result<CheckOutcome> checkOutput(sandbox::Sandbox& sandbox, const Judge::PreparedChecker& checker,
                                 const TestCase& testCase, const fs::path& output,
                                 const fs::path& workDir, const CheckerLimits& limits) {
  if (!checker.failure.empty()) {
    CheckOutcome outcome;
    outcome.result = CheckResult::CheckerFailed;
    outcome.judgeMessage = checker.failure;
    return outcome;
  }
  if (checker.isDefault) return checkDefault(testCase, output);
  return checkCustom(sandbox, checker, testCase, output, workDir, limits);
}

}  // namespace arena::judge
