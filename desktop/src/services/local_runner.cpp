#include "services/local_runner.hpp"

#include <unistd.h>

#include <QDir>
#include <QMetaObject>

#pragma push_macro("slots")
#undef slots
#include "arena/judge/default_output_validator.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/judge/verdict.hpp"
#pragma pop_macro("slots")

namespace arena::desktop {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBoxDir = "/box";
constexpr std::size_t kMaxShownBytes = 256 * 1024;
// The judge's JudgeOptions defaults: wall = 3 x CPU + 2 s.
constexpr std::int64_t kWallFactor = judge::JudgeOptions{}.wallFactor;
constexpr std::int64_t kWallExtraMs = judge::JudgeOptions{}.wallExtraMs;

std::string utf8(const QString& text) { return text.toStdString(); }
QString qstr(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

std::unique_ptr<LocalRunner> LocalRunner::create(const LocalRunnerOptions& options, QString* error) {
  qRegisterMetaType<LocalTestResult>();
  qRegisterMetaType<LocalRunReport>();
  auto languages = judge::LanguageTable::load(judge::defaultLanguagesFile());
  if (!languages) {
    if (error) *error = "language table: " + qstr(languages.error().message);
    return nullptr;
  }
  languages->detectAvailability();
  sandbox::SandboxOptions sandboxOptions;
#pragma push_macro("slots")
#undef slots
  sandboxOptions.slots = 1;
#pragma pop_macro("slots")
  sandboxOptions.firstUid = options.sandboxFirstUid;
  auto box = sandbox::Sandbox::create(sandboxOptions);
  if (!box) {
    if (error) *error = "sandbox: " + qstr(box.error().message);
    return nullptr;
  }
  fs::path root = options.workRoot.isEmpty()
                      ? fs::path(utf8(QDir::tempPath())) /
                            ("arena-desktop-runner-" + std::to_string(::getpid()))
                      : fs::path(utf8(options.workRoot));
  std::error_code ec;
  fs::create_directories(root, ec);
  fs::permissions(root, judge::kTraversable, ec);
  if (ec) {
    if (error) *error = "runner work directory: " + qstr(ec.message());
    return nullptr;
  }
  return std::unique_ptr<LocalRunner>(
      new LocalRunner(std::move(*box), std::move(*languages), std::move(root)));
}

LocalRunner::LocalRunner(sandbox::Sandbox sandbox, judge::LanguageTable languages, fs::path workRoot)
    : m_sandbox(std::move(sandbox)),
      m_languages(std::move(languages)),
      m_workRoot(std::move(workRoot)),
      m_compiler(m_sandbox, nullptr, m_workRoot) {}

LocalRunner::~LocalRunner() {
  if (m_worker.joinable()) m_worker.join();
  std::error_code ec;
  fs::remove_all(m_workRoot, ec);
}

QString LocalRunner::isolationDescription() const {
  switch (m_sandbox.isolation()) {
    case sandbox::Isolation::Cgroup2:
      return "cgroup v2 + namespaces + seccomp (as strong as the judge)";
    case sandbox::Isolation::Cgroup1:
      return "cgroup v1 + namespaces + seccomp (as strong as the judge)";
    case sandbox::Isolation::Rlimit:
      return "rlimits + namespaces + seccomp (weaker: memory is per process, no cgroup)";
  }
  return "unknown";
}

std::vector<const judge::Language*> LocalRunner::languages() const {
  std::vector<const judge::Language*> usable;
  for (const auto& language : m_languages.languages()) {
    if (language.available) usable.push_back(&language);
  }
  return usable;
}

LocalTestResult LocalRunner::runOne(const judge::Language& language, const fs::path& program,
                                    const model::Limits& limits, const LocalTestCase& test) {
  LocalTestResult result;
  result.name = test.name;
  result.input = test.input;
  result.expected = test.expected;

  auto outputs = judge::TempDir::create(m_workRoot, "out-");
  if (!outputs) {
    result.detail = qstr(outputs.error().message);
    return result;
  }
  const auto memoryMb = (static_cast<std::int64_t>(limits.memoryLimitKb) + 1023) / 1024;
  sandbox::RunSpec spec;
  spec.argv = judge::expandPlaceholders(language.run, {{"memory_mb", std::to_string(memoryMb)}});
  spec.env = language.env;
  spec.cpuTimeMs = static_cast<std::uint64_t>(limits.timeLimitMs);
  spec.wallTimeMs = static_cast<std::uint64_t>(kWallFactor * limits.timeLimitMs + kWallExtraMs);
  spec.memoryKb = static_cast<std::uint64_t>(limits.memoryLimitKb) +
                  static_cast<std::uint64_t>(language.runMemoryExtraMb) * 1024;
  spec.processes = static_cast<std::uint32_t>(std::max<std::int64_t>(language.runProcesses, 1));
  spec.outputKb = static_cast<std::uint64_t>(limits.outputLimitKb);
  spec.stdinData = utf8(test.input);
  spec.stdoutPath = (outputs->path() / "stdout").string();
  spec.stderrPath = (outputs->path() / "stderr").string();
  // Read-only, as the judge runs programs: each sample starts from the same /box.
  spec.dirs = {sandbox::BindDir{program.string(), kBoxDir, false}};
  spec.workdir = kBoxDir;

  auto run = m_sandbox.run(spec);
  if (!run || run->status == sandbox::Status::XX) {
    result.detail = "sandbox failure: " + qstr(run ? run->message : run.error().message);
    return result;  // JE: never the contestant's fault
  }
  const std::string out = judge::readFileCapped(*spec.stdoutPath, 64 * 1024 * 1024).value_or("");
  const std::string err = judge::readFileCapped(*spec.stderrPath, kMaxShownBytes).value_or("");
  result.actual = qstr(out.size() > kMaxShownBytes ? out.substr(0, kMaxShownBytes) : out);
  result.stderrText = qstr(err);
  result.timeMs = static_cast<qint64>(run->cpuMs);
  result.memoryKb = static_cast<qint64>(run->memoryKb);
  result.detail = qstr(run->message);

  judge::TestEvidence evidence;
  evidence.run = judge::refineRunStatus(run->status, run->exitCode, run->signal, err,
                                        language.oomMarkers);
  evidence.exitCode = run->signal != 0 ? 128 + run->signal : run->exitCode;
  if (evidence.run == sandbox::Status::OK && evidence.exitCode == 0) {
    if (test.expected) {
      const auto verdict = judge::validateOutput(utf8(*test.expected), out, {});
      evidence.check = verdict.accepted ? judge::CheckResult::Accepted
                                        : judge::CheckResult::WrongAnswer;
      if (!verdict.accepted) result.detail = qstr(verdict.judgeMessage);
    } else {
      evidence.check = judge::CheckResult::Accepted;
    }
  }
  result.verdict = judge::testVerdict(evidence);
  return result;
}

LocalRunReport LocalRunner::runBlocking(const QString& languageId, const QString& code,
                                        const model::Limits& limits,
                                        const std::vector<LocalTestCase>& tests) {
  return run(languageId, code, limits, tests, false);
}

LocalRunReport LocalRunner::run(const QString& languageId, const QString& code,
                                const model::Limits& limits,
                                const std::vector<LocalTestCase>& tests, bool announce) {
  LocalRunReport report;
  const judge::Language* language = m_languages.find(utf8(languageId));
  if (language == nullptr || !language->available) {
    report.error = "language '" + languageId + "' is not available on this machine";
    return report;
  }
  auto dir = judge::TempDir::create(m_workRoot, "run-", fs::perms::all);
  if (!dir) {
    report.error = qstr(dir.error().message);
    return report;
  }
  const fs::path program = dir->path() / "program";
  std::error_code ec;
  fs::create_directory(program, ec);
  fs::permissions(program, fs::perms::all, ec);
  auto compiled = m_compiler.prepare(*language, utf8(code), program);
  if (!compiled) {
    report.error = "compiler: " + qstr(compiled.error().message);
    return report;
  }
  report.compileOutput = qstr(compiled->output.empty() ? compiled->message : compiled->output);
  if (!compiled->success) {
    report.verdict = model::Verdict::CompileError;
    return report;
  }
  report.compiled = true;
  std::vector<model::Verdict> verdicts;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    report.tests.push_back(runOne(*language, program, limits, tests[i]));
    verdicts.push_back(report.tests.back().verdict);
    if (!announce) continue;
    const LocalTestResult copy = report.tests.back();
    QMetaObject::invokeMethod(this, [this, i, copy] { emit testFinished(static_cast<int>(i), copy); },
                              Qt::QueuedConnection);
  }
  report.verdict = judge::aggregatePassFail(verdicts);
  return report;
}

bool LocalRunner::start(const QString& language, const QString& code, const model::Limits& limits,
                        std::vector<LocalTestCase> tests) {
  if (m_busy.exchange(true)) return false;
  if (m_worker.joinable()) m_worker.join();
  emit started(static_cast<int>(tests.size()));
  m_worker = std::thread([this, language, code, limits, tests = std::move(tests)] {
    LocalRunReport report = run(language, code, limits, tests, true);
    QMetaObject::invokeMethod(
        this,
        [this, report = std::move(report)] {
          m_busy = false;
          emit finished(report);
        },
        Qt::QueuedConnection);
  });
  return true;
}

}  // namespace arena::desktop
