#include "rlimits.hpp"

#include <sys/resource.h>

namespace arena::sandbox::detail {

namespace {

StepResult setLimit(int resource, rlim_t soft, rlim_t hard, const char* step) {
  rlimit lim{soft, hard};
  if (::setrlimit(resource, &lim) != 0) {
    return sysFail(step);
  }
  return ok();
}

rlim_t kbToBytes(std::uint64_t kb) { return static_cast<rlim_t>(kb) * 1024; }

constexpr rlim_t kBoxSignalsPending = 1024;

}  // namespace

StepResult applyRlimits(const RunRequest& r) {
  if (auto s = setLimit(RLIMIT_CORE, 0, 0, "setrlimit CORE"); !s) {
    return s;
  }
  // No explicit stack limit: the stack is bounded by the memory limit alone. With a cgroup the
  // rlimit sits above the cgroup limit, so a runaway recursion meets the cgroup first and is
  // an OOM kill (MLE), not a SIGSEGV that would read as a runtime error.
  rlim_t stack = RLIM_INFINITY;
  if (r.stackKb) {
    stack = kbToBytes(r.stackKb);
  } else if (r.memoryKb) {
    stack = kbToBytes(r.memoryKb) + (r.rlimitMode ? 0 : kbToBytes(16 * 1024));
  }
  if (auto s = setLimit(RLIMIT_STACK, stack, stack, "setrlimit STACK"); !s) {
    return s;
  }
  if (r.openFiles) {
    if (auto s = setLimit(RLIMIT_NOFILE, r.openFiles, r.openFiles, "setrlimit NOFILE"); !s) {
      return s;
    }
  }
  if (r.outputKb) {
    rlim_t size = kbToBytes(r.outputKb);
    if (auto s = setLimit(RLIMIT_FSIZE, size, size, "setrlimit FSIZE"); !s) {
      return s;
    }
  }
  if (r.cpuTimeMs) {
    rlim_t seconds = static_cast<rlim_t>((r.cpuTimeMs + 999) / 1000 + 1);
    if (auto s = setLimit(RLIMIT_CPU, seconds, seconds + 1, "setrlimit CPU"); !s) {
      return s;
    }
  }
  if (r.processes) {
    // +2: the keeper and the box init run as the same uid in the same user namespace.
    rlim_t n = r.processes + 2;
    if (auto s = setLimit(RLIMIT_NPROC, n, n, "setrlimit NPROC"); !s) {
      return s;
    }
  }
  // Queued signals count, above the box, against the budget of whoever made its user
  // namespace — host root: with root's limit inherited (~100000 here) a box could leave root
  // no real-time signal while it ran. A program needs a handful.
  if (auto s = setLimit(RLIMIT_SIGPENDING, kBoxSignalsPending, kBoxSignalsPending,
                        "setrlimit SIGPENDING");
      !s) {
    return s;
  }
  // No real-time scheduling and no nice value below the one inherited, whatever limits the
  // caller's service was given: a real-time busy loop would starve the host for its whole
  // CPU limit.
  if (auto s = setLimit(RLIMIT_RTPRIO, 0, 0, "setrlimit RTPRIO"); !s) {
    return s;
  }
  if (auto s = setLimit(RLIMIT_NICE, 0, 0, "setrlimit NICE"); !s) {
    return s;
  }
  if (r.rlimitMode && r.memoryKb) {
    rlim_t as = kbToBytes(r.memoryKb);
    if (auto s = setLimit(RLIMIT_AS, as, as, "setrlimit AS"); !s) {
      return s;
    }
  }
  return ok();
}

}  // namespace arena::sandbox::detail
