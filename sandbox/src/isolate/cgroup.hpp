#pragma once
// Control groups: how the sandbox counts CPU and memory of a whole process tree.
//
// Theory of operation. Each box slot owns one cgroup (v2) or one cgroup per controller (v1:
// memory, cpuacct, pids), created when the Sandbox is created — never on a run's critical
// path — under the cgroup this process already sits in (per controller), so we stay inside
// whatever a container or service manager delegated to us. The slot's keeper joins it once,
// at creation, and no run ever migrates: the box init, cloned by the keeper, is born inside,
// and
// everything the program forks inherits the cgroup and cannot leave it (cgroupfs is not
// mounted in the box). The keeper is idle between runs and tiny, so its share of the counters
// is noise; killAll() spares it. Before a run the cgroup is prepared: counters reset (or
// baselines read where a counter cannot be reset; the OOM count is carried over from the last
// run's final reading) and limits written only when they must rise, or fall by over 512 KiB.
// The keeper and box init stay charged between runs (a few hundred KB); that baseline is read
// before each run, added to the memory limit and subtracted from the peak, so the program gets
// its whole limit and reports only its own memory. After the run the usage is read: CPU from
// cpuacct.usage / cpu.stat, peak memory from memory.max_usage_in_bytes / memory.peak, OOM
// kills from memory.oom_control / memory.events — an MLE is the kernel's count, not a guess.

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "arena/sandbox/sandbox.hpp"
#include "sys_error.hpp"

namespace arena::sandbox::detail {

struct CgroupLimits {
  std::uint64_t memoryBytes = 0;  // 0 = none
  std::uint32_t pids = 0;         // 0 = none
};

struct CgroupUsage {
  std::uint64_t cpuNs = 0;
  std::uint64_t peakBytes = 0;
  std::uint64_t oomKills = 0;
};

class BoxCgroup {
 public:
  virtual ~BoxCgroup() = default;
  virtual Isolation kind() const = 0;
  // Resets counters and applies limits; the cgroup must be empty.
  virtual StepResult prepare(const CgroupLimits& limits) = 0;
  // Descriptors (owned by this object) the keeper writes "0" to, to move itself in. Moving a
  // process by pid takes the global threadgroup lock, whose first writer waits for an RCU
  // grace period (1-20 ms measured here); on v1 a task moving its own single thread through
  // `tasks` skips that lock, so the keeper joins itself. (v2 has no such door: it pays once.)
  virtual std::vector<int> joinFds() const = 0;
  // The keeper that joined: spared by killAll, the only process that lives on between runs
  // besides the box init.
  virtual void setKeeper(pid_t keeper) = 0;
  // CPU used since prepare(), for limit polling during the run.
  virtual Result<std::uint64_t> cpuNs() = 0;
  virtual Result<CgroupUsage> usage() = 0;
  // SIGKILLs every process in the cgroup except the keeper and `alsoSpare` (the box init)
  // and waits (bounded) until none is left.
  virtual StepResult killAll(pid_t alsoSpare = -1) = 0;
  // Whether no process, not even an unreaped dead one, is listed in it.
  virtual bool empty() = 0;
};

// Where this host lets us create cgroups.
struct CgroupHost {
  Isolation kind = Isolation::Rlimit;
  std::string v2Parent;                   // cgroup2: directory our box cgroups go under
  std::string v1Memory, v1Cpuacct, v1Pids;  // cgroup1: one parent directory per controller
  std::vector<std::string> notes;         // why this mode (for `arena-sandbox check`)
};

// The name of this process's private cgroup for box slot `slot`:
// arena-<PID namespace inode>-<pid>-<slot>, so whoever finds it abandoned can tell whether its
// owner is dead (removeAbandonedCgroups).
std::string boxCgroupName(unsigned slot);

// Removes the box cgroups of processes of our PID namespace that died without removing them
// (killed, say), so crashes do not pile up cgroups (each memory cgroup costs the kernel memory
// long after it is empty). Only empty ones (rmdir refuses any other) older than a minute (not
// one just being made) go.
void removeAbandonedCgroups(const CgroupHost& host);

// Looks for cgroup2 first, then cgroup1. `probe`: prove writability by creating and removing
// a directory (for `check`); otherwise an access() check, and creating the slot's cgroups is
// the proof.
CgroupHost detectCgroups(bool probe);

// Creates the slot's cgroup(s) named `name` under the host's parents (or opens them if they
// exist). `keep` (v1): never removed, a cgroup reused from one process to the next (v2 may
// move to a fresh directory to reset its peak, so it is never reused).
Result<std::unique_ptr<BoxCgroup>> createCgroupV1(const CgroupHost& host, const std::string& name,
                                                  bool keep = false);
Result<std::unique_ptr<BoxCgroup>> createCgroupV2(const CgroupHost& host, const std::string& name);

// Above this much memory charged before a run, the slot holds page cache from earlier runs
// (files written into a writable bind, binaries read): it is reclaimed first, so it neither
// raises the next program's limit nor inflates its reported peak.
inline constexpr std::uint64_t kReclaimBaselineAbove = 4u << 20;

// The baseline as added to the limit: rounded up to 256 KiB, so the limit is rewritten only
// when it really moved.
inline std::uint64_t roundBaseline(std::uint64_t bytes) {
  constexpr std::uint64_t kStep = 256 * 1024;
  return (bytes + kStep - 1) / kStep * kStep;
}

// Whether the memory limit must be rewritten: always to raise it (the program gets its whole
// limit) or to set/lift one, but not to lower it by less than 512 KiB — the baseline wanders
// by a few hundred KB from run to run, and three writes per run (v1: memsw, limit, memsw) are
// not worth that. So the program may get up to 768 KiB more than its limit, never less.
inline bool limitNeedsWrite(std::uint64_t wanted, std::uint64_t current) {
  constexpr std::uint64_t kLowerAbove = 512 * 1024;
  if (wanted == 0 || current == 0 || current == UINT64_MAX) {
    return wanted != current;
  }
  return wanted > current || current - wanted > kLowerAbove;
}

// Whether `pid` has exited (a zombie, or gone): still listed in cgroup.procs until reaped,
// but nothing to kill.
bool hasExited(pid_t pid);

// SIGKILLs every process listed in the open cgroup.procs `procsFd` except `keeper` and
// `alsoSpare`, again and again until none is left alive (forks may race the first pass).
StepResult killListedProcesses(int procsFd, pid_t keeper, pid_t alsoSpare, const char* what);

// The usage of a run from the raw cgroup readings, less what the slot held before it (the
// memory baseline and the OOM kills counted earlier). `oomEvents` is the flat keyed file that
// counts "oom_kill" (v1 memory.oom_control, v2 memory.events).
Result<CgroupUsage> usageSinceBaseline(const Result<std::uint64_t>& cpuNs,
                                       const Result<std::string>& peak,
                                       const Result<std::string>& oomEvents,
                                       std::uint64_t baseline, std::uint64_t oomBaseline,
                                       const char* what);

// Small file helpers shared by both versions.
Result<std::string> readSmallFile(int fd);
StepResult writeSmallFile(int fd, const std::string& text);
StepResult writePath(const std::string& path, const std::string& text);
// The path of this process's cgroup for a v1 controller ("memory") or v2 (""), in the text of
// /proc/self/cgroup; "/" when not listed.
std::string ownCgroupPath(std::string_view procSelfCgroup, const std::string& controller);
// Value of "key N" in a flat keyed file (memory.events, cpu.stat, memory.oom_control).
std::uint64_t keyedValue(const std::string& text, const std::string& key);

}  // namespace arena::sandbox::detail
