#include "arena/judge/problem_verifier.hpp"

#include <algorithm>
#include <cstdio>

#include "arena/model/enum_names.hpp"

namespace arena::judge {

using model::Verdict;

namespace {

constexpr double kScoreEpsilon = 1e-6;

std::string verdictList(const std::set<Verdict>& verdicts) {
  std::string text;
  for (Verdict verdict : verdicts) {
    text += (text.empty() ? "" : ",") + std::string(model::enumName(verdict));
  }
  return text.empty() ? "-" : text;
}

std::string formatScore(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", score);
  return buffer;
}

bool onlyAccepted(const PackageSubmission& submission) {
  return submission.expected == std::set<Verdict>{Verdict::Accepted};
}

// The program of a submission in a language of ours, or the reason it cannot be judged.
struct Prepared {
  const Language* language = nullptr;
  std::vector<SourceFile> files;
  std::string skipReason;
};

Prepared prepare(const LanguageTable& languages, const PackageSubmission& submission) {
  Prepared prepared;
  const ProgramSource& program = submission.program;
  if (program.hasBuildScript || program.hasRunScript) {
    prepared.skipReason = "build/run scripts are not supported";
    return prepared;
  }
  if (program.language.empty()) {
    prepared.skipReason = "language not recognised";
    return prepared;
  }
  prepared.language = languages.find(program.language);
  if (prepared.language == nullptr || !prepared.language->available) {
    prepared.skipReason = "language '" + program.language + "' not supported by this judge";
    prepared.language = nullptr;
    return prepared;
  }
  auto files = readProgramSources(program, *prepared.language, submission.entrypoint);
  if (!files) {
    prepared.skipReason = files.error().message;
    prepared.language = nullptr;
    return prepared;
  }
  prepared.files = std::move(*files);
  return prepared;
}

// The limit from the accepted submissions, judged with a generous one.
Result<std::int64_t> inferTimeLimit(Judge& judge, const LanguageTable& languages,
                                    const ProblemPackage& package, const VerifyOptions& options) {
  JudgeOptions generous = options.judge;
  generous.timeLimitMs = options.inferenceTimeLimitMs;
  std::optional<std::int64_t> slowest;
  for (const PackageSubmission& submission : package.submissions) {
    if (!onlyAccepted(submission)) continue;
    Prepared prepared = prepare(languages, submission);
    if (prepared.language == nullptr) continue;
    auto report = judge.judge(package, *prepared.language, prepared.files, generous);
    if (!report) return std::unexpected(report.error());
    if (report->verdict != Verdict::Accepted) continue;  // reported when judged for real
    slowest = std::max(slowest.value_or(0), report->maxTimeMs);
  }
  if (!slowest) {
    return fail(
        ErrorCode::InvalidArgument,
        package.shortName + ": no time limit given and no accepted submission to infer one from");
  }
  return inferTimeLimitMs(package.limits, std::max<std::int64_t>(*slowest, 1));
}

SubmissionCheck checkSubmission(Judge& judge, const LanguageTable& languages,
                                const ProblemPackage& package, const PackageSubmission& submission,
                                const JudgeOptions& options, Result<void>& failure) {
  SubmissionCheck check;
  check.path = submission.program.name;
  check.language = submission.program.language;
  check.expected = submission.expected;
  check.scoreMin = submission.scoreMin;
  check.scoreMax = submission.scoreMax;
  Prepared prepared = prepare(languages, submission);
  if (prepared.language == nullptr) {
    check.reason = prepared.skipReason;
    return check;
  }
  check.language = prepared.language->id;
  auto report = judge.judge(package, *prepared.language, prepared.files, options);
  if (!report) {
    failure = std::unexpected(report.error());
    check.status = VerifyStatus::Failed;
    check.reason = report.error().message;
    return check;
  }
  check.verdict = report->verdict;
  check.score = report->score;
  check.timeMs = report->maxTimeMs;
  check.memoryKb = report->maxMemoryKb;
  check.status = VerifyStatus::Passed;
  if (!check.expected.contains(report->verdict)) {
    check.status = VerifyStatus::Failed;
    check.reason = "verdict " + std::string(model::enumName(report->verdict)) + " not in " +
                   verdictList(check.expected);
    if (report->verdict == Verdict::JudgeError || report->verdict == Verdict::CompileError) {
      const std::string detail = !report->message.empty() ? report->message
                                 : report->tests.empty()  ? std::string()
                                                          : report->tests.back().judgeMessage;
      if (!detail.empty()) check.reason += ": " + detail.substr(0, 300);
    }
  } else if (package.type.scoring && (check.scoreMin || check.scoreMax)) {
    const double score = report->score.value_or(0);
    const bool inRange = (!check.scoreMin || score >= *check.scoreMin - kScoreEpsilon) &&
                         (!check.scoreMax || score <= *check.scoreMax + kScoreEpsilon);
    if (!inRange) {
      check.status = VerifyStatus::Failed;
      check.reason = "score " + formatScore(score) + " outside [" +
                     (check.scoreMin ? formatScore(*check.scoreMin) : "-inf") + ", " +
                     (check.scoreMax ? formatScore(*check.scoreMax) : "inf") + "]";
    }
  }
  return check;
}

}  // namespace

std::size_t VerifyReport::count(VerifyStatus status) const {
  return static_cast<std::size_t>(
      std::ranges::count(submissions, status, &SubmissionCheck::status));
}

Result<VerifyReport> verifyProblem(Judge& judge, const LanguageTable& languages,
                                   const ProblemPackage& package, const VerifyOptions& options,
                                   const VerifyCallbacks& callbacks) {
  VerifyReport report;
  report.problem = package.shortName;
  report.scoring = package.type.scoring;
  JudgeOptions judgeOptions = options.judge;
  if (!judgeOptions.timeLimitMs && !package.limits.timeLimitMs) {
    auto inferred = inferTimeLimit(judge, languages, package, options);
    if (!inferred) return std::unexpected(inferred.error());
    judgeOptions.timeLimitMs = *inferred;
    report.timeLimitInferred = true;
  }
  report.timeLimitMs = Judge::timeLimitFor(package, judgeOptions);
  if (callbacks.timeLimit) callbacks.timeLimit(report.timeLimitMs, report.timeLimitInferred);

  for (const PackageSubmission& submission : package.submissions) {
    Result<void> failure;
    SubmissionCheck check =
        checkSubmission(judge, languages, package, submission, judgeOptions, failure);
    if (!failure) return std::unexpected(failure.error());
    if (callbacks.submission) callbacks.submission(check);
    report.submissions.push_back(std::move(check));
  }
  return report;
}

std::string formatCheckRow(const SubmissionCheck& check) {
  const char* status = check.status == VerifyStatus::Passed   ? "PASS"
                       : check.status == VerifyStatus::Failed ? "FAIL"
                                                              : "SKIP";
  std::string row = std::string(status) + "  " + check.path + "  [" + check.language + "]";
  row += "  expected " + verdictList(check.expected);
  if (check.verdict) {
    row += "  got " + std::string(model::enumName(*check.verdict));
    if (check.score) row += "  score " + formatScore(*check.score);
    row += "  " + std::to_string(check.timeMs) + " ms  " + std::to_string(check.memoryKb) + " KiB";
  }
  if (!check.reason.empty()) row += "  (" + check.reason + ")";
  return row;
}

nlohmann::json checkToJson(const SubmissionCheck& check, bool scoring) {
  nlohmann::json expected = nlohmann::json::array();
  for (Verdict verdict : check.expected) expected.push_back(model::enumName(verdict));
  nlohmann::json json = {
      {"path", check.path},
      {"language", check.language},
      {"expected", expected},
      {"verdict", check.verdict ? nlohmann::json(model::enumName(*check.verdict)) : nullptr},
      {"time_ms", check.timeMs},
      {"memory_kb", check.memoryKb},
      {"status", check.status == VerifyStatus::Passed   ? "passed"
                 : check.status == VerifyStatus::Failed ? "failed"
                                                        : "skipped"},
  };
  if (scoring) {
    json["score"] = check.score ? nlohmann::json(*check.score) : nullptr;
    json["expected_score"] = {{"min", check.scoreMin ? nlohmann::json(*check.scoreMin) : nullptr},
                              {"max", check.scoreMax ? nlohmann::json(*check.scoreMax) : nullptr}};
  }
  if (!check.reason.empty()) json["reason"] = check.reason;
  return json;
}

}  // namespace arena::judge
