// A box without a keeper: for a process that runs one program and exits (`arena-sandbox run`).
//
// Theory of operation. A pooled slot pays for its namespaces twice, off the critical path:
// the keeper forks, unshares a user and a mount namespace and trades messages with the
// supervisor (uid maps, filter, ready), then clones the box init into PID, mount, IPC and UTS
// namespaces. A cold run has no "off the critical path": every one of those steps is waited
// for. So with SandboxOptions::direct the supervisor clones the box init itself, into all of
// its namespaces at once (user, mount, PID, IPC, UTS; the network namespace is an empty one
// owned by host root, which the calling thread enters just for the clone and then leaves, or a
// new one without root; with the kept cgroup the IPC namespace is entered so too, a pinned
// one, see namespaces.hpp), with one handshake:
//   child                                   supervisor
//   keeps only its socket as fd 3,          writes the uid/gid maps (1000 -> box uid),
//   /dev/null as stdio; waits for "U"       sends "U"
//   becomes uid 1000 with its capabilities  readies the slot's cgroups for the run (made
//   (which count only in its own            before the clone, on the first run only),
//   namespaces), makes its mounts private,  sends the run request, which waits in
//   builds the box filesystem               the socket until the box reads it
//   and from there on is exactly the keeper-made box init (box_init.cpp), but for the "R" it
//   does not say (a failure is an "E", which fails the run): serves runs. Each run request
//   brings the cgroups' join descriptors (host root's), and the program writes itself in
//   before its execve.
// So the cgroups are readied while the box builds its filesystem, and only programs ever enter
// them (see KeeperConfig::direct).
// Nothing is weaker than a pooled slot: the same namespaces, uid, cgroups, filter, and the
// same box init; it only lacks the keeper, which exists so a slot can be rebuilt cheaply from a
// large multi-threaded supervisor. The clone copies the caller (fork-like, no exec), so the
// caller must be single-threaded and small — a CLI, not a server. The box init is our child:
// endDirectBox kills and reaps it; if we die first its socket closes and it exits, taking its
// PID namespace (everything of the run) with it.

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <optional>

#include "capabilities.hpp"
#include "keeper.hpp"
#include "linux_calls.hpp"
#include "namespaces.hpp"
#include "prebuilt_root.hpp"

namespace arena::sandbox::detail {

namespace {

constexpr int kBoxSocket = 3;

[[noreturn]] void directDie(int sock, const std::string& why) {
  (void)sendMessage(sock, "E" + why, {});
  ::_exit(1);
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
  sys::closeFrom(kBoxSocket + 1);
  int devnull = ::openat(AT_FDCWD, "/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; ++fd) {
    ::dup2(devnull, fd);
  }
  if (devnull > kBoxSocket) {
    ::close(devnull);
  }
  StepResult early = becomeBoxInit();  // needs neither the id maps nor the filesystem
  std::vector<UniqueFd> bindTrees;  // with a prebuilt root
  std::string small(16, '\0');
  auto go = receiveMessage(sock, bindTrees, small);
  if (!go || go->empty() || (*go)[0] != 'U') {
    ::_exit(1);  // the supervisor gave up (it reaps us)
  }
  if (!early) {
    directDie(sock, early.error().message);
  }
  const gid_t gid = config.layout.boxUid;
  const uid_t uid = config.layout.boxUid;
  ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  if (config.privileged && sys::dropSupplementaryGroups() != 0) {
    directDie(sock, std::string("setgroups: ") + std::strerror(errno));
  }
  if (sys::setAllIds(uid, gid) != 0) {
    directDie(sock, std::string("become box uid: ") + std::strerror(errno));
  }
  if (auto s = raiseEffectiveCapabilities(); !s) {
    directDie(sock, s.error().message);
  }
  // A copy of the host's mounts must stop propagating both ways; a prebuilt root's are
  // private from the start (prebuilt_root.cpp), and so are the copies.
  if (!config.prebuiltRoot && ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    directDie(sock, std::string("make mounts private: ") + std::strerror(errno));
  }
  boxInitMain(config, dirs, sock, bindTrees);
}

// The calling thread away from one of its own namespaces (a clone is born in its caller's):
// leave() remembers home, comeBack() (or the end of this) returns there. setns() into a mount
// namespace also moves the root and working directory, so those are restored too. Coming back
// cannot fail for root; if it did, the thread must not go on elsewhere.
class AwayFromHome {
 public:
  AwayFromHome() = default;
  AwayFromHome(const AwayFromHome&) = delete;
  AwayFromHome& operator=(const AwayFromHome&) = delete;
  ~AwayFromHome() { comeBack(); }

