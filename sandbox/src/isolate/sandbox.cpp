// The supervisor side of a run: Sandbox, its slots, and the loop that watches a box.
//
// Theory of operation. A Sandbox owns `slots` slots; each slot is a keeper process (holding
// the slot's user, mount and network namespaces, living in the slot's cgroups), the slot's box
// init (PID 1 of the slot's PID namespace, with the box filesystem for one set of binds), and a
// host uid. run() takes a free slot, makes sure its box init has the requested binds (else the
// keeper replaces it: the slow path) and is clean from the previous run, prepares the cgroup
// (reset counters, set limits), opens stdin, creates pipes for stdout/stderr and for the box's
// reports, and sends the request with the descriptors to the box init, which forks the
// program. The supervisor then watches, in one ppoll() loop, the report pipe, the output pipes
// (copying to the destination and counting bytes: past the limit is OLE), the box socket, and a
// timer that checks wall time and polls the cgroup's CPU counter (so limits have millisecond
// precision and the kill comes within ~10 ms of the limit). A limit hit sends "K": the box init
// SIGKILLs every process of its PID namespace. The box init reports Exited only after no
// process of the run is left, and the loop ends when that report and every pipe are at EOF;
// the cgroup is then read for CPU, peak memory and OOM kills (and swept, sparing the keeper and
// box init), and the verdict is derived. A box that misbehaves (no answer to "K" within 5 s, a
// dead socket) is killed and rebuilt on the next run. Sandbox faults come back as an Error;
// everything the program did is a RunResult.

#include "arena/sandbox/sandbox.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroup.hpp"
#include "keeper.hpp"
#include "linux_calls.hpp"
#include "seccomp_filter.hpp"

namespace arena::sandbox {

using namespace detail;

namespace {

constexpr std::int64_t kSetupTimeoutNs = 10'000'000'000;
constexpr std::int64_t kCpuPollNs = 10'000'000;
constexpr std::int64_t kKillGraceNs = 5'000'000'000;
constexpr std::size_t kMaxArgBytes = 256 * 1024;

std::int64_t nowNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Slot {
  unsigned index = 0;
  Keeper keeper;                      // none (pid -1) for a direct slot
  bool direct = false;                // SandboxOptions::direct: the box init is our child
  KeeperConfig config;                // what a direct slot clones its box init with
  bool cgroupKept = false;            // a reused cgroup (SandboxOptions::reuseCgroup) ...
  UniqueFd cgroupLock;                // ... held with this flock while we use it
  Box box;                            // the current box init (invalid: none yet, or dead)
  bool cleanPending = false;          // the box has not said "D" after its last run
  std::unique_ptr<BoxCgroup> cgroup;  // null in rlimit mode
};

bool sameDirs(const std::vector<BindDir>& a, const std::vector<BindDir>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const BindDir& x, const BindDir& y) {
    return x.host == y.host && x.box == y.box && x.writable == y.writable;
  });
}

// The OOM killer must never pick the keeper or a box init (children reset it to 0).
void protectFromOom(pid_t pid) {
  if (::geteuid() != 0 || pid <= 0) {
    return;
  }
  (void)writePath("/proc/" + std::to_string(pid) + "/oom_score_adj", "-1000");
}

// Ends the slot's box init (a direct one is our child: killed and reaped).
void dropBox(Slot& slot) {
  if (slot.direct) {
    endDirectBox(slot.box);
  } else {
    if (slot.box.pid > 0) {
      ::kill(slot.box.pid, SIGKILL);  // its PID namespace dies with it
    }
    slot.box = Box();
  }
}

// A direct slot makes its cgroups before its first box: whether it holds the kept one decides
// the box's network namespace (spawnDirectBox).
using MakeCgroup = std::function<Result<std::unique_ptr<BoxCgroup>>()>;

// Makes the slot's box init one with these binds, clean from its previous run, and readies
// the slot's cgroup for the run (`prepareCgroup`) once nothing else will enter it first.
StepResult ensureBox(Slot& slot, const std::vector<BindDir>& dirs, const MakeCgroup& makeCgroup,
                     const std::function<StepResult()>& prepareCgroup) {
  if (slot.box.socket.valid() && sameDirs(slot.box.dirs, dirs)) {
    if (!slot.cleanPending) {
      return prepareCgroup();
    }
    std::vector<UniqueFd> none;
    std::string buffer(4096, '\0');
    auto msg = receiveMessage(slot.box.socket.get(), none, buffer);
    if (msg && !msg->empty() && (*msg)[0] == 'D') {
      slot.cleanPending = false;
      return prepareCgroup();
    }
    // Not clean (or gone): replace it.
  }
  if (slot.direct) {
    endDirectBox(slot.box);
    if (!slot.cgroup && makeCgroup) {
      auto cgroup = makeCgroup();
      if (!cgroup) {
        return std::unexpected(cgroup.error());
      }
      slot.cgroup = std::move(*cgroup);
    }
    auto box = spawnDirectBox(slot.config, dirs, slot.cgroupKept);
    if (!box) {
      return std::unexpected(box.error());
    }
    slot.box = std::move(*box);
    // While it builds its filesystem: only programs ever enter a direct box's cgroups (so
    // neither can the OOM killer of one pick the box init, unlike a keeper's). A direct box
    // says nothing when it is ready: the run request queues behind its set-up, and an "E"
    // instead fails the run as a sandbox fault (the watch loop reads it) — one hand-over fewer.
    if (StepResult ready = prepareCgroup(); !ready) {
      endDirectBox(slot.box);
      return ready;
    }
    slot.cleanPending = false;
    return ok();
  }
  slot.box = Box();
  auto box = rebuildBox(slot.keeper, dirs);
  if (!box) {
    return std::unexpected(box.error());
  }
  slot.box = std::move(*box);
  slot.cleanPending = false;
  protectFromOom(slot.box.pid);
  return prepareCgroup();
}

