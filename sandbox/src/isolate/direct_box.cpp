// A box without a keeper: for a process that runs one program and exits (`arena-sandbox run`).
//
// Theory of operation. A pooled slot pays for its namespaces twice, off the critical path:
// the keeper forks, unshares a user and a mount namespace and trades messages with the
// supervisor (uid maps, filter, ready), then clones the box init into PID, mount, IPC and UTS
// namespaces. A cold run has no "off the critical path": every one of those steps is waited
// for. So with SandboxOptions::direct the supervisor clones the box init itself, into all of
// its namespaces at once (user, mount, PID, IPC, UTS; the network namespace is the shared
// empty one, which the calling thread joins just for the clone and then leaves, or a new one
// without root), with one handshake:
//   child                                   supervisor
//   keeps only its socket as fd 3,          writes the uid/gid maps (1000 -> box uid),
//   /dev/null as stdio; waits for "U"       sends "U"
//   becomes uid 1000 with its capabilities  creates the slot's cgroups (first run only),
//   (which count only in its own            sends "C" with their join descriptors,
//   namespaces), makes its mounts private,  keeps the box init from the OOM killer,
//   builds the box filesystem               waits for "R"
//   joins the cgroups ("C"; host root's descriptors) and from there on is exactly the
//   keeper-made box init (box_init.cpp): says "R", serves runs.
// So the cgroups are made while the box builds its filesystem. On cgroup v2 (cgroup.procs moves
// every thread) the child joins before building instead, see KeeperConfig::joinLate.
// Nothing is weaker than a pooled slot: the same namespaces, uid, cgroups, filter, and the
// same box init; it only lacks the keeper, which exists so a slot can be rebuilt cheaply from a
// large multi-threaded supervisor. The clone copies the caller (fork-like, no exec), so the
// caller must be single-threaded and small — a CLI, not a server. The box init is our child:
// endDirectBox kills and reaps it; if we die first its socket closes and it exits, taking its
// PID namespace (everything of the run) with it.

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "capabilities.hpp"
#include "keeper.hpp"
#include "namespaces.hpp"

namespace arena::sandbox::detail {

namespace {

constexpr int kBoxSocket = 3;

[[noreturn]] void directDie(int sock, const std::string& why) {
  (void)sendMessage(sock, "E" + why, {});
  ::_exit(1);
}

// Receives "C" with the slot's cgroup join descriptors and moves this thread in (still host
// root: the descriptors were opened by root). Before any program exists, so the program is
// born there.
StepResult joinCgroups(int sock) {
  std::vector<UniqueFd> fds;
  std::string small(16, '\0');
  auto msg = receiveMessage(sock, fds, small);
  if (!msg) {
    return std::unexpected(msg.error());
  }
  if (msg->empty() || (*msg)[0] != 'C') {
    return fail(ErrorCode::Internal, "expected the cgroups");
  }
  for (const UniqueFd& fd : fds) {
    if (::write(fd.get(), "0", 1) != 1) {
      return sysFail("join cgroup");
    }
  }
  return ok();
}

[[noreturn]] void directBoxMain(const KeeperConfig& config, const std::vector<BindDir>& dirs,
                                int sock) {
  // Descriptors: only our socket (as 3) and /dev/null as stdio; the caller's are not ours.
  if (sock != kBoxSocket) {
    if (::dup2(sock, kBoxSocket) < 0) {
      ::_exit(1);
    }
    sock = kBoxSocket;
  }
  ::close_range(kBoxSocket + 1, ~0U, 0);
  int devnull = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; ++fd) {
    ::dup2(devnull, fd);
  }
  if (devnull > kBoxSocket) {
    ::close(devnull);
  }
  std::vector<UniqueFd> none;
  std::string small(16, '\0');
  auto go = receiveMessage(sock, none, small);
  if (!go || go->empty() || (*go)[0] != 'U') {
    ::_exit(1);  // the supervisor gave up (it reaps us)
  }
  const gid_t gid = config.layout.boxUid;
  const uid_t uid = config.layout.boxUid;
  ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  if (config.privileged && ::setgroups(0, nullptr) != 0) {
    directDie(sock, std::string("setgroups: ") + std::strerror(errno));
  }
  if (::setresgid(gid, gid, gid) != 0 || ::setresuid(uid, uid, uid) != 0) {
    directDie(sock, std::string("become box uid: ") + std::strerror(errno));
  }
  if (auto s = raiseEffectiveCapabilities(); !s) {
    directDie(sock, s.error().message);
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    directDie(sock, std::string("make mounts private: ") + std::strerror(errno));
  }
  if (!config.joinLate) {
    if (auto s = joinCgroups(sock); !s) {
      directDie(sock, s.error().message);
    }
    boxInitMain(config, dirs, sock);
  }
  boxInitMain(config, dirs, sock, [sock] { return joinCgroups(sock); });
}

}  // namespace

Result<Box> spawnDirectBox(const KeeperConfig& config, const std::vector<BindDir>& dirs) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return sysFail("socketpair");
  }
  UniqueFd ours(pair[0]), theirs(pair[1]);
  int size = 1 << 20;
  ::setsockopt(ours.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);

  unsigned long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;
  UniqueFd ownNetns;
  if (config.privileged) {
    // The clone is born in the calling thread's network namespace: the shared empty one, for
    // as long as the clone takes.
    ownNetns.reset(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
    if (!ownNetns.valid()) {
      return sysFail("open own network namespace");
    }
    if (auto s = joinSharedNetns(); !s) {
      return std::unexpected(s.error());
    }
  } else {
    flags |= CLONE_NEWNET;
  }
  long rc = ::syscall(SYS_clone, flags | SIGCHLD, nullptr, nullptr, nullptr, nullptr);
  if (rc == 0) {
    ours.reset();
    directBoxMain(config, dirs, theirs.release());
  }
  const int cloneErrno = errno;
  if (ownNetns.valid() && ::setns(ownNetns.get(), CLONE_NEWNET) != 0) {
    // Cannot happen for root; if it did, this thread must not go on in the box's network.
    ::abort();
  }
  if (rc < 0) {
    return sysFail("clone box init", cloneErrno);
  }
  theirs.reset();
  Box box;
  box.pid = static_cast<pid_t>(rc);
  box.socket = std::move(ours);
  box.dirs = dirs;
  StepResult started =
      writeIdMaps(box.pid, config.layout.boxUid, config.hostUid, config.hostGid, config.privileged);
  if (started) {
    started = sendMessage(box.socket.get(), "U", {});
  }
  if (!started) {
    endDirectBox(box);
    return std::unexpected(started.error());
  }
  return box;
}

StepResult sendCgroupJoin(Box& box, const std::vector<int>& joinFds) {
  return sendMessage(box.socket.get(), "C", joinFds);
}

void endDirectBox(Box& box) {
  if (box.pid > 0) {
    ::kill(box.pid, SIGKILL);
    while (::waitpid(box.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  box = Box();
}

}  // namespace arena::sandbox::detail