  StepResult leave(int type) {
    m_type = type;
    const char* home = type == CLONE_NEWNS    ? "/proc/thread-self/ns/mnt"
                       : type == CLONE_NEWIPC ? "/proc/thread-self/ns/ipc"
                                              : "/proc/thread-self/ns/net";
    if (type == CLONE_NEWNS) {
      m_root.reset(::openat(AT_FDCWD, "/", O_PATH | O_DIRECTORY | O_CLOEXEC));
      m_cwd.reset(::openat(AT_FDCWD, ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
      if (!m_root.valid() || !m_cwd.valid()) {
        return sysFail("remember own root");
      }
    }
    m_home.reset(::openat(AT_FDCWD, home, O_RDONLY | O_CLOEXEC));
    return m_home.valid() ? ok() : sysFail("remember own namespace");
  }

  void comeBack() {
    if (!m_home.valid()) {
      return;  // never left, or back already
    }
    if (::setns(m_home.get(), m_type) != 0 ||
        (m_type == CLONE_NEWNS && (::fchdir(m_root.get()) != 0 || ::chroot(".") != 0 ||
                                   ::fchdir(m_cwd.get()) != 0))) {
      ::abort();
    }
    m_home.reset();
  }

 private:
  int m_type = 0;
  UniqueFd m_home, m_root, m_cwd;
};

// With root and binds a prebuilt root has room for: its namespace, and each bind's tree.
// Nothing when it cannot be had (a kernel without open_tree, say): the box builds in place.
struct Prebuilt {
  UniqueFd ns;
  std::vector<UniqueFd> trees;
};

std::optional<Prebuilt> prebuiltFor(const KeeperConfig& config, const std::vector<BindDir>& dirs) {
  if (!config.privileged || !prebuiltRootServes(dirs) || dirs.size() > kMaxMessageFds) {
    return std::nullopt;
  }
  auto ns = openPrebuiltRoot(config.layout);
  auto trees = ns ? cloneBindTrees(dirs) : Result<std::vector<UniqueFd>>();
  if (!ns || !trees) {
    return std::nullopt;
  }
  return Prebuilt{std::move(*ns), std::move(*trees)};
}

}  // namespace

Result<Box> spawnDirectBox(const KeeperConfig& startConfig, const std::vector<BindDir>& dirs,
                           bool pinnedNamespaces) {
  KeeperConfig config = startConfig;
  std::optional<Prebuilt> prebuilt = prebuiltFor(config, dirs);
  config.prebuiltRoot = prebuilt.has_value();
  if (!config.prebuiltRoot) {
    resolveRootEntries(config.layout);  // it builds its root in place
  }
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return sysFail("socketpair");
  }
  UniqueFd ours(pair[0]), theirs(pair[1]);
  int size = 1 << 20;
  ::setsockopt(ours.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);

  unsigned long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS;
  // The clone is born in the calling thread's network namespace and copies its mount
  // namespace, so for as long as the clone takes the thread goes to:
  //   network  the pinned empty one when the box may have it, else a fresh one made here (made
  //            by the clone, it would be the box's own user namespace's to configure); without
  //            root the clone makes a private one;
  //   IPC      the pinned one likewise (a new one costs the clone ~30 us), replaced first when
  //            an earlier run left System V objects in it; else the clone makes one;
  //   mount    the prebuilt root's.
  AwayFromHome awayNet, awayIpc, awayMounts;
  if (config.privileged) {
    StepResult entered = awayNet.leave(CLONE_NEWNET);
    if (entered && pinnedNamespaces) {
      entered = joinPinnedNamespace(kDirectNetnsPath, CLONE_NEWNET);
    } else if (entered && ::unshare(CLONE_NEWNET) != 0) {
      entered = sysFail("new network namespace");
    }
    if (entered && pinnedNamespaces) {
      entered = awayIpc.leave(CLONE_NEWIPC);
      if (entered) {
        entered = joinCleanPinnedIpcns(kDirectIpcnsPath);
      }
      flags &= ~static_cast<unsigned long>(CLONE_NEWIPC);
    }
    if (!entered) {
      return std::unexpected(entered.error());
    }
  } else {
    flags |= CLONE_NEWNET;
  }
  if (prebuilt) {
    if (auto left = awayMounts.leave(CLONE_NEWNS); !left) {
      return std::unexpected(left.error());
    }
    if (::setns(prebuilt->ns.get(), CLONE_NEWNS) != 0) {
      return sysFail("join the prebuilt box root");
    }
  }
  long rc = ::syscall(SYS_clone, flags | SIGCHLD, nullptr, nullptr, nullptr, nullptr);
  if (rc == 0) {
    ours.reset();
    directBoxMain(config, dirs, theirs.release());
  }
  const int cloneErrno = errno;
  awayMounts.comeBack();
  awayIpc.comeBack();
  awayNet.comeBack();
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
    std::vector<int> trees;
    if (prebuilt) {
      for (const UniqueFd& tree : prebuilt->trees) {
        trees.push_back(tree.get());
      }
    }
    started = sendMessage(box.socket.get(), "U", trees);
  }
  if (!started) {
    endDirectBox(box);
    return std::unexpected(started.error());
  }
  return box;
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