bool readableNow(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

// The box's next message (the caller knows one, or the end, is there). A box that died with
// our run request unread resets the connection, and the kernel reports that (once) ahead of
// the messages still queued — such as the "E" saying why it died: so after an error, read
// once more what is there.
Result<std::string> nextBoxMessage(Box& box, std::string& buffer) {
  std::vector<UniqueFd> none;
  auto msg = receiveMessage(box.socket.get(), none, buffer);
  if (!msg && readableNow(box.socket.get())) {
    msg = receiveMessage(box.socket.get(), none, buffer);
  }
  return msg;
}

// Why a box that would not take a run is gone: its "E" message if it left one, else `fallback`.
std::string boxFailure(Box& box, const std::string& fallback) {
  std::string buffer;
  auto msg = readableNow(box.socket.get()) ? nextBoxMessage(box, buffer) : Result<std::string>();
  return msg && !msg->empty() && (*msg)[0] == 'E' ? "box: " + msg->substr(1) : fallback;
}

enum class KillReason { None, Cpu, Wall, Output, Setup };

// Where one output stream goes.
struct Sink {
  int pipe = -1;  // read end, -1 once at EOF
  int file = -1;  // destination file, or -1
  std::string* capture = nullptr;
};

// A small /proc file, read with one read().
std::string readProcFile(const std::string& path) {
  UniqueFd fd(::openat(AT_FDCWD, path.c_str(), O_RDONLY | O_CLOEXEC));
  char buf[4096];
  ssize_t n = fd.valid() ? ::read(fd.get(), buf, sizeof buf) : -1;
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

// The whitespace-separated numbers at the start of `p`, up to the first word that is not one.
std::vector<std::uint64_t> leadingNumbers(const char* p) {
  std::vector<std::uint64_t> out;
  for (;;) {
    char* end = nullptr;
    errno = 0;
    std::uint64_t value = std::strtoull(p, &end, 10);
    if (end == p || errno != 0) {
      return out;
    }
    out.push_back(value);
    p = end;
  }
}

std::uint64_t procCpuTicks(pid_t pid) {
  std::string text = readProcFile("/proc/" + std::to_string(pid) + "/stat");
  auto close = text.rfind(')');
  if (close == std::string::npos || close + 3 > text.size()) {
    return 0;
  }
  // "pid (comm) S ppid ...": past the one-letter state (field 3), numbers from field 4 on;
  // utime, stime, cutime, cstime are fields 14-17.
  const auto fields = leadingNumbers(text.c_str() + close + 3);
  std::uint64_t sum = 0;
  for (std::size_t i = 10; i < 14 && i < fields.size(); ++i) {  // fields 14-17
    sum += fields[i];
  }
  return sum;
}

// rlimit mode: CPU of the init's children (the program and what it reaped), from /proc.
std::uint64_t rlimitCpuNs(pid_t init) {
  std::uint64_t ticks = 0;
  const std::string children = readProcFile("/proc/" + std::to_string(init) + "/task/" +
                                            std::to_string(init) + "/children");
  for (std::uint64_t child : leadingNumbers(children.c_str())) {
    ticks += procCpuTicks(static_cast<pid_t>(child));
  }
  static const long hz = ::sysconf(_SC_CLK_TCK);
  return ticks * 1000000000ULL / static_cast<std::uint64_t>(hz > 0 ? hz : 100);
}

StepResult validate(const RunSpec& spec) {
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return fail(ErrorCode::InvalidArgument, "no program to run");
  }
  if (spec.workdir.empty() || spec.workdir[0] != '/') {
    return fail(ErrorCode::InvalidArgument, "workdir must be an absolute path in the box");
  }
  if (spec.stdinPath && spec.stdinData) {
    return fail(ErrorCode::InvalidArgument, "stdin: give a path or data, not both");
  }
  if (spec.stdinFd && (spec.stdinPath || spec.stdinData || *spec.stdinFd < 0)) {
    return fail(ErrorCode::InvalidArgument, "stdin: give a valid descriptor alone");
  }
  if (spec.stdoutFd && (spec.stdoutPath || spec.captureStdout || *spec.stdoutFd < 0)) {
    return fail(ErrorCode::InvalidArgument, "stdout: give a valid descriptor alone");
  }
  std::size_t bytes = 0;
  for (const auto& s : spec.argv) bytes += s.size() + 1;
  for (const auto& s : spec.env) bytes += s.size() + 1;
  if (bytes > kMaxArgBytes) {
    return fail(ErrorCode::InvalidArgument, "argv and env too large");
  }
  for (const auto& d : spec.dirs) {
    auto check = BindDir::parse(d.host + (d.box.empty() ? "" : ":" + d.box));
    if (!check) {
      return std::unexpected(check.error());
    }
    if (!d.box.empty() && (d.box == "/" || d.box == "/proc" || d.box.starts_with("/proc/"))) {
      return fail(ErrorCode::InvalidArgument, "cannot bind over " + d.box);
    }
  }
  return ok();
}

// A duplicate of a caller's descriptor: the caller keeps (and closes) its own.
Result<UniqueFd> duplicate(int fd, const char* what) {
  UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
  if (!copy.valid()) {
    return sysFail(std::string("duplicate ") + what + " descriptor");
  }
  return copy;
}

// Host paths for stdin/stdout/stderr must be regular files; the descriptor is made blocking
// again (it was opened non-blocking so a FIFO could not hang the open).
StepResult requireRegularFile(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return sysFail("stat " + path);
  }
  if (!S_ISREG(st.st_mode)) {
    return fail(ErrorCode::InvalidArgument, path + " is not a regular file");
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    return sysFail("fcntl " + path);
  }
  return ok();
}

