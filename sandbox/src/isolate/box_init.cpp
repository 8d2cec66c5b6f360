// The box init: PID 1 of a slot's PID namespace, and parent of every program the slot runs.
//
// Theory of operation. The keeper clones this process into new PID, mount, IPC and UTS
// namespaces, inside the slot's cgroups (the keeper lives there). (A direct box — no keeper,
// SandboxOptions::direct — is cloned by the supervisor itself and stays outside the cgroups,
// which each program joins: direct_box.cpp; once its filesystem is built it is the same, but
// for the "R" it does not say.) It builds the box filesystem with the slot's binds and pivots
// into it, locks its children out of regaining capabilities (securebits), then serves runs on
// its socket, one at a time:
//   1. resize /box and /tmp to the run's output limit;
//   2. spawn the program (below; vfork-style: we resume once it has exec'd) and report Started;
//   3. wait for the program, or for "K" (kill) from the supervisor, which it answers with
//      kill(-1, SIGKILL) — as PID 1 of the namespace that reaches every process of the run,
//      and nothing outside it;
//   4. when the program has been reaped: kill(-1, SIGKILL) and reap until no process but
//      itself is left in the namespace (orphans, detached grandchildren: all of them), and
//      only then report Exited (wait status, rusage, wall time) — so when the supervisor has
//      the result, nothing of the run is alive;
//   5. off the critical path: empty /box and /tmp, take a fresh IPC namespace if the run left
//      System V objects in this one (none survives into the next run), and say "D" (clean)
//      on the socket.
// Being PID 1 it ignores signals from inside the box; the program, never PID 1, keeps normal
// signal semantics (SIGTERM works). Reusing the namespaces saves the ~1 ms per run that
// creating and tearing down mount and PID namespaces costs.
//
// The program's process, before execve: the cgroups when it joins them itself (a direct box,
// KeeperConfig::direct), stdio from the request, every other descriptor closed, its own
// process group, rlimits, oom_score_adj back to 0 (below a keeper), uid/gid 1000 with no
// supplementary groups, no capabilities, the working directory, no_new_privs, the seccomp
// filter — each step reported with its errno on failure, as ExecFailed, so a sandbox fault is
// never mistaken for the program's.

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

#include <algorithm>
#include <iterator>
#include <array>
#include <cstdio>
#include <cstring>

#include "capabilities.hpp"
#include "keeper.hpp"
#include "linux_calls.hpp"
#include "namespaces.hpp"
#include "rlimits.hpp"
#include "seccomp_filter.hpp"

