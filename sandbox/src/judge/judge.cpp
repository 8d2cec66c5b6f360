// Theory of operation: see judge.hpp. One work directory per submission holds the compiled
// program (bound at /box, mode 0777 for the box's uid), a root-only directory for the runs'
// stdout/stderr files (written by the sandbox, so the program cannot swap them for symlinks),
// and the custom validator's feedback directories. Outputs stay on disk; only the default
// validator reads one back, bounded by the output limit. The directory goes when judge()
// returns.
#include "arena/judge/judge.hpp"

#include <algorithm>

#include <signal.h>

#include "arena/judge/temp_dir.hpp"
#include "arena/judge/verdict.hpp"
#include "interactive_run.hpp"
#include "output_checker.hpp"

namespace arena::judge {

namespace fs = std::filesystem;
using model::Verdict;

namespace {

constexpr const char* kBoxDir = "/box";
constexpr std::size_t kMaxStderrBytes = 64 * 1024;
constexpr std::size_t kMaxCompileMessageBytes = 4096;

struct RunContext {
  const Language* language = nullptr;
  std::int64_t timeLimitMs = 0;
  std::int64_t memoryKb = 0;
  std::int64_t outputKb = 0;
  const JudgeOptions* options = nullptr;
  fs::path workDir;
  fs::path programDir;
  fs::path outputDir;
  CheckerLimits checkerLimits;
  bool scoring = false;
  bool interactive = false;
};

sandbox::RunSpec programSpec(const RunContext& context, const TestCase& testCase) {
  const Language& language = *context.language;
  sandbox::RunSpec spec;
  spec.argv =
      expandPlaceholders(language.run, {{"memory_mb", std::to_string(context.memoryKb / 1024)}});
  spec.argv.insert(spec.argv.end(), testCase.args.begin(), testCase.args.end());
  spec.env = language.env;
  spec.cpuTimeMs = static_cast<std::uint64_t>(context.timeLimitMs);
  spec.wallTimeMs = static_cast<std::uint64_t>(context.options->wallFactor * context.timeLimitMs +
                                               context.options->wallExtraMs);
  spec.memoryKb = static_cast<std::uint64_t>(context.memoryKb + language.runMemoryExtraMb * 1024);
  spec.processes = static_cast<std::uint32_t>(std::max<std::int64_t>(language.runProcesses, 1));
  spec.outputKb = static_cast<std::uint64_t>(context.outputKb);
  spec.stdinPath = testCase.input.string();
  spec.stdoutPath = (context.outputDir / "stdout").string();
  spec.stderrPath = (context.outputDir / "stderr").string();
  // The compiled program, read-only: every test case starts from the same /box, and what a
  // program writes goes to the box's own /tmp — fresh for each run, size-limited, charged to
  // its memory — never to the host's disk.
  spec.dirs = {sandbox::BindDir{context.programDir.string(), kBoxDir, false}};
  spec.workdir = kBoxDir;
  return spec;
}

TestResult judgeInteractiveCase(sandbox::Sandbox& sandbox, const Judge::PreparedChecker& checker,
                                const RunContext& context, const TestCase& testCase) {
  TestResult result;
  result.name = testCase.name;
  result.verdict = Verdict::JudgeError;
  if (checker.isDefault || !checker.failure.empty()) {
    result.judgeMessage =
        checker.isDefault ? "interactive problem without an interactor" : checker.failure;
    return result;
  }
  auto feedback = TempDir::create(context.workDir, "feedback-", fs::perms::all);
  if (!feedback) {
    result.judgeMessage = feedback.error().message;
    return result;
  }
  sandbox::RunSpec spec = programSpec(context, testCase);
  spec.stdoutPath.reset();
  InteractiveRunResult runs = runInteractive(sandbox, std::move(spec), checker, testCase,
                                             feedback->path(), context.checkerLimits);
  if (!runs.program) {
    result.judgeMessage = "sandbox failure: " + runs.program.error().message;
    return result;
  }
  const sandbox::RunResult& run = *runs.program;
  result.timeMs = static_cast<std::int64_t>(run.cpuMs);
  result.wallMs = static_cast<std::int64_t>(run.wallMs);
  result.memoryKb = static_cast<std::int64_t>(run.memoryKb);
  const std::string stderrText =
      readFileCapped(context.outputDir / "stderr", kMaxStderrBytes).value_or(std::string());
  InteractiveEvidence evidence;
  evidence.program = refineRunStatus(run.status, run.exitCode, run.signal, stderrText,
                                     context.language->oomMarkers);
  evidence.programExitCode = run.signal != 0 ? 128 + run.signal : run.exitCode;
  // Certain only when the program died writing to a closed pipe (see interactive_run.hpp).
  evidence.interactorFirst = run.signal == SIGPIPE;
  CheckOutcome check;
  if (!runs.interactor) {
    check.result = CheckResult::CheckerFailed;
    check.judgeMessage = "sandbox failed to run the interactor: " + runs.interactor.error().message;
  } else {
    check = validatorOutcome(*runs.interactor, feedback->path());
    evidence.interactorLostProgram = runs.interactor->signal == SIGPIPE;
  }
  evidence.interactor = check.result;
  result.verdict = interactiveVerdict(evidence);
  result.judgeMessage = check.judgeMessage;
  result.teamMessage = check.teamMessage;
  if (result.judgeMessage.empty()) result.judgeMessage = run.message;
  if (context.scoring) {
    result.score = caseScore(result.verdict, testCase.maxScore, check.score, check.scoreMultiplier);
  }
  return result;
}

TestResult judgeCase(sandbox::Sandbox& sandbox, const Judge::PreparedChecker& checker,
                     const RunContext& context, const TestCase& testCase) {
  TestResult result;
  result.name = testCase.name;
  result.verdict = Verdict::JudgeError;
  std::error_code ec;
  for (const fs::path& file : {testCase.input, testCase.answer}) {
    if (!fs::is_regular_file(file, ec)) {
      result.judgeMessage = "test file missing: " + file.string();
      return result;
    }
  }

  if (context.interactive) return judgeInteractiveCase(sandbox, checker, context, testCase);

  auto run = sandbox.run(programSpec(context, testCase));
  if (!run) {
    result.judgeMessage = "sandbox failure: " + run.error().message;
    return result;
  }
  result.timeMs = static_cast<std::int64_t>(run->cpuMs);
  result.wallMs = static_cast<std::int64_t>(run->wallMs);
  result.memoryKb = static_cast<std::int64_t>(run->memoryKb);
  const std::string stderrText =
      readFileCapped(context.outputDir / "stderr", kMaxStderrBytes).value_or(std::string());
  TestEvidence evidence;
  evidence.run = refineRunStatus(run->status, run->exitCode, run->signal, stderrText,
                                 context.language->oomMarkers);
  evidence.exitCode = run->signal != 0 ? 128 + run->signal : run->exitCode;
  result.judgeMessage = run->message;

  CheckOutcome check;
  if (evidence.run == sandbox::Status::OK && evidence.exitCode == 0) {
    auto checked = checkOutput(sandbox, checker, testCase, context.outputDir / "stdout",
                               context.workDir, context.checkerLimits);
    if (!checked) {
      check.result = CheckResult::CheckerFailed;
      check.judgeMessage = "cannot check the output: " + checked.error().message;
    } else {
      check = std::move(*checked);
    }
    evidence.check = check.result;
    result.judgeMessage = check.judgeMessage;
    result.teamMessage = check.teamMessage;
  } else if (evidence.run == sandbox::Status::OK || evidence.run == sandbox::Status::RE) {
    if (result.judgeMessage.empty()) {
      result.judgeMessage = run->signal != 0 ? "killed by signal " + std::to_string(run->signal)
                                             : "exited with code " + std::to_string(run->exitCode);
    }
  }
  result.verdict = testVerdict(evidence);
  if (context.scoring) {
    result.score = caseScore(result.verdict, testCase.maxScore, check.score, check.scoreMultiplier);
  }
  return result;
}

// The score tree of a scoring problem, bottom up in judging order.
Scored scoreGroup(const TestGroup& group, const std::map<std::string, Scored>& cases,
                  std::map<std::string, bool>& groupAccepted, bool isRoot) {
  std::vector<Scored> children;
  for (const TestGroup::Item& item : group.order) {
    if (item.isGroup) {
      children.push_back(scoreGroup(group.groups[item.index], cases, groupAccepted, false));
    } else {
      const auto found = cases.find(group.cases[item.index].name);
      children.push_back(found != cases.end() ? found->second : Scored{Verdict::JudgeError, 0});
    }
  }
  bool met = true;
  for (const std::string& required : group.requirePass) {
    const auto found = groupAccepted.find(required);
    met = met && found != groupAccepted.end() && found->second;
  }
  // The root adds up its top-level groups (sample scores nothing; secret holds the points).
  const Scored scored = isRoot ? aggregateGroup(ScoreAggregation::Sum, std::nullopt, children, met)
                               : aggregateGroup(group.aggregation, group.maxScore, children, met);
  groupAccepted[group.name] = scored.verdict == Verdict::Accepted;
  return scored;
}

std::string cut(std::string text, std::size_t limit) {
  if (text.size() > limit) text.resize(limit);
  return text;
}

}  // namespace

Judge::Judge(sandbox::Sandbox& sandbox, const LanguageTable& languages, Compiler& compiler,
             fs::path workRoot)
    : m_sandbox(sandbox),
      m_languages(languages),
      m_compiler(compiler),
      m_workRoot(std::move(workRoot)) {}

Judge::~Judge() = default;

std::int64_t Judge::timeLimitFor(const ProblemPackage& package, const JudgeOptions& options) {
  if (options.timeLimitMs) return *options.timeLimitMs;
  if (package.limits.timeLimitMs) return *package.limits.timeLimitMs;
  return options.defaultTimeLimitMs;
}

Result<std::shared_ptr<const Judge::PreparedChecker>> Judge::checkerFor(
    const ProblemPackage& package, const JudgeOptions& options) {
  (void)options;
  const std::string key =
      package.root.string() + "\n" +
      (package.outputValidator ? package.outputValidator->name : std::string("default"));
  // Held while compiling: concurrent judges of one problem wait for its one compile.
  std::lock_guard lock(m_mutex);
  if (const auto found = m_checkers.find(key); found != m_checkers.end()) return found->second;

  auto prepared = std::make_shared<PreparedChecker>();
  if (package.outputValidator) {
    const ProgramSource& validator = *package.outputValidator;
    prepared->isDefault = false;
    prepared->language = m_languages.find(validator.language);
    if (prepared->language == nullptr || !prepared->language->available) {
      prepared->failure = "output validator " + validator.name + ": language '" +
                          validator.language + "' is not supported by this judge";
    } else if (auto sources = readProgramSources(validator, *prepared->language); !sources) {
      prepared->failure = "output validator " + validator.name + ": " + sources.error().message;
    } else {
      auto dir = TempDir::create(m_workRoot, "checker-", fs::perms::all);
      if (!dir) return std::unexpected(dir.error());
      auto compiled = m_compiler.prepare(*prepared->language, *sources, dir->path());
      if (!compiled) return std::unexpected(compiled.error());
      if (!compiled->success) {
        prepared->failure = "output validator " + validator.name +
                            " does not compile: " + compiled->message + "\n" +
                            cut(compiled->output, kMaxCompileMessageBytes);
      }
      prepared->dir = std::move(*dir);
    }
  }
  std::shared_ptr<const PreparedChecker> shared = std::move(prepared);
  m_checkers.emplace(key, shared);
  return shared;
}

Result<JudgeReport> Judge::judge(const ProblemPackage& package, const Language& language,
                                 const std::vector<SourceFile>& files, const JudgeOptions& options,
                                 const ProgressCallback& progress) {
  const auto report_ = [&](JudgeProgress event) {
    if (progress) progress(event);
  };
  JudgeReport report;
  report.timeLimitMs = timeLimitFor(package, options);
  const std::vector<const TestCase*> cases = package.data.allCases();

  report_({JudgeProgress::Stage::Compiling, 0, cases.size(), nullptr});
  auto work = TempDir::create(m_workRoot, "judge-", kTraversable);
  if (!work) return std::unexpected(work.error());
  auto program = TempDir::create(work->path(), "program-", fs::perms::all);
  if (!program) return std::unexpected(program.error());
  auto outputs = TempDir::create(work->path(), "output-");
  if (!outputs) return std::unexpected(outputs.error());

  // The package may set its own compile limits (2025-09 limits.compilation_time/_memory).
  Language effective = language;
  if (package.limits.compilationTimeMs) {
    effective.compileLimits.cpuMs = *package.limits.compilationTimeMs;
    effective.compileLimits.wallMs = 2 * *package.limits.compilationTimeMs + 1000;
  }
  if (package.limits.compilationMemoryKb) {
    effective.compileLimits.memoryKb = *package.limits.compilationMemoryKb;
  }
  auto compiled = m_compiler.prepare(effective, files, program->path());
  if (!compiled) return std::unexpected(compiled.error());
  report.compileOutput = compiled->output;
  if (!compiled->success) {
    report.verdict = Verdict::CompileError;
    report.message = compiled->message;
    return report;
  }
  auto checker = checkerFor(package, options);
  if (!checker) return std::unexpected(checker.error());

  RunContext context;
  context.language = &language;
  context.timeLimitMs = report.timeLimitMs;
  context.memoryKb = package.limits.memoryKb.value_or(options.defaultMemoryKb);
  context.outputKb = package.limits.outputKb.value_or(options.defaultOutputKb);
  context.options = &options;
  context.workDir = work->path();
  context.programDir = program->path();
  context.outputDir = outputs->path();
  context.checkerLimits.timeMs = package.limits.validationTimeMs.value_or(options.checkerTimeMs);
  context.checkerLimits.memoryKb =
      package.limits.validationMemoryKb.value_or(options.checkerMemoryKb);
  context.checkerLimits.outputKb =
      package.limits.validationOutputKb.value_or(options.defaultOutputKb);
  context.scoring = package.type.scoring;
  context.interactive = package.type.interactive;

  std::map<std::string, Scored> scored;
  std::vector<Verdict> verdicts;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    report_({JudgeProgress::Stage::Running, i + 1, cases.size(), nullptr});
    TestResult result = judgeCase(m_sandbox, **checker, context, *cases[i]);
    report.maxTimeMs = std::max(report.maxTimeMs, result.timeMs);
    report.maxMemoryKb = std::max(report.maxMemoryKb, result.memoryKb);
    verdicts.push_back(result.verdict);
    scored[result.name] = Scored{result.verdict, result.score.value_or(0)};
    report.tests.push_back(std::move(result));
    report_({JudgeProgress::Stage::TestFinished, i + 1, cases.size(), &report.tests.back()});
    // Legacy `on_reject: continue` at the root asks for every case too.
    const bool stop = !package.type.scoring && !options.runAllTests &&
                      !package.data.continueOnReject && verdicts.back() != Verdict::Accepted;
    if (stop) break;
  }
  report.verdict = aggregatePassFail(verdicts);
  if (cases.empty()) report.message = "the problem has no test cases";
  if (package.type.scoring && report.verdict != Verdict::JudgeError) {
    std::map<std::string, bool> groupAccepted;
    report.score = scoreGroup(package.data, scored, groupAccepted, true).score;
  }
  return report;
}

}  // namespace arena::judge