// The run's stdin, or an invalid descriptor when it is /dev/null.
Result<UniqueFd> openStdin(const RunSpec& spec) {
  if (spec.stdinFd) {
    return duplicate(*spec.stdinFd, "stdin");
  }
  if (spec.stdinPath) {
    // Root opens it: never through a symlink or into a FIFO a previous box may have planted.
    UniqueFd fd(::openat(AT_FDCWD, spec.stdinPath->c_str(),
                         O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (!fd.valid()) {
      return sysFail("open stdin " + *spec.stdinPath);
    }
    if (auto regular = requireRegularFile(fd.get(), *spec.stdinPath); !regular) {
      return std::unexpected(regular.error());
    }
    return fd;
  }
  if (spec.stdinData) {
    UniqueFd fd(::memfd_create("arena-stdin", MFD_CLOEXEC));
    if (!fd.valid()) {
      return sysFail("memfd_create stdin");
    }
    const std::string& data = *spec.stdinData;
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
      if (n < 0) {
        return sysFail("write stdin data");
      }
      done += static_cast<std::size_t>(n);
    }
    ::lseek(fd.get(), 0, SEEK_SET);
    return fd;
  }
  return UniqueFd();  // none: the caller sends the sandbox's /dev/null
}

Result<UniqueFd> openOutput(const std::optional<std::string>& path) {
  if (!path) {
    return UniqueFd();
  }
  UniqueFd fd(::openat(AT_FDCWD, path->c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644));
  if (!fd.valid()) {
    return sysFail("open output " + *path);
  }
  if (auto regular = requireRegularFile(fd.get(), *path); !regular) {
    return std::unexpected(regular.error());
  }
  return fd;
}

StepResult makePipe(UniqueFd& readEnd, UniqueFd& writeEnd) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) {
    return sysFail("pipe");
  }
  readEnd.reset(p[0]);
  writeEnd.reset(p[1]);
  return ok();
}

// The CPUs we (and so the box) may run on, each of which may be burning the CPU limit. One
// system call, where the online count (sysconf) opens and parses a sysfs file on every cold run.
long usableCpus() {
  static const long count = [] {
    cpu_set_t set;
    CPU_ZERO(&set);
    return ::sched_getaffinity(0, sizeof set, &set) == 0 ? std::max(1, CPU_COUNT(&set)) : 1;
  }();
  return count;
}

// How long until the CPU counter is read again: every 10 ms, sooner as the limit nears (all
// CPUs may be burning it), never more often than every 1 ms.
std::int64_t cpuPollInterval(std::uint64_t limitMs, std::uint64_t usedNs) {
  std::int64_t left =
      static_cast<std::int64_t>(limitMs) * 1000000 - static_cast<std::int64_t>(usedNs);
  return std::clamp<std::int64_t>(left / usableCpus(), 1000000, kCpuPollNs);
}

std::string describeSignal(int sig) {
  const char* name = sys::signalName(sig);
  return name ? std::string(name) : "signal " + std::to_string(sig);
}

}  // namespace

