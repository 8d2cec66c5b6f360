#pragma once
// Runs the contestant's code on this machine the way the judge would: the same language table
// (sandbox/languages.json via judge::defaultLanguagesFile()), the same compile step
// (judge::Compiler), the same run limits as a judged test (CPU = the problem's time limit, wall
// = 3 x CPU + 2 s, memory + the language's runtime allowance, the output limit), the same
// default output validator and the same verdict rules (judge::testVerdict). Unlike the judge it
// keeps each program's output, so the view can show expected against actual.
//
// Isolation: arena_sandbox picks the strongest the host allows (cgroup2, cgroup1, or rlimits
// alone on a desktop without root or delegated cgroups) and isolationDescription() says which.
//
// Threads: runs happen on a worker thread, one at a time; results come back as signals on the
// GUI thread. runBlocking() is the same work on the caller's thread (tests, the CLI).

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

// Qt defines `slots` as a macro; arena_sandbox has a field of that name.
#pragma push_macro("slots")
#undef slots
#include "arena/judge/compiler.hpp"
#include "arena/judge/language.hpp"
#include "arena/model/problem.hpp"
#include "arena/model/verdict.hpp"
#include "arena/sandbox/sandbox.hpp"
#pragma pop_macro("slots")

namespace arena::desktop {

struct LocalTestCase {
  QString name;
  QString input;
  std::optional<QString> expected;  // none: custom input, no checking
};

struct LocalTestResult {
  QString name;
  QString input;
  std::optional<QString> expected;
  QString actual;
  QString stderrText;
  // AC/WA/TLE/MLE/RE/OLE/SV/JE; for custom input without an answer, AC means "ran fine".
  model::Verdict verdict = model::Verdict::JudgeError;
  QString detail;  // the sandbox's or checker's reason
  qint64 timeMs = 0;
  qint64 memoryKb = 0;
};

struct LocalRunReport {
  bool compiled = false;
  QString compileOutput;
  QString error;  // the runner itself failed (no sandbox, unknown language)
  model::Verdict verdict = model::Verdict::JudgeError;  // aggregate, as the judge would say
  std::vector<LocalTestResult> tests;
};

struct LocalRunnerOptions {
  std::uint32_t sandboxFirstUid = 300000;
  QString workRoot;  // empty: <temp>/arena-desktop-runner-<pid>
};

class LocalRunner : public QObject {
  Q_OBJECT
 public:
  // Creates the sandbox (do this early: its keeper processes fork from this process).
  static std::unique_ptr<LocalRunner> create(const LocalRunnerOptions& options, QString* error);
  ~LocalRunner() override;

  QString isolationDescription() const;
  // Languages usable here (the table's, minus toolchains not installed).
  std::vector<const judge::Language*> languages() const;

  LocalRunReport runBlocking(const QString& language, const QString& code,
                             const model::Limits& limits, const std::vector<LocalTestCase>& tests);
  // Asynchronous; false when a run is already going.
  bool start(const QString& language, const QString& code, const model::Limits& limits,
             std::vector<LocalTestCase> tests);
  bool busy() const { return m_busy.load(); }

 signals:
  void started(int tests);
  void testFinished(int index, const arena::desktop::LocalTestResult& result);
  void finished(const arena::desktop::LocalRunReport& report);

 private:
  LocalRunner(sandbox::Sandbox sandbox, judge::LanguageTable languages, std::filesystem::path workRoot);
  LocalRunReport run(const QString& language, const QString& code, const model::Limits& limits,
                     const std::vector<LocalTestCase>& tests, bool announce);
  LocalTestResult runOne(const judge::Language& language, const std::filesystem::path& program,
                         const model::Limits& limits, const LocalTestCase& test);

  sandbox::Sandbox m_sandbox;
  judge::LanguageTable m_languages;
  std::filesystem::path m_workRoot;
  judge::Compiler m_compiler;
  std::thread m_worker;
  std::atomic<bool> m_busy{false};
};

}  // namespace arena::desktop

Q_DECLARE_METATYPE(arena::desktop::LocalTestResult)
Q_DECLARE_METATYPE(arena::desktop::LocalRunReport)
