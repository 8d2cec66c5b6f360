#include "arena/judge/verdict.hpp"

#include <algorithm>
#include <string>

namespace arena::judge {

using model::Verdict;
using sandbox::Status;

model::Verdict testVerdict(const TestEvidence& evidence) {
  switch (evidence.run) {
    case Status::XX: return Verdict::JudgeError;
    case Status::TLE: return Verdict::TimeLimitExceeded;
    case Status::MLE: return Verdict::MemoryLimitExceeded;
    case Status::OLE: return Verdict::OutputLimitExceeded;
    case Status::SV: return Verdict::SecurityViolation;
    case Status::RE: return Verdict::RuntimeError;
    case Status::OK: break;
  }
  if (evidence.exitCode != 0) return Verdict::RuntimeError;
  switch (evidence.check) {
    case CheckResult::Accepted: return Verdict::Accepted;
    case CheckResult::WrongAnswer: return Verdict::WrongAnswer;
    case CheckResult::CheckerFailed:
    case CheckResult::NotChecked: return Verdict::JudgeError;
  }
  return Verdict::JudgeError;
}

std::string_view singleRunOutcome(const sandbox::RunResult& run,
                                  std::span<const std::string> oomMarkers) {
  switch (refineRunStatus(run.status, run.exitCode, run.signal, run.stderrData, oomMarkers)) {
    case Status::OK: return run.signal == 0 && run.exitCode == 0 ? "OK" : "RE";
    case Status::RE:
    case Status::SV: return "RE";
    case Status::TLE: return "TLE";
    case Status::MLE: return "MLE";
    case Status::OLE: return "OLE";
    case Status::XX: break;
  }
  return "XX";
}

model::Verdict aggregatePassFail(std::span<const model::Verdict> tests) {
  if (tests.empty()) return Verdict::JudgeError;
  for (Verdict verdict : tests) {
    if (verdict != Verdict::Accepted) return verdict;
  }
  return Verdict::Accepted;
}

CheckResult checkerResult(bool ranToEnd, int exitCode) {
  if (!ranToEnd) return CheckResult::CheckerFailed;
  if (exitCode == 42) return CheckResult::Accepted;
  if (exitCode == 43) return CheckResult::WrongAnswer;
  return CheckResult::CheckerFailed;
}

sandbox::Status refineRunStatus(Status status, int exitCode, int signal,
                                std::string_view stderrText,
                                std::span<const std::string> oomMarkers) {
  const bool failedOnItsOwn =
      (status == Status::RE || status == Status::OK) && signal == 0 && exitCode != 0;
  if (!failedOnItsOwn) return status;
  for (const std::string& marker : oomMarkers) {
    if (!marker.empty() && stderrText.find(marker) != std::string_view::npos) return Status::MLE;
  }
  return status;
}

Verdict interactiveVerdict(const InteractiveEvidence& evidence) {
  if (evidence.program == Status::XX) return Verdict::JudgeError;
  if (evidence.interactorLostProgram) {
    // The program ended the conversation: its own fate decides, and a clean early exit is WA.
    return testVerdict({evidence.program, evidence.programExitCode, CheckResult::WrongAnswer});
  }
  if (evidence.interactor == CheckResult::CheckerFailed ||
      evidence.interactor == CheckResult::NotChecked) {
    return Verdict::JudgeError;
  }
  if (evidence.program == Status::TLE) return Verdict::TimeLimitExceeded;
  if (evidence.interactorFirst && evidence.interactor == CheckResult::WrongAnswer) {
    return Verdict::WrongAnswer;
  }
  return testVerdict({evidence.program, evidence.programExitCode, evidence.interactor});
}

double caseScore(Verdict verdict, std::optional<double> maxScore,
                 std::optional<double> checkerScore, std::optional<double> scoreMultiplier) {
  if (verdict != Verdict::Accepted) return 0;
  if (checkerScore) return *checkerScore;
  if (!maxScore) return 0;
  return *maxScore * scoreMultiplier.value_or(1.0);
}

Scored aggregateGroup(ScoreAggregation aggregation, std::optional<double> maxScore,
                      std::span<const Scored> children, bool requirementsMet) {
  Scored group;
  for (const Scored& child : children) {
    if (child.verdict != Verdict::Accepted) {
      group.verdict = child.verdict;
      break;
    }
  }
  switch (aggregation) {
    case ScoreAggregation::PassFail:
      group.score = group.verdict == Verdict::Accepted ? maxScore.value_or(0) : 0;
      break;
    case ScoreAggregation::Sum:
      for (const Scored& child : children) group.score += child.score;
      break;
    case ScoreAggregation::Min:
      if (!children.empty()) {
        group.score = std::ranges::min(children, {}, &Scored::score).score;
      }
      break;
  }
  if (maxScore) group.score = std::min(group.score, *maxScore);
  if (!requirementsMet) group.score = 0;
  return group;
}

}  // namespace arena::judge