struct Sandbox::Impl {
  SandboxOptions options;
  Isolation isolation = Isolation::Rlimit;
  CgroupHost cgroupHost;
  std::string staging;
  UniqueFd devNull;  // every run without stdin gets this one (the box receives its own copy)
  KeeperConfig config;
  std::vector<std::unique_ptr<Slot>> slots;
  std::mutex mutex;
  std::condition_variable freed;
  std::vector<Slot*> freeSlots;

  ~Impl() {
    for (auto& slot : slots) {
      if (slot->direct) {
        endDirectBox(slot->box);
      }
      slot->box = Box();
      stopKeeper(slot->keeper);
      slot->cgroup.reset();
    }
    if (!staging.empty()) {
      ::rmdir(staging.c_str());
    }
  }

  Result<RunResult> runIn(Slot& slot, const RunSpec& spec);

  // SandboxOptions::reuseCgroup: the slot's kept v1 cgroup, emptied, if no one else holds it.
  std::unique_ptr<BoxCgroup> reuseCgroup(Slot& slot) {
    const std::string name = "arena-direct";  // one for every box uid: the lock makes it ours
    const std::string dir = cgroupHost.v1Memory + "/" + name;
    UniqueFd lock(::openat(AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!lock.valid() && errno == ENOENT && ::mkdir(dir.c_str(), 0755) == 0) {
      lock.reset(::openat(AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    if (!lock.valid() || ::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
      return nullptr;  // another process's box uses it: take a private one
    }
    auto cgroup = createCgroupV1(cgroupHost, name, true);
    // Whatever a previous user's run left (a command killed mid-run: its PID namespace is
    // torn down, but maybe not yet) is gone before ours joins. A process that is dead but not
    // yet reaped still counts against pids.max: then the cgroup is not reusable yet.
    if (!cgroup || (!(*cgroup)->empty() && (!(*cgroup)->killAll() || !(*cgroup)->empty()))) {
      return nullptr;
    }
    slot.cgroupKept = true;
    slot.cgroupLock = std::move(lock);
    return std::move(*cgroup);
  }
};

Result<Sandbox> Sandbox::create(const SandboxOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.slots == 0) {
    return fail(ErrorCode::InvalidArgument, "a sandbox needs at least one slot");
  }
  if (options.direct && options.slots != 1) {
    return fail(ErrorCode::InvalidArgument, "a direct sandbox has exactly one slot");
  }
  const bool privileged = ::geteuid() == 0;
  // Box uids must be unprivileged and unused: uid 0 (or a real account's uid) on the host
  // would hand the box that account's rights through /proc and writable binds.
  constexpr std::uint32_t kLowestBoxUid = 10000;
  constexpr std::uint32_t kHighestBoxUid = 1u << 30;
  if (privileged && (options.firstUid < kLowestBoxUid || options.firstUid > kHighestBoxUid ||
                     options.slots > kHighestBoxUid - options.firstUid)) {
    return fail(ErrorCode::InvalidArgument,
                "box uids must lie in [" + std::to_string(kLowestBoxUid) + ", " +
                    std::to_string(kHighestBoxUid) + "]; got " + std::to_string(options.firstUid) +
                    " + " + std::to_string(options.slots) + " slots");
  }

  // Step: which accounting this host allows.
  if (options.isolation == Isolation::Rlimit) {
    impl->cgroupHost.kind = Isolation::Rlimit;
  } else {
    impl->cgroupHost = detectCgroups(false);
    if (options.isolation && *options.isolation != impl->cgroupHost.kind) {
      return fail(ErrorCode::Unavailable, std::string("isolation ") +
                                              std::string(isolationName(*options.isolation)) +
                                              " requested but this host allows " +
                                              std::string(isolationName(impl->cgroupHost.kind)));
    }
  }
  impl->isolation = impl->cgroupHost.kind;
  impl->devNull.reset(::openat(AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC));
  if (!impl->devNull.valid()) {
    return sysFail("open /dev/null");
  }

  impl->config.privileged = privileged;

  // Step: the staging directory every keeper builds its box roots on (in its own mount ns).
  std::string shared = options.direct ? sharedStagingDir() : std::string();
  if (!shared.empty()) {
    // Not ours to remove; resolved only if the box builds its root (direct_box.cpp).
    impl->config.layout.staging = shared;
    impl->config.layout.rootDirs = options.rootDirs;
  } else {
    auto staging = makeStagingDir();
    if (!staging) {
      return std::unexpected(staging.error());
    }
    impl->staging = std::move(*staging);
    impl->config.layout = makeBoxLayout(impl->staging, options.rootDirs);
  }

  auto slotConfig = [&](std::uint32_t i) {
    KeeperConfig config = impl->config;
    config.hostUid = privileged ? options.firstUid + i : ::getuid();
    config.hostGid = privileged ? options.firstUid : ::getgid();  // shared: see boxGroup()
    return config;
  };

  impl->config.seccomp = shippedSeccompFilter();

  // Step: one keeper (none when direct) and one cgroup per slot; a pool's start (off any
  // run's path) also clears what crashed sandboxes left.
  if (!options.direct) {
    removeAbandonedCgroups(impl->cgroupHost);
  }
  for (std::uint32_t i = 0; i < options.slots; ++i) {
    auto slot = std::make_unique<Slot>();
    slot->index = i;
    KeeperConfig config = slotConfig(i);
    if (options.direct) {
      // The box init and its cgroups are made by the first run (ensureBox).
      config.direct = true;
      slot->direct = true;
      slot->config = std::move(config);
      impl->freeSlots.push_back(slot.get());
      impl->slots.push_back(std::move(slot));
      continue;
    }
    std::string name = boxCgroupName(i);
    if (impl->isolation == Isolation::Cgroup1 || impl->isolation == Isolation::Cgroup2) {
      auto cg = impl->isolation == Isolation::Cgroup1 ? createCgroupV1(impl->cgroupHost, name)
                                                      : createCgroupV2(impl->cgroupHost, name);
      if (!cg) {
        return std::unexpected(cg.error());
      }
      slot->cgroup = std::move(*cg);
      config.cgroupJoinFds = slot->cgroup->joinFds();
    }
    auto keeper = beginKeeper(config);
    if (!keeper) {
      return std::unexpected(keeper.error());
    }
    slot->keeper = std::move(*keeper);
    if (slot->cgroup) {
      slot->cgroup->setKeeper(slot->keeper.pid);
    }
    impl->slots.push_back(std::move(slot));
  }

  if (options.direct) {
    return Sandbox(std::move(impl));
  }

  // Step: each keeper gets its id maps and the filter, and is ready.
  for (auto& slot : impl->slots) {
    if (auto s = finishKeeper(slot->keeper, slotConfig(slot->index), impl->config.seccomp); !s) {
      return std::unexpected(s.error());
    }
    protectFromOom(slot->keeper.pid);
    impl->freeSlots.push_back(slot.get());
  }
  return Sandbox(std::move(impl));
}

Sandbox::Sandbox(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Sandbox::Sandbox(Sandbox&&) noexcept = default;
Sandbox& Sandbox::operator=(Sandbox&&) noexcept = default;
Sandbox::~Sandbox() = default;

Isolation Sandbox::isolation() const { return m_impl->isolation; }

bool Sandbox::needsTeardown() const {
  if (!m_impl->staging.empty()) {
    return true;
  }
  return std::any_of(m_impl->slots.begin(), m_impl->slots.end(), [](const auto& slot) {
    return slot->keeper.pid > 0 || (slot->cgroup && !slot->cgroupKept);
  });
}

void Sandbox::yieldBoxInits() {
  const sched_param none{};
  for (const auto& slot : m_impl->slots) {
    if (slot->box.pid > 0) {
      ::sched_setscheduler(slot->box.pid, SCHED_IDLE, &none);
    }
  }
}

unsigned Sandbox::boxGroup() const {
  return m_impl->config.privileged ? m_impl->options.firstUid : ::getgid();
}

Result<RunResult> Sandbox::run(const RunSpec& spec) {
  if (auto s = validate(spec); !s) {
    return std::unexpected(s.error());
  }
  Slot* slot = nullptr;
  {
    std::unique_lock lock(m_impl->mutex);
    m_impl->freed.wait(lock, [&] { return !m_impl->freeSlots.empty(); });
    slot = m_impl->freeSlots.back();
    m_impl->freeSlots.pop_back();
  }
  auto result = m_impl->runIn(*slot, spec);
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->freeSlots.push_back(slot);
  }
  m_impl->freed.notify_one();
  return result;
}

Result<RunResult> Sandbox::Impl::runIn(Slot& slot, const RunSpec& spec) {
  const bool rlimitMode = isolation == Isolation::Rlimit;
  RunRequest request;
  request.argv = spec.argv;
  request.env = spec.env;
  if (request.env.empty()) {
    request.env = {"PATH=/usr/bin:/bin:/usr/local/bin", "HOME=" + spec.workdir, "LANG=C.UTF-8",
                   "TMPDIR=/tmp"};
  }
  request.dirs = spec.dirs;
  request.workdir = spec.workdir;
  request.cpuTimeMs = spec.cpuTimeMs;
  request.memoryKb = spec.memoryKb;
  request.outputKb = spec.outputKb;
  request.stackKb = spec.stackKb;
  request.processes = spec.processes;
  request.openFiles = spec.openFiles;
  request.rlimitMode = rlimitMode;
  const std::uint64_t wallLimitMs =
      spec.wallTimeMs ? spec.wallTimeMs : (spec.cpuTimeMs ? 2 * spec.cpuTimeMs + 1000 : 0);
  const std::uint64_t outputLimit = spec.outputKb * 1024;

  // Step: descriptors for the box.
  auto stdinFd = openStdin(spec);
  if (!stdinFd) {
    return std::unexpected(stdinFd.error());
  }
  auto stdoutFile = openOutput(spec.stdoutPath);
  if (!stdoutFile) {
    return std::unexpected(stdoutFile.error());
  }
  auto stderrFile = openOutput(spec.stderrToStdout ? std::nullopt : spec.stderrPath);
  if (!stderrFile) {
    return std::unexpected(stderrFile.error());
  }
  UniqueFd stdoutGiven;
  if (spec.stdoutFd) {
    auto copy = duplicate(*spec.stdoutFd, "stdout");
    if (!copy) {
      return std::unexpected(copy.error());
    }
    stdoutGiven = std::move(*copy);
  }
  UniqueFd outRead, outWrite, errRead, errWrite, reportRead, reportWrite;
  if (auto s = makePipe(outRead, outWrite); !s) {
    return std::unexpected(s.error());
  }
  if (!spec.stderrToStdout) {
    if (auto s = makePipe(errRead, errWrite); !s) {
      return std::unexpected(s.error());
    }
  }
  if (auto s = makePipe(reportRead, reportWrite); !s) {
    return std::unexpected(s.error());
  }

  // Step: the slot's box, with these binds, clean from its previous run.
  MakeCgroup makeCgroup;
  if (slot.direct && isolation != Isolation::Rlimit) {
    makeCgroup = [&]() -> Result<std::unique_ptr<BoxCgroup>> {
      if (isolation == Isolation::Cgroup1 && options.reuseCgroup) {
        if (auto reused = reuseCgroup(slot)) {
          return reused;
        }
      }
      const std::string name = boxCgroupName(slot.index);
      return isolation == Isolation::Cgroup1 ? createCgroupV1(cgroupHost, name)
                                             : createCgroupV2(cgroupHost, name);
    };
  }
  // And the slot's cgroup, reset and limited.
  auto prepareCgroup = [&]() -> StepResult {
    if (!slot.cgroup) {
      return ok();
    }
    CgroupLimits limits;
    limits.memoryBytes = spec.memoryKb * 1024;
    // Besides the run: the keeper and the box init, unless direct (its programs join alone).
    limits.pids = spec.processes ? spec.processes + (slot.direct ? 0 : 2) : 0;
    return slot.cgroup->prepare(limits);
  };
  if (auto s = ensureBox(slot, spec.dirs, makeCgroup, prepareCgroup); !s) {
    return std::unexpected(s.error());
  }

  // Step: hand the run to the box init.
  std::vector<int> fds = {stdinFd->valid() ? stdinFd->get() : devNull.get(),
                          stdoutGiven.valid() ? stdoutGiven.get() : outWrite.get(),
                          spec.stderrToStdout ? outWrite.get() : errWrite.get(), reportWrite.get()};
  if (slot.direct && slot.cgroup) {
    for (int join : slot.cgroup->joinFds()) {
      fds.push_back(join);  // the program joins the cgroups itself (KeeperConfig::direct)
    }
  }
  std::string message = "X";
  message += encodeRequest(request);
  if (auto s = sendMessage(slot.box.socket.get(), message, fds); !s) {
    const std::string why = boxFailure(slot.box, s.error().message);
    dropBox(slot);
    return fail(ErrorCode::Internal, "sandbox: " + why);
  }
  slot.cleanPending = true;
  stdinFd->reset();
  stdoutGiven.reset();
  outWrite.reset();
  errWrite.reset();
  reportWrite.reset();
  if (spec.started) {
    spec.started();
  }

  RunResult result;
  result.isolation = isolation;
  Sink sinks[2];
  sinks[0] = {outRead.get(), stdoutFile->valid() ? stdoutFile->get() : -1,
              spec.captureStdout ? &result.stdoutData : nullptr};
  if (!spec.stderrToStdout) {
    sinks[1] = {errRead.get(), stderrFile->valid() ? stderrFile->get() : -1,
                spec.captureStderr ? &result.stderrData : nullptr};
  }

  KillReason killed = KillReason::None;
  std::int64_t killDeadline = 0;
  auto killBox = [&](KillReason why) {
    if (killed == KillReason::None) {
      killed = why;
      killDeadline = nowNs() + kKillGraceNs;
      (void)sendMessage(slot.box.socket.get(), "K", {});
    }
  };

  bool boxDead = false;
  bool reportOpen = true;
  bool started = false;
  bool exited = false;
  BoxReport exitReport;
  std::string boxError;
  std::int64_t setupDeadline = nowNs() + kSetupTimeoutNs;
  std::int64_t wallStart = 0;
  std::uint64_t cpuNsSeen = 0;
  std::int64_t nextCpuPoll = 0;  // when the CPU counter is read next (set at Started)
  // Not zero-filled: a cold run would fault in all 16 pages, though most runs print little.
  constexpr std::size_t kChunk = 64 * 1024;
  thread_local std::unique_ptr<char[]> buffer(new char[kChunk]);
  thread_local std::string control;

  // The watch loop: until the box has reported and every output is at EOF, or, once it has
  // reported Exited, until the outputs hold nothing more to read.
  while (!boxDead && (reportOpen || sinks[0].pipe >= 0 || sinks[1].pipe >= 0)) {
    std::int64_t now = nowNs();
    std::int64_t timeout = -1;
    if (exited) {
      timeout = 0;  // only what is already in the output pipes is left to read
    } else if (killed != KillReason::None) {
      timeout = std::max<std::int64_t>(0, killDeadline - now);
    } else if (!started) {
      timeout = std::max<std::int64_t>(0, setupDeadline - now);
    } else {
      if (wallLimitMs) {
        timeout = std::max<std::int64_t>(
            0, wallStart + static_cast<std::int64_t>(wallLimitMs) * 1000000 - now);
      }
      if (spec.cpuTimeMs && !exited) {
        std::int64_t poll = std::max<std::int64_t>(0, nextCpuPoll - now);
        timeout = timeout < 0 ? poll : std::min(timeout, poll);
      }
    }
    pollfd pfds[4];
    int n = 0;
    int idxBox = n;
    pfds[n++] = {slot.box.socket.get(), POLLIN, 0};
    int idxReport = -1, idxOut[2] = {-1, -1};
    if (reportOpen) {
      idxReport = n;
      pfds[n++] = {reportRead.get(), POLLIN, 0};
    }
    for (int k = 0; k < 2; ++k) {
      if (sinks[k].pipe >= 0) {
        idxOut[k] = n;
        pfds[n++] = {sinks[k].pipe, POLLIN, 0};
      }
    }
    timespec ts{};
    timespec* tsp = nullptr;
    if (timeout >= 0) {
      ts.tv_sec = timeout / 1000000000;
      ts.tv_nsec = timeout % 1000000000;
      tsp = &ts;
    }
    int ready = ::ppoll(pfds, static_cast<nfds_t>(n), tsp, nullptr);
    if (ready < 0 && errno != EINTR) {
      boxError = std::string("ppoll: ") + std::strerror(errno);
      boxDead = true;
      break;
    }
    if (ready == 0 && exited) {
      break;  // drained: nothing of the run is alive to write more (the box init's copies
              // of the output pipes close after its report, see runOne)
    }
    if (pfds[idxBox].revents) {
      auto msg = nextBoxMessage(slot.box, control);
      if (!msg || msg->empty() || (*msg)[0] == 'E') {
        boxDead = true;
        if (boxError.empty()) {
          boxError = msg && !msg->empty() ? "box: " + msg->substr(1) : "box init died";
        }
      } else if ((*msg)[0] == 'D') {
        slot.cleanPending = false;
      }
    }
    if (idxReport >= 0 && pfds[idxReport].revents) {
      BoxReport report;
      ssize_t got = ::read(reportRead.get(), &report, sizeof report);
      if (got <= 0) {
        reportOpen = false;
      } else if (got == sizeof report) {
        switch (report.kind) {
          case ReportKind::Started:
            started = true;
            wallStart = report.startNs;  // the report may come a few ms after the start
            // The first reading is due one interval after the start.
            if (spec.cpuTimeMs) {
              nextCpuPoll = wallStart + cpuPollInterval(spec.cpuTimeMs, 0);
            }
            break;
          case ReportKind::Exited:
            exited = true;
            exitReport = report;
            reportOpen = false;  // the last report: its EOF, a moment later, is not waited for
            break;
          case ReportKind::SetupFailed:
          case ReportKind::ExecFailed:
            report.message[sizeof report.message - 1] = '\0';
            if (boxError.empty()) {
              boxError = report.message;
            }
            killBox(KillReason::Setup);
            break;
        }
      }
    }
    for (int k = 0; k < 2; ++k) {
      if (idxOut[k] < 0 || !pfds[idxOut[k]].revents) {
        continue;
      }
      Sink& sink = sinks[k];
      ssize_t got = ::read(sink.pipe, buffer.get(), kChunk);
      if (got <= 0) {
        sink.pipe = -1;
        continue;
      }
      std::uint64_t before = result.outputBytes;
      result.outputBytes += static_cast<std::uint64_t>(got);
      std::uint64_t keep = static_cast<std::uint64_t>(got);
      if (outputLimit && result.outputBytes > outputLimit) {
        keep = before >= outputLimit ? 0 : outputLimit - before;
        killBox(KillReason::Output);
      }
      if (sink.capture) {
        sink.capture->append(buffer.get(), keep);
      }
      if (sink.file >= 0 && keep &&
          ::write(sink.file, buffer.get(), keep) != static_cast<ssize_t>(keep)) {
        boxError = std::string("write output file: ") + std::strerror(errno);
        killBox(KillReason::Setup);
      }
    }
    now = nowNs();
    if (killed != KillReason::None) {
      if (now > killDeadline) {
        boxError = "box did not end its run after a kill";
        boxDead = true;
      }
      continue;
    }
    if (exited) {
      continue;  // everything is dead; only draining is left
    }
    if (!started) {
      if (now > setupDeadline) {
        boxError = "box setup timed out";
        boxDead = true;
      }
      continue;
    }
    if (wallLimitMs && now - wallStart >= static_cast<std::int64_t>(wallLimitMs) * 1000000) {
      killBox(KillReason::Wall);
      continue;
    }
    if (spec.cpuTimeMs && now >= nextCpuPoll) {
      if (slot.cgroup) {
        auto cpu = slot.cgroup->cpuNs();
        cpuNsSeen = cpu ? *cpu : cpuNsSeen;
      } else {
        cpuNsSeen = rlimitCpuNs(slot.box.pid);
      }
      if (cpuNsSeen >= spec.cpuTimeMs * 1000000) {
        killBox(KillReason::Cpu);
      }
      nextCpuPoll = now + cpuPollInterval(spec.cpuTimeMs, cpuNsSeen);
    }
  }

  // Step: account, make sure the cgroup is empty, and judge.
  CgroupUsage usage;
  if (slot.cgroup) {
    auto u = slot.cgroup->usage();
    if (!u) {
      return std::unexpected(u.error());
    }
    usage = *u;
  }
  if (boxDead) {
    // Its PID namespace dies with it; the cgroup sweep below catches anything in flight.
    dropBox(slot);
  }
  if (slot.cgroup) {
    if (auto s = slot.cgroup->killAll(slot.box.pid); !s) {
      return std::unexpected(s.error());
    }
  }
  if (boxDead || killed == KillReason::Setup || !boxError.empty()) {
    return fail(ErrorCode::Internal, "sandbox: " + (boxError.empty() ? "setup failed" : boxError));
  }
  if (!started) {
    return fail(ErrorCode::Internal, "sandbox: box init died before starting the program");
  }
  if (!exited) {
    return fail(ErrorCode::Internal, "sandbox: the box ended without a result");
  }

  {
    int st = exitReport.waitStatus;
    if (WIFEXITED(st)) {
      result.exitCode = WEXITSTATUS(st);
    } else if (WIFSIGNALED(st)) {
      result.signal = WTERMSIG(st);
    }
    result.wallMs = static_cast<std::uint64_t>(exitReport.wallNs / 1000000);
  }
  if (slot.cgroup) {
    result.cpuMs = usage.cpuNs / 1000000;
    // The main process's own peak RSS is a floor for the tree's: the cgroup figure, less the
    // slot's baseline, can round below it for a tiny program whose pages were already charged.
    result.memoryKb =
        std::max(usage.peakBytes / 1024,
                 static_cast<std::uint64_t>(std::max<std::int64_t>(exitReport.maxRssKb, 0)));
  } else {
    auto us = static_cast<std::uint64_t>(exitReport.userUs + exitReport.systemUs);
    result.cpuMs = std::max(us / 1000, cpuNsSeen / 1000000);
    result.memoryKb = static_cast<std::uint64_t>(exitReport.maxRssKb);
  }

  const bool failed = result.signal != 0 || result.exitCode != 0;
  // An OOM kill comes first: what the program does after losing a process (hang, spin,
  // crash) is a consequence of the memory limit.
  if (usage.oomKills > 0) {
    result.status = Status::MLE;
    result.message = "memory limit " + std::to_string(spec.memoryKb) + " KB exceeded (" +
                     std::to_string(usage.oomKills) + " OOM kill(s))";
  } else if (killed == KillReason::Cpu || (spec.cpuTimeMs && result.cpuMs > spec.cpuTimeMs) ||
             result.signal == SIGXCPU) {
    result.status = Status::TLE;
    result.message = "cpu time limit " + std::to_string(spec.cpuTimeMs) + " ms exceeded";
  } else if (killed == KillReason::Wall) {
    result.status = Status::TLE;
    result.message = "wall time limit " + std::to_string(wallLimitMs) + " ms exceeded";
  } else if (killed == KillReason::Output || result.signal == SIGXFSZ) {
    result.status = Status::OLE;
    result.message = "output limit " + std::to_string(spec.outputKb) + " KB exceeded";
  } else if (result.signal == SIGSYS) {
    result.status = Status::SV;
    result.message = "forbidden system call (killed by the seccomp filter)";
  } else if (rlimitMode && failed && spec.memoryKb && result.memoryKb * 10 >= spec.memoryKb * 9) {
    result.status = Status::MLE;
    result.message = "memory limit probably exceeded (rlimit mode: address space limit)";
  } else if (failed) {
    result.status = Status::RE;
    result.message = result.signal ? "killed by " + describeSignal(result.signal)
                                   : "exited with code " + std::to_string(result.exitCode);
  } else {
    result.status = Status::OK;
  }
  return result;
}

}  // namespace arena::sandbox