namespace arena::sandbox::detail {

namespace {

std::int64_t nowNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void sendReport(int fd, BoxReport report) {
  while (::write(fd, &report, sizeof report) < 0 && errno == EINTR) {
  }
}

void sendFailure(int fd, ReportKind kind, const std::string& message) {
  BoxReport report;
  report.kind = kind;
  std::size_t n = std::min(message.size(), sizeof report.message - 1);
  std::memcpy(report.message, message.data(), n);
  sendReport(fd, report);
}

void sendText(int sock, const std::string& text) {
  while (::send(sock, text.data(), text.size(), MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

// Moves `fd` to `target`.
StepResult placeFd(int fd, int target) {
  if (::dup2(fd, target) < 0) {
    return sysFail("dup2 stdio");
  }
  return ok();
}

// Resolves a bare program name against the box's PATH directories.
std::string resolveProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    return name;
  }
  for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"}) {
    std::string path = std::string(dir) + "/" + name;
    if (::access(path.c_str(), X_OK) == 0) {
      return path;
    }
  }
  return name;
}

constexpr int kReportSlot = 100;

// How long a run's "Started" waits for the program to end first (runOne).
constexpr int kStartedDelayMs = 5;

StepResult prepareProgram(const KeeperConfig& config, const RunRequest& request,
                          const std::vector<int>& fds, const std::vector<UniqueFd>& cgroups) {
  // First, so everything the program does from here on is accounted and limited.
  for (const UniqueFd& cgroup : cgroups) {
    if (::write(cgroup.get(), "0", 1) != 1) {
      return sysFail("join cgroup");
    }
  }
  // Report pipe to a fixed high slot first, so the stdio dup2s cannot clobber it.
  if (::dup3(fds[kFdReport], kReportSlot, O_CLOEXEC) < 0) {
    return sysFail("move report descriptor");
  }
  int stdio[3] = {fds[kFdStdin], fds[kFdStdout], fds[kFdStderr]};
  // Lift a stdio source below 3 above 2 first, so placing one cannot overwrite another. (Ours
  // are /dev/null, so received descriptors are never below 3: this costs nothing normally.)
  for (int& fd : stdio) {
    if (fd > 2) {
      continue;
    }
    int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (high < 0) {
      return sysFail("dup stdio");
    }
    fd = high;
  }
  for (int i = 0; i < 3; ++i) {
    if (auto s = placeFd(stdio[i], i); !s) {
      return s;
    }
  }
  sys::closeFrom(3, kReportSlot - 1);
  sys::closeFrom(kReportSlot + 1);
  // A process group of its own, so kill(0) reaches only the run. Not a session (setsid): with
  // the scheduler's autogroups on, each new session allocates a task group on every CPU, up to
  // 0.1 ms per run; the box has no terminal a session would detach it from.
  if (::setpgid(0, 0) < 0) {
    return sysFail("setpgid");
  }
  if (auto s = applyRlimits(request); !s) {
    return s;
  }
  // A keeper's box init is protected from the OOM killer; the program must not be. (A direct
  // box init is not protected, so there is nothing to undo.)
  int adj = config.direct
                ? -1
                : ::openat(AT_FDCWD, "/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (adj >= 0) {
    if (::write(adj, "0", 1) != 1) {
      ::close(adj);
      return sysFail("reset oom_score_adj");
    }
    ::close(adj);
  }
  gid_t gid = config.layout.boxUid;
  uid_t uid = config.layout.boxUid;
  if (sys::dropSupplementaryGroups() != 0 && errno != EPERM) {
    return sysFail("setgroups");
  }
  if (sys::setAllIds(uid, gid) != 0) {
    return sysFail("set box uid");
  }
  if (auto s = dropAllCapabilities(); !s) {
    return s;
  }
  if (::chdir(request.workdir.c_str()) != 0) {
    return sysFail("chdir " + request.workdir);
  }
  ::umask(022);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return sysFail("no_new_privs");
  }
  return applySeccompFilter(config.seccomp);
}

// What the program's process needs, all made by the box init before the spawn: the child
// shares our memory until execve, so whatever it allocated would stay allocated in the box
// init (charged to every later run). It allocates only on its failure paths.
struct SpawnArgs {
  const KeeperConfig* config;
  const RunRequest* request;
  const std::vector<int>* fds;
  const std::vector<UniqueFd>* cgroups;  // a direct box's: join these first
  const char* program;
  char* const* argv;
  char* const* envp;
};

[[noreturn]] void programMain(const SpawnArgs& args) {
  // The init reset every disposition at start and only ignores SIGPIPE (ignored signals
  // survive execve).
  ::signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  if (auto s = prepareProgram(*args.config, *args.request, *args.fds, *args.cgroups); !s) {
    int report = ::fcntl(kReportSlot, F_GETFD) >= 0 ? kReportSlot : (*args.fds)[kFdReport];
    sendFailure(report, ReportKind::ExecFailed, s.error().message);
    ::_exit(127);
  }
  ::execve(args.program, args.argv, args.envp);
  int err = errno;
  BoxReport report;
  report.kind = ReportKind::ExecFailed;
  std::snprintf(report.message, sizeof report.message, "execve %s: %s", args.argv[0],
                sys::errorText(err));
  sendReport(kReportSlot, report);
  ::_exit(127);
}

// Kills every process of the namespace but us and reaps them all. Every process of the
// namespace descends from us (orphans are reparented to us or to a subreaper below us; nothing
// in the box may setns into it), so once we have no child left, nothing of the run is alive.
// kill(-1) walks every process of the host, so it is sent only while some child is still alive.
void sweep() {
  for (;;) {
    pid_t pid = ::waitpid(-1, nullptr, __WALL | WNOHANG);
    if (pid > 0) {
      continue;
    }
    if (pid < 0 && errno == ECHILD) {
      return;
    }
    if (pid < 0 && errno == EINTR) {
      continue;
    }
    ::kill(-1, SIGKILL);
    // Blocking: SIGKILL cannot be ignored, so each of them ends and is reaped here.
    if (::waitpid(-1, nullptr, __WALL) < 0 && errno == ECHILD) {
      return;
    }
  }
}

// The program is spawned as by vfork: it shares our memory until its execve, so neither a
// copy of our page tables at fork nor their teardown at exec is paid, and we sleep until it
// has exec'd (or failed). Safe here because we are single-threaded and the child changes only
// what is its own (descriptor table, credentials, rlimits, process group, seccomp: no CLONE_FILES,
// CLONE_FS, CLONE_SIGHAND or CLONE_THREAD). It runs on its own stack, made once.
int programEntry(void* raw) {
  programMain(*static_cast<const SpawnArgs*>(raw));
}

pid_t spawnProgram(const KeeperConfig& config, const RunRequest& request,
                   const std::vector<int>& fds, const std::vector<UniqueFd>& cgroups) {
  constexpr std::size_t kStackBytes = 256 * 1024;
  static void* stack = nullptr;
  if (stack == nullptr) {
    void* mem = ::mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED) {
      return -1;
    }
    stack = mem;
  }
#if defined(__SANITIZE_ADDRESS__)
  // The last child never returned from its frames (it exec'd), so their redzones are still
  // poisoned in the shadow memory we share: the next child would trip over them.
  __asan_unpoison_memory_region(stack, kStackBytes);
#endif
  std::vector<char*> argv;
  for (const auto& a : request.argv) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : request.env) {
    envp.push_back(const_cast<char*>(e.c_str()));
  }
  envp.push_back(nullptr);
  const std::string program = resolveProgram(request.argv[0]);
  SpawnArgs args{&config, &request, &fds, &cgroups, program.c_str(), argv.data(), envp.data()};
  return ::clone(programEntry, static_cast<char*>(stack) + kStackBytes,
                 CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
}

