#pragma once
// Public API of arena_sandbox: run one untrusted program under limits and get a RunResult.
//
//   arena::sandbox::Sandbox box = *arena::sandbox::Sandbox::create({});   // once, early in main
//   arena::sandbox::RunSpec spec;
//   spec.argv = {"/usr/bin/python3", "main.py"};
//   spec.dirs = {{.host = "/srv/sub/42", .box = "/box", .writable = true}};
//   spec.captureStdout = true;
//   arena::Result<arena::sandbox::RunResult> r = box.run(spec);
//
// A Result holding an Error means the sandbox itself could not run the program (status XX);
// a RunResult is a verdict about the program, whatever the program did.
//
// Thread safety: Sandbox::run is thread-safe. A Sandbox owns `slots` boxes (pre-made user,
// mount, PID, IPC, UTS and network namespaces plus pre-created cgroups); up to `slots` runs
// proceed in parallel, further callers wait for a free slot. Create the Sandbox early (before
// the process grows large): each slot's keeper process is forked from it.
//
// Speed: a slot keeps its box (namespaces, filesystem) between runs as long as RunSpec::dirs
// stays the same; a run with other binds rebuilds the slot's box first (~1 ms more). So give
// repeated runs of one submission the same dirs (e.g. one work directory per slot).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::sandbox {

// How a run ended. The order is the priority when several apply (TLE beats RE, ...).
enum class Status {
  OK,   // exited with code 0... or any code: see exitCode (OK means "ran to completion")
  RE,   // exited non-zero or killed by a signal not caused by a limit
  TLE,  // CPU or wall time limit exceeded
  MLE,  // memory limit exceeded (OOM kill counted by the cgroup, or rlimit evidence)
  OLE,  // output limit exceeded (stdout+stderr bytes, or a file over the size limit)
  SV,   // security violation: killed by the seccomp filter (SIGSYS)
  XX,   // internal error of the sandbox (never used for something the program did)
};

// Which accounting backed the run. Only cgroup2/cgroup1 count CPU and memory of the whole
// process tree; rlimit is the weak fallback (no root, no delegated cgroup).
enum class Isolation { Cgroup2, Cgroup1, Rlimit };

std::string_view statusName(Status s);        // "OK", "RE", ...
std::string_view isolationName(Isolation i);  // "cgroup2", "cgroup1", "rlimit"

// A host directory made visible in the box. Read-only unless writable.
struct BindDir {
  std::string host;      // absolute host path
  std::string box;       // absolute path in the box; empty = same as host
  bool writable = false;

  // Parses the CLI form HOST[:BOX][:rw]  (e.g. "/srv/x:/box:rw", "/opt/foo", "/data::rw").
  static Result<BindDir> parse(std::string_view text);
};

struct RunSpec {
  std::vector<std::string> argv;  // argv[0] is the program: absolute path in the box, or a
                                  // name looked up in /usr/bin, /bin, /usr/local/bin in the box
  std::vector<std::string> env;   // "KEY=VALUE"; empty = PATH, HOME=/box, LANG=C.UTF-8 ...

  std::uint64_t cpuTimeMs = 1000;   // CPU of all processes and threads together; 0 = none
  std::uint64_t wallTimeMs = 0;     // 0 = 2 * cpuTimeMs + 1000 (or none if cpuTimeMs is 0)
  std::uint64_t memoryKb = 262144;  // all processes together; 0 = none
  std::uint32_t processes = 64;     // processes + threads alive at once (pids.max)
  std::uint64_t outputKb = 65536;   // stdout+stderr bytes, and per-file size (RLIMIT_FSIZE);
                                    // also the size of the box's /tmp and /box tmpfs
  std::uint32_t openFiles = 64;     // RLIMIT_NOFILE
  std::uint64_t stackKb = 0;        // RLIMIT_STACK; 0 = bounded by memoryKb alone (a runaway
                                    // recursion is then MLE); set it and overflow is RE

  // stdin: a host file, or these bytes, or (neither) /dev/null.
  std::optional<std::string> stdinPath;
  std::optional<std::string> stdinData;
  // stdout/stderr: a host file (created/truncated, written by the sandbox, not the program),
  // or captured into RunResult::stdoutData/stderrData, or (neither) discarded.
  std::optional<std::string> stdoutPath;
  std::optional<std::string> stderrPath;
  bool captureStdout = false;
  bool captureStderr = false;
  bool stderrToStdout = false;  // 2>&1 (compiler diagnostics in one stream)
  // Instead of the above: an open descriptor (e.g. a pipe end, for interactive problems)
  // that becomes the program's stdin / stdout. run() hands a duplicate to the box; the caller
  // keeps its own and should close it from `started`, so that the peer at the other end of
  // the pipe sees EOF when this program ends. Output through stdoutFd is not counted against
  // outputKb.
  std::optional<int> stdinFd;
  std::optional<int> stdoutFd;
  // Called once, on run()'s thread, as soon as the box holds its descriptors (before the
  // wait for the program). Not called when the run fails before that.
  std::function<void()> started;

