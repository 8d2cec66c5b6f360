#include "seccomp_filter.hpp"

#include <cstdint>
#include <memory>

#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unique_fd.hpp"

namespace arena::sandbox::detail {

namespace {

struct CtxDeleter {
  void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

// clang-format off
constexpr const char* kDeniedCalls[] = {
    "mount", "umount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load",
    "reboot", "swapon", "swapoff", "acct", "quotactl", "quotactl_fd", "syslog", "vhangup",
    "open_by_handle_at", "name_to_handle_at", "fanotify_init", "lookup_dcookie",
    "iopl", "ioperm", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "sethostname", "setdomainname", "nfsservctl",
    // POSIX message queues: never needed, and the one IPC object the box init could not count
    // after a run (it counts System V objects to know whether the IPC namespace needs renewing).
    "mq_open",
    // inotify instances count against the budget of whoever made the box's user namespace —
    // host root (fs.inotify.max_user_instances, 128): a box could leave it none while it runs.
    "inotify_init", "inotify_init1",
    // Native AIO contexts draw on one pool for the whole host (fs.aio-max-nr, 65536 events): a
    // box could take it all for 5 MB of memory, and the host's database would get none.
    "io_setup",
};
// clang-format on

// Calls allowed only when argument `arg` equals `value`: each may only name the caller itself.
// Aimed at the box init (pid 1, same uid) they would lower its limits or priority, and every
// later run in the slot would inherit that.
struct ArgumentRule {
  const char* name;
  unsigned arg;
  std::uint64_t value;
};
constexpr ArgumentRule kOnlyTheCallerItself[] = {
    {"prlimit64", 0, 0},  // pid 0: this process
    {"sched_setaffinity", 0, 0}, {"sched_setscheduler", 0, 0}, {"sched_setparam", 0, 0},
    {"sched_setattr", 0, 0},     {"setpriority", 0, 0},  // which = PRIO_PROCESS
    {"setpriority", 1, 0},                               // who = this process
    {"ioprio_set", 0, 1},                                // which = IOPRIO_WHO_PROCESS
    {"ioprio_set", 1, 0},                                // who = this process
};

constexpr int kSoPassPidfd = 76;  // SO_PASSPIDFD (Linux 6.5), newer than our headers

constexpr unsigned long kNamespaceFlags[] = {CLONE_NEWNS,  CLONE_NEWCGROUP, CLONE_NEWUTS,
                                             CLONE_NEWIPC, CLONE_NEWUSER,   CLONE_NEWPID,
                                             CLONE_NEWNET};

}  // namespace

Result<std::vector<sock_filter>> compileSeccompFilter() {
  Ctx ctx(seccomp_init(SCMP_ACT_ALLOW));
  if (!ctx) {
    return fail(ErrorCode::Internal, "seccomp_init failed");
  }
  // Only the native architecture is in the filter; anything else (i386, x32) kills.
  if (int rc = seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS); rc) {
    return sysFail("seccomp badarch action", -rc);
  }
  (void)seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0);
  // A binary tree of syscall numbers instead of a linear list: fewer BPF steps per syscall.
  (void)seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2);
  for (const char* name : kDeniedCalls) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) {
      continue;  // not on this architecture / libseccomp version
    }
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), nr, 0); rc) {
      return sysFail(std::string("seccomp rule ") + name, -rc);
    }
  }
  for (unsigned long flag : kNamespaceFlags) {
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                                  SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
        rc) {
      return sysFail("seccomp rule clone", -rc);
    }
  }
  // Sockets: only unnamed AF_UNIX pairs (socketpair), which link just the processes of one
  // run. The network namespace is empty, but some families ignore it (AF_VSOCK reaches the
  // hypervisor of a VM host; AF_NETLINK and AF_ALG are never needed), and every box shares it
  // — with it the names of abstract UNIX sockets, through which two runs could meet. So no
  // socket in a box may get a name either: no bind(), and not the autobind that a socket
  // with SO_PASSCRED or SO_PASSPIDFD gets when it sends or connects.
  for (int call : {SCMP_SYS(socket), SCMP_SYS(socketpair)}) {
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EAFNOSUPPORT), call, 1,
                                  SCMP_A0(SCMP_CMP_NE, AF_UNIX));
        rc) {
      return sysFail("seccomp rule socket", -rc);
    }
  }
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 1,
                                SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
      rc) {
    return sysFail("seccomp rule socket", -rc);
  }
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EACCES), SCMP_SYS(bind), 0); rc) {
    return sysFail("seccomp rule bind", -rc);
  }
  for (int option : {SO_PASSCRED, kSoPassPidfd}) {
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EACCES), SCMP_SYS(setsockopt), 2,
                                  SCMP_A1(SCMP_CMP_EQ, SOL_SOCKET),
                                  SCMP_A2(SCMP_CMP_EQ, static_cast<scmp_datum_t>(option)));
        rc) {
      return sysFail("seccomp rule setsockopt", -rc);
    }
  }
  // Huge pages come from the host's preallocated pool, which no memory cgroup v1 counts: a
  // box could take every page reserved for, say, the database. (Transparent huge pages are
  // ordinary memory, and still allowed.)
  const struct {
    int call;
    scmp_arg_cmp hugetlb;
  } hugePageRequests[] = {
      {SCMP_SYS(mmap), SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_HUGETLB, MAP_HUGETLB)},
      {SCMP_SYS(memfd_create), SCMP_A1(SCMP_CMP_MASKED_EQ, MFD_HUGETLB, MFD_HUGETLB)},
      {SCMP_SYS(shmget), SCMP_A2(SCMP_CMP_MASKED_EQ, SHM_HUGETLB, SHM_HUGETLB)},
  };
  for (const auto& request : hugePageRequests) {
    if (int rc = seccomp_rule_add_array(ctx.get(), SCMP_ACT_ERRNO(EPERM), request.call, 1,
                                        &request.hugetlb);
        rc) {
      return sysFail("seccomp rule huge pages", -rc);
    }
  }
  for (const auto& rule : kOnlyTheCallerItself) {
    const int nr = seccomp_syscall_resolve_name(rule.name);
    if (nr == __NR_SCMP_ERROR) continue;
    const scmp_arg_cmp otherwise{rule.arg, SCMP_CMP_NE, rule.value, 0};
    if (int rc = seccomp_rule_add_array(ctx.get(), SCMP_ACT_ERRNO(EPERM), nr, 1, &otherwise); rc) {
      return sysFail(std::string("seccomp rule ") + rule.name, -rc);
    }
  }
  int clone3 = seccomp_syscall_resolve_name("clone3");
  if (clone3 != __NR_SCMP_ERROR) {
    if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), clone3, 0); rc) {
      return sysFail("seccomp rule clone3", -rc);
    }
  }
  UniqueFd mem(::memfd_create("arena-seccomp", MFD_CLOEXEC));
  if (!mem.valid()) {
    return sysFail("memfd_create");
  }
  if (int rc = seccomp_export_bpf(ctx.get(), mem.get()); rc) {
    return sysFail("seccomp_export_bpf", -rc);
  }
  off_t size = ::lseek(mem.get(), 0, SEEK_END);
  if (size <= 0 || static_cast<std::size_t>(size) % sizeof(sock_filter) != 0) {
    return fail(ErrorCode::Internal, "seccomp_export_bpf produced no program");
  }
  std::vector<sock_filter> program(static_cast<std::size_t>(size) / sizeof(sock_filter));
  if (::pread(mem.get(), program.data(), static_cast<std::size_t>(size), 0) != size) {
    return sysFail("read seccomp program");
  }
  return program;
}

}  // namespace arena::sandbox::detail
