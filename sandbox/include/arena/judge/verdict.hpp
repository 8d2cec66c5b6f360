#pragma once
// Verdicts as pure functions of what was observed: how the program's run ended and what the
// checker said. Nothing here runs anything, so every rule has a row in a table-driven test.
//
// The sandbox failing (XX) and the checker failing are judge errors (JE), never the
// contestant's fault. A run that hit a limit keeps that verdict whatever its exit status was
// (a program killed at the time limit also "crashed"); the checker only speaks for runs that
// ended on their own with exit code 0.

#include <optional>
#include <span>
#include <string_view>

#include "arena/judge/problem_package.hpp"
#include "arena/model/verdict.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace arena::judge {

enum class CheckResult {
  NotChecked,     // the checker was not run (the run already failed, or a bug)
  Accepted,       // default checker accepted / custom checker exited 42
  WrongAnswer,    // default checker rejected / custom checker exited 43
  CheckerFailed,  // custom checker crashed, timed out or exited with anything else
};

struct TestEvidence {
  sandbox::Status run = sandbox::Status::OK;
  int exitCode = 0;
  CheckResult check = CheckResult::NotChecked;
};

model::Verdict testVerdict(const TestEvidence& evidence);

// Pass-fail problems: the verdict of the first test, in judging order, that was not accepted;
// AC when all were. No tests at all cannot be judged: JE.
model::Verdict aggregatePassFail(std::span<const model::Verdict> tests);

// What the checker exit code means under the Kattis protocol: 42 accepted, 43 wrong answer,
// anything else (0 included) the checker failed. `ranToEnd` is false when the checker was
// killed (signal, limit, sandbox failure): that is a checker failure whatever the code.
CheckResult checkerResult(bool ranToEnd, int exitCode);

// A run that failed with the runtime's own out-of-memory message in its stderr (the JVM's
// -Xmx, node's heap) ran out of memory: MLE, not RE.
sandbox::Status refineRunStatus(sandbox::Status status, int exitCode, int signal,
                                std::string_view stderrText,
                                std::span<const std::string> oomMarkers);

// How one run went, for tools that show a single run rather than a judgement (the playground,
// the executor): "OK" (exit 0), "RE", "TLE", "MLE", "OLE", or "XX" when the sandbox failed. A
// runtime's out-of-memory message on stderr counts as MLE, as in judging.
std::string_view singleRunOutcome(const sandbox::RunResult& run,
                                  std::span<const std::string> oomMarkers);

// Interactive problems: the program and the interactor (the output validator) ran at once,
// connected by pipes. The interactor's exit code is the verdict, except that
//   a failed interactor (crash, limit, exit not 42/43) or sandbox failure is JE;
//   a program over the time limit is TLE, whoever ended first;
//   an interactor that rejected before the program ended is WA (the program may have crashed
//     only because its peer hung up; the judge knows this for sure when the program was
//     killed by SIGPIPE);
//   otherwise a program that failed on its own (RE, MLE, OLE, SV, non-zero exit) keeps that
//     verdict even if the interactor accepted.
struct InteractiveEvidence {
  sandbox::Status program = sandbox::Status::OK;
  int programExitCode = 0;
  CheckResult interactor = CheckResult::NotChecked;
  bool interactorFirst = false;  // the interactor ended before the program
  // The interactor died of SIGPIPE: it wrote to a program that was already gone (killed at a
  // limit, crashed or exited early), so its failure is a consequence, not a judging error.
  bool interactorLostProgram = false;
};

model::Verdict interactiveVerdict(const InteractiveEvidence& evidence);

// Scoring problems (IOI style subtasks). A verdict with the score it earned.
struct Scored {
  model::Verdict verdict = model::Verdict::Accepted;
  double score = 0;
};

// The score of one test case: 0 unless accepted; then the checker's score.txt if it wrote one,
// else the case's maxScore times the checker's score_multiplier.txt (default 1), else 0 (an
// unbounded case without a score from its checker).
double caseScore(model::Verdict verdict, std::optional<double> maxScore,
                 std::optional<double> checkerScore, std::optional<double> scoreMultiplier);

// A group from its children (cases and subgroups, in judging order): its verdict is the first
// rejection (AC when all were accepted, or when it is empty); its score is
//   PassFail: maxScore when every child was accepted, else 0;
//   Sum: the children's scores added; Min: the smallest child score (0 when empty);
// capped at maxScore when bounded, and 0 when a group named in require_pass was not
// all-accepted (`requirementsMet` false).
Scored aggregateGroup(ScoreAggregation aggregation, std::optional<double> maxScore,
                      std::span<const Scored> children, bool requirementsMet);

}  // namespace arena::judge