  std::vector<BindDir> dirs;   // extra binds, applied in order after the default view
  std::string workdir = "/box";  // cwd in the box; /box is a fresh private tmpfs per run
};

struct RunResult {
  Status status = Status::XX;
  int exitCode = 0;          // valid when the program exited (signal == 0)
  int signal = 0;            // signal that killed the program's main process, 0 if none
  std::uint64_t cpuMs = 0;   // user+system of the whole tree (cgroup), ms
  std::uint64_t wallMs = 0;  // from the program's fork to its end, ms
  std::uint64_t memoryKb = 0;  // peak memory of the whole tree (cgroup peak), KiB;
                               // rlimit mode: largest single process (ru_maxrss)
  Isolation isolation = Isolation::Rlimit;
  std::string message;       // human-readable detail ("cpu time limit 1000 ms exceeded")
  std::string stdoutData;    // when RunSpec::captureStdout (at most outputKb)
  std::string stderrData;    // when RunSpec::captureStderr
  std::uint64_t outputBytes = 0;  // stdout+stderr bytes the program wrote
};

struct SandboxOptions {
  std::uint32_t slots = 1;       // parallel runs
  std::uint32_t firstUid = 60000;  // when root: slot i runs as host uid firstUid + i, and every
                                   // slot as host gid firstUid (see Sandbox::boxGroup)
  // Force a weaker mode (tests, or "check" output); nullopt = strongest the host allows.
  std::optional<Isolation> isolation;
  // No keeper processes: the slot's box init is cloned straight from this process, into all of
  // its namespaces at once, by the first run (and again by a run with other dirs). The same
  // isolation and limits as a pooled slot, ~1 ms less for a process that runs one program and
  // exits (`arena-sandbox run`); a pooled server wants keepers (cheap rebuilds from a large
  // process). Only for a small single-threaded process, and one slot.
  bool direct = false;
  // With `direct`, on cgroup v1: use the slot cgroup "arena-direct", made once and
  // kept, whenever no other process holds it (an flock), instead of making and removing one
  // per process. Sharing it is safe: every process in it is killed before a use, and its
  // counters and limits are reset as before any run. Otherwise (held, or cgroup v2) a private
  // one as usual. (Back to back runs find it free: the box init stays outside it, so it is
  // empty as soon as the previous run was reaped.)
  bool reuseCgroup = false;
  // The read-only view of the host in every box (each bound at the same path if it exists).
  std::vector<std::string> rootDirs = {"/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin",
                                       "/etc"};
};

// What this host allows and why (for `arena-sandbox check`).
struct HostCheck {
  Isolation isolation = Isolation::Rlimit;
  bool userNamespaces = false;
  bool seccomp = false;
  std::vector<std::string> notes;  // one line per finding ("cgroup v1 memory at ... writable")
};
HostCheck checkHost();

class Sandbox {
 public:
  static Result<Sandbox> create(const SandboxOptions& options);

  Sandbox(Sandbox&&) noexcept;
  Sandbox& operator=(Sandbox&&) noexcept;
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  ~Sandbox();  // stops the keepers, removes the cgroups

  // Runs one program. Thread-safe; blocks while all slots are busy.
  Result<RunResult> run(const RunSpec& spec);

  Isolation isolation() const;

  // Whether destroying this Sandbox removes something from the host (keepers, cgroups, a
  // staging directory). When false, a process that is done may exit without destroying it: a
  // direct slot's box init dies with its parent and leaves nothing.
  bool needsTeardown() const;

  // For a process about to exit without destroying this Sandbox: from now on its box inits,
  // which die with it, do their last clean-up and die only when a CPU has nothing else to do
  // (SCHED_IDLE), not ahead of whoever waits for this process to exit.
  void yieldBoxInits();

  // The host gid every slot's box runs as (firstUid when root, the caller's gid otherwise).
  // A writable bind (BindDir::writable) must be writable by it, e.g. chown root:boxGroup()
  // and chmod 0770, since any slot may serve a run.
  unsigned boxGroup() const;

  struct Impl;

 private:
  explicit Sandbox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace arena::sandbox