// One run. Returns false when the supervisor is gone (the box must end).
bool runOne(const KeeperConfig& config, int sock, const RunRequest& request,
            std::vector<UniqueFd>& owned, const std::vector<UniqueFd>& cgroups,
            const std::vector<std::string>& scratch, std::uint64_t& scratchKb) {
  std::array<int, kRequestFdCount> fdArray{};
  for (std::size_t i = 0; i < fdArray.size() && i < owned.size(); ++i) {
    fdArray[i] = owned[i].get();
  }
  const std::vector<int> fds(fdArray.begin(), fdArray.end());
  const int reportFd = fdArray[kFdReport];
  std::uint64_t wantKb = request.outputKb ? request.outputKb : 1048576;
  if (wantKb != scratchKb) {
    if (auto s = resizeScratch(scratch, wantKb); !s) {
      sendFailure(reportFd, ReportKind::SetupFailed, s.error().message);
      return true;
    }
    scratchKb = wantKb;
  }
  std::int64_t start = nowNs();
  pid_t program = spawnProgram(config, request, fds, cgroups);
  if (program < 0) {
    sendFailure(reportFd, ReportKind::SetupFailed,
                std::string("spawn program: ") + std::strerror(errno));
    return true;
  }
  // Our copies of the program's stdout and stderr stay open until "Exited": its outputs reach
  // EOF only after the report, which wakes the supervisor once, to drain what is left.
  owned[kFdStdin].reset();
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, program, 0));
  // "Started" waits a moment: a program that has ended by then (most judged runs take a few
  // milliseconds) is reported with its "Exited", in one hand-over to the supervisor instead of
  // two. The supervisor times the run from startNs either way.
  BoxReport started;
  started.kind = ReportKind::Started;
  started.startNs = start;
  bool startReported = false;
  auto reportStart = [&] {
    if (!startReported) {
      sendReport(reportFd, started);
      startReported = true;
    }
  };

  bool supervisorGone = false;
  int status = 0;
  rusage usage{};
  for (;;) {
    pollfd pfds[2] = {{pidfd, POLLIN, 0}, {sock, POLLIN, 0}};
    int ready = ::poll(pfds, 2, startReported ? -1 : kStartedDelayMs);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    if (ready == 0) {
      reportStart();
      continue;
    }
    if (pfds[1].revents) {
      char msg[16];
      ssize_t n = ::recv(sock, msg, sizeof msg, MSG_DONTWAIT);
      if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR))) {
        supervisorGone = true;
      }
      ::kill(-1, SIGKILL);  // "K", or the supervisor went away
    }
    if (pfds[0].revents) {
      if (::wait4(program, &status, 0, &usage) == program) {
        break;
      }
    }
  }
  std::int64_t wall = nowNs() - start;
  ::close(pidfd);
  sweep();
  reportStart();
  BoxReport done;
  done.kind = ReportKind::Exited;
  done.waitStatus = status;
  done.userUs = usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
  done.systemUs = usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  done.maxRssKb = usage.ru_maxrss;
  done.wallNs = wall;
  sendReport(reportFd, done);
  owned.clear();
  return !supervisorGone;
}

}  // namespace

