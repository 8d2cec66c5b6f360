#pragma once
// The judging pipeline: one submission against one problem package.
//
//   arena::judge::Judge judge(sandbox, languages, compiler, "/var/lib/codearena/judge");
//   auto report = judge.judge(package, *languages.find("cpp20"), files, {}, onProgress);
//
// Steps: compile the submission once (sandboxed, cached by the Compiler); run the test cases in
// judging order with the problem's limits, each program's stdout going to a file in a
// per-submission work directory; check each output with the default output validator (in
// process) or the package's own output validator (compiled once per problem, run sandboxed
// with the Kattis protocol); aggregate into a verdict and, for scoring problems, a score.
// Pass-fail problems stop at the first rejected case (unless JudgeOptions::runAllTests or a
// legacy root `on_reject: continue`); scoring problems run every case. Package compile limits
// (limits.compilation_time/_memory) replace the language's.
//
// A Result holding an Error means the judge could not judge at all (work directory not
// creatable, sandbox down). Anything that is the package's or the judge's fault but happens
// while judging (a checker that crashes or fails to compile, a missing test file) is the
// verdict JE in the report, never a contestant verdict.
//
// Interactive problems: the program and the package's interactor run at once, connected by
// pipes, both sandboxed (see interactive_run.hpp); the Sandbox needs two slots free per
// interactive judgement in progress.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/language.hpp"
#include "arena/judge/problem_package.hpp"
#include "arena/model/verdict.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace arena::judge {

// Limits and defaults the package does not decide.
struct JudgeOptions {
  // Overrides the package's time limit (e.g. the limit inferred by verify-problem).
  std::optional<std::int64_t> timeLimitMs;
  // Used when neither the package nor timeLimitMs gives one.
  std::int64_t defaultTimeLimitMs = 2000;
  std::int64_t defaultMemoryKb = 256 * 1024;
  std::int64_t defaultOutputKb = 64 * 1024;
  // Wall-clock allowance per run: wallFactor * time limit + wallExtraMs (machines are loaded).
  std::int64_t wallFactor = 3;
  std::int64_t wallExtraMs = 2000;
  // Output validator limits when the package sets none.
  std::int64_t checkerTimeMs = 30'000;
  std::int64_t checkerMemoryKb = 1024 * 1024;
  // Pass-fail problems: judge every case even after a rejection (scoring problems always do).
  bool runAllTests = false;
};

struct TestResult {
  std::string name;  // "secret/group1/03-random"
  model::Verdict verdict = model::Verdict::JudgeError;
  std::int64_t timeMs = 0;  // CPU time
  std::int64_t wallMs = 0;
  std::int64_t memoryKb = 0;
  std::string judgeMessage;     // for the jury: checker's judgemessage.txt, or the judge's reason
  std::string teamMessage;      // checker's teammessage.txt
  std::optional<double> score;  // scoring problems
};

struct JudgeReport {
  model::Verdict verdict = model::Verdict::JudgeError;
  std::optional<double> score;  // scoring problems (not for CE/JE)
  std::string compileOutput;
  std::string message;  // why the judgement is what it is when no test says it (CE, JE)
  std::int64_t timeLimitMs = 0;
  std::vector<TestResult> tests;  // the cases judged, in judging order
  std::int64_t maxTimeMs = 0;
  std::int64_t maxMemoryKb = 0;
};

struct JudgeProgress {
  enum class Stage { Compiling, Running, TestFinished };
  Stage stage = Stage::Compiling;
  std::size_t test = 0;                // 1-based index of the case (Running, TestFinished)
  std::size_t total = 0;               // cases that may be judged
  const TestResult* result = nullptr;  // TestFinished only
};
using ProgressCallback = std::function<void(const JudgeProgress&)>;

class Judge {
 public:
  // All references must outlive the Judge. Work directories are made under `workRoot`.
  Judge(sandbox::Sandbox& sandbox, const LanguageTable& languages, Compiler& compiler,
        std::filesystem::path workRoot);
  ~Judge();
  Judge(const Judge&) = delete;
  Judge& operator=(const Judge&) = delete;

  // Judges `files` (see Compiler::prepare: the entry file is named language.sourceFile).
  // Thread-safe: concurrent submissions share the compiled output validators.
  Result<JudgeReport> judge(const ProblemPackage& package, const Language& language,
                            const std::vector<SourceFile>& files, const JudgeOptions& options,
                            const ProgressCallback& progress = {});

  // The time limit judge() applies: options.timeLimitMs, the package's, or the default.
  static std::int64_t timeLimitFor(const ProblemPackage& package, const JudgeOptions& options);

  struct PreparedChecker;

 private:
  Result<std::shared_ptr<const PreparedChecker>> checkerFor(const ProblemPackage& package,
                                                            const JudgeOptions& options);

  sandbox::Sandbox& m_sandbox;
  const LanguageTable& m_languages;
  Compiler& m_compiler;
  std::filesystem::path m_workRoot;

  std::mutex m_mutex;
  // Compiled output validators by package root + validator name; kept for the Judge's life.
  std::map<std::string, std::shared_ptr<const PreparedChecker>> m_checkers;
};

// Reads a program shipped in a package (a submission or validator) as SourceFiles for
// `language`: the entry file is renamed to language.sourceFile (a single file; in a directory,
// the file named `entrypoint` with the language's extension, else the only file with that
// extension); the other files keep their relative names. InvalidArgument when no entry file
// can be told.
Result<std::vector<SourceFile>> readProgramSources(const ProgramSource& program,
                                                   const Language& language,
                                                   const std::string& entrypoint = {});

}  // namespace arena::judge
