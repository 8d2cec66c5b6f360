#include "interactive_run.hpp"

#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace arena::judge {

namespace {

// A pipe end the judge owns until a run has handed it to its box.
class PipeEnd {
 public:
  explicit PipeEnd(int fd = -1) : m_fd(fd) {}
  PipeEnd(const PipeEnd&) = delete;
  PipeEnd& operator=(const PipeEnd&) = delete;
  ~PipeEnd() { close(); }
  int get() const { return m_fd; }
  void close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd;
};

}  // namespace

InteractiveRunResult runInteractive(sandbox::Sandbox& sandbox, sandbox::RunSpec programSpec,
                                    const Judge::PreparedChecker& checker, const TestCase& testCase,
                                    const std::filesystem::path& feedbackDir,
                                    const CheckerLimits& limits) {
  InteractiveRunResult result;
  int toInteractor[2];
  int toProgram[2];
  if (::pipe2(toInteractor, O_CLOEXEC) != 0) {
    result.program = fail(ErrorCode::Internal, "cannot create a pipe");
    return result;
  }
  PipeEnd interactorIn(toInteractor[0]);
  PipeEnd programOut(toInteractor[1]);
  if (::pipe2(toProgram, O_CLOEXEC) != 0) {
    result.program = fail(ErrorCode::Internal, "cannot create a pipe");
    return result;
  }
  PipeEnd programIn(toProgram[0]);
  PipeEnd interactorOut(toProgram[1]);

  sandbox::RunSpec interactorSpec = validatorSpec(checker, testCase, feedbackDir, limits);
  interactorSpec.stdinFd = interactorIn.get();
  interactorSpec.stdoutFd = interactorOut.get();
  interactorSpec.started = [&] {
    interactorIn.close();
    interactorOut.close();
  };
  // The interactor waits for the program as long as the program may run.
  interactorSpec.wallTimeMs = std::max(interactorSpec.wallTimeMs, programSpec.wallTimeMs + 1000);

  programSpec.stdinPath.reset();
  programSpec.stdinData.reset();
  programSpec.stdoutPath.reset();
  programSpec.captureStdout = false;
  programSpec.stdinFd = programIn.get();
  programSpec.stdoutFd = programOut.get();
  programSpec.started = [&] {
    programIn.close();
    programOut.close();
  };

  std::thread interactorThread([&] {
    result.interactor = sandbox.run(interactorSpec);
    // A run that failed before its box had the descriptors has not closed them.
    interactorIn.close();
    interactorOut.close();
  });
  result.program = sandbox.run(programSpec);
  programIn.close();
  programOut.close();
  interactorThread.join();
  return result;
}

}  // namespace arena::judge