StepResult becomeBoxInit() {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);  // its parent going means the slot is over
  ::prctl(PR_SET_NAME, "arena-init", 0, 0, 0);
  // Whatever the supervisor's process had installed or ignored is not the program's business.
  for (int sig = 1; sig < NSIG; ++sig) {
    ::signal(sig, SIG_DFL);
  }
  ::signal(SIGPIPE, SIG_IGN);
  return lockOutRegainedCapabilities();  // for its children: it keeps its own capabilities
}

[[noreturn]] void boxInitMain(const KeeperConfig& config, const std::vector<BindDir>& dirs,
                              int sock, const std::vector<UniqueFd>& bindTrees) {
  // Set-up steps; a failure is reported as "E<step: error>" and ends the box.
  StepResult setup = config.direct ? ok() : becomeBoxInit();  // a direct box did, earlier
  if (setup) {
    setup = config.prebuiltRoot ? finishPrebuiltBox(config.layout, dirs, bindTrees)
                                : buildBoxFilesystem(config.layout, dirs, config.direct);
  }
  if (setup && ::sethostname("arena", 5) != 0) {
    setup = sysFail("sethostname");
  }
  if (!setup) {
    sendText(sock, "E" + setup.error().message);
    ::_exit(1);
  }
  if (!config.direct) {
    sendText(sock, "R");  // a direct box's supervisor does not wait for it (ensureBox)
  }

  std::string buffer;
  std::uint64_t scratchKb = kScratchInitialKb;  // as buildBoxFilesystem mounted them
  const std::vector<std::string> scratch = scratchDirs(dirs);
  for (;;) {
    std::vector<UniqueFd> fds;
    auto bytes = receiveMessage(sock, fds, buffer);
    if (!bytes || bytes->empty()) {
      ::_exit(0);  // supervisor gone: the kernel ends the namespace with us
    }
    if ((*bytes)[0] != 'X') {
      continue;  // a late "K" after the run already ended
    }
    auto request = decodeRequest(bytes->substr(1));
    if (!request || fds.size() < static_cast<std::size_t>(kRequestFdCount)) {
      if (fds.size() > static_cast<std::size_t>(kFdReport)) {
        sendFailure(fds[kFdReport].get(), ReportKind::SetupFailed, "malformed run request");
      }
      sendText(sock, "D");
      continue;
    }
    // Past the four of every run: a direct box's cgroup join descriptors, for the program.
    std::vector<UniqueFd> cgroups(std::make_move_iterator(fds.begin() + kRequestFdCount),
                                  std::make_move_iterator(fds.end()));
    fds.resize(kRequestFdCount);
    if (!runOne(config, sock, *request, fds, cgroups, scratch, scratchKb)) {
      ::_exit(0);
    }
    // Off the critical path: the result is out; make the box clean for the next run.
    StepResult clean = wipeScratch(scratch);
    if (clean && ipcObjectsLeft() && ::unshare(CLONE_NEWIPC) != 0) {
      clean = sysFail("fresh IPC namespace");
    }
    if (!clean) {
      sendText(sock, "E" + clean.error().message);
      ::_exit(1);
    }
    sendText(sock, "D");
  }
}

}  // namespace arena::sandbox::detail
