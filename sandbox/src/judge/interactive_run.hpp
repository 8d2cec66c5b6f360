#pragma once
// One test case of an interactive problem (private to arena_judge).
//
// Theory of operation: two pipes connect the program and the interactor (the package's output
// validator, run as `interactor input answer feedback_dir [args]`): the program's stdout is
// the interactor's stdin and the interactor's stdout the program's stdin. Both run sandboxed
// at the same time (the interactor on a second thread; the Sandbox needs two free slots, or
// the pair waits on each other until a wall limit ends it). Each run receives its pipe ends as
// RunSpec::stdinFd/stdoutFd and closes the judge's copies from `started`, so that when one
// side ends the other reads EOF (or gets EPIPE) instead of hanging.
//
// Who ended first is not measured: the two runs end in different processes, and the order in
// which their results reach the judge's threads is a race (the interactor's EOF and the
// program's end are released by the same close). The one ordering that is certain is a
// program killed by SIGPIPE: its peer had hung up already. judgeCase() uses that.

#include <filesystem>
#include <string>

#include "arena/judge/judge.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "output_checker.hpp"

namespace arena::judge {

struct InteractiveRunResult {
  Result<sandbox::RunResult> program = std::unexpected(Error{});
  Result<sandbox::RunResult> interactor = std::unexpected(Error{});
};

// Runs `programSpec` (its stdin/stdout are set here) against the interactor of `checker`.
// `feedbackDir` must exist and be writable by the box.
InteractiveRunResult runInteractive(sandbox::Sandbox& sandbox, sandbox::RunSpec programSpec,
                                    const Judge::PreparedChecker& checker, const TestCase& testCase,
                                    const std::filesystem::path& feedbackDir,
                                    const CheckerLimits& limits);

}  // namespace arena::judge
