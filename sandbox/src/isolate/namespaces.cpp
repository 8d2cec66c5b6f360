#include "namespaces.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

namespace {

StepResult setnsPath(const char* path, int type) {
  UniqueFd fd(::openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return sysFail(std::string("open ") + path);
  }
  if (::setns(fd.get(), type) != 0) {
    return sysFail(std::string("setns ") + path);
  }
  return ok();
}

// A bind of a mount namespace may not propagate (the kernel refuses to copy one), so on a
// host whose /run is a shared mount the pins need a private mount of their own, as iproute2
// makes for /run/netns.
StepResult makeRunDirPrivate() {
  if (::mount(kRunDir, kRunDir, nullptr, MS_BIND | MS_REC, nullptr) != 0 ||
      ::mount(nullptr, kRunDir, nullptr, MS_PRIVATE, nullptr) != 0) {
    return sysFail("make /run/arena-sandbox a private mount");
  }
  return ok();
}

}  // namespace

Result<UniqueFd> lockRunDir() {
  ::mkdir(kRunDir, 0755);
  UniqueFd lock(::openat(AT_FDCWD, (std::string(kRunDir) + "/lock").c_str(),
                         O_CREAT | O_RDWR | O_CLOEXEC, 0600));
  if (!lock.valid() || ::flock(lock.get(), LOCK_EX) != 0) {
    return sysFail("lock /run/arena-sandbox/lock");
  }
  return lock;
}

StepResult pinNamespace(const std::string& path, const char* type,
                        const std::function<StepResult()>& enter) {
  ::umount2(path.c_str(), MNT_DETACH);  // whatever a crash left there
  UniqueFd file(::openat(AT_FDCWD, path.c_str(), O_CREAT | O_RDONLY | O_CLOEXEC, 0444));
  if (!file.valid()) {
    return sysFail("create " + path);
  }
  file.reset();
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
    return sysFail("pipe");
  }
  UniqueFd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);
  pid_t helper = ::fork();
  if (helper < 0) {
    return sysFail("fork");
  }
  if (helper == 0) {
    readEnd.reset();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    StepResult entered = enter();
    const std::string answer = entered ? "R" : "E" + entered.error().message;
    if (::write(writeEnd.get(), answer.data(), answer.size()) < 0) {
      ::_exit(1);
    }
    for (;;) {
      ::pause();  // until its namespace is pinned and it is killed
    }
  }
  writeEnd.reset();
  char answer[512];
  ssize_t n = ::read(readEnd.get(), answer, sizeof answer);
  StepResult result = ok();
  if (n <= 0 || answer[0] != 'R') {
    result = fail(ErrorCode::Internal,
                  std::string("make the ") + type + " namespace for " + path + ": " +
                      (n > 1 ? std::string(answer + 1, static_cast<std::size_t>(n - 1))
                             : std::string("the helper died")));
  } else {
    const std::string ns = "/proc/" + std::to_string(helper) + "/ns/" + type;
    bool pinned = ::mount(ns.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    if (!pinned && errno == EINVAL && makeRunDirPrivate()) {
      pinned = ::mount(ns.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    }
    if (!pinned) {
      result = sysFail("pin the " + std::string(type) + " namespace on " + path);
    }
  }
  ::kill(helper, SIGKILL);
  ::waitpid(helper, nullptr, 0);
  return result;
}

StepResult joinPinnedNamespace(const char* path, int type, bool replace) {
  if (!replace) {
    if (auto s = setnsPath(path, type); s) {
      return s;
    }
  }
  // Missing (first use after boot), stale, or to be replaced: under a lock, so concurrent
  // first users agree on one namespace.
  auto lock = lockRunDir();
  if (!lock) {
    return std::unexpected(lock.error());
  }
  if (!replace) {
    if (auto s = setnsPath(path, type); s) {
      return s;
    }
  }
  auto enter = [type] { return ::unshare(type) == 0 ? ok() : sysFail("unshare"); };
  if (auto s = pinNamespace(path, type == CLONE_NEWNET ? "net" : "ipc", enter); !s) {
    return s;
  }
  return setnsPath(path, type);
}

StepResult joinCleanPinnedIpcns(const char* path) {
  StepResult joined = joinPinnedNamespace(path, CLONE_NEWIPC);
  if (joined && ipcObjectsLeft()) {
    joined = joinPinnedNamespace(path, CLONE_NEWIPC, true);
  }
  return joined;
}

namespace {

union SemArg {
  int val;
  semid_ds* buf;
  unsigned short* array;
  seminfo* info;
};

}  // namespace

bool ipcObjectsLeft() {
  shm_info shm{};
  if (::shmctl(0, SHM_INFO, reinterpret_cast<shmid_ds*>(&shm)) < 0 || shm.used_ids != 0) {
    return true;
  }
  seminfo sem{};
  SemArg semArg{};
  semArg.info = &sem;
  if (::semctl(0, 0, SEM_INFO, semArg) < 0 || sem.semusz != 0) {
    return true;
  }
  msginfo msg{};
  if (::msgctl(0, MSG_INFO, reinterpret_cast<msqid_ds*>(&msg)) < 0 || msg.msgpool != 0) {
    return true;
  }
  return false;
}

StepResult writeIdMaps(pid_t pid, unsigned insideId, unsigned hostUid, unsigned hostGid,
                   bool privileged) {
  const std::string proc = "/proc/" + std::to_string(pid);
  if (!privileged) {
    if (auto s = writePath(proc + "/setgroups", "deny"); !s) {
      return s;
    }
  }
  if (auto s = writePath(proc + "/uid_map",
                         std::to_string(insideId) + " " + std::to_string(hostUid) + " 1\n");
      !s) {
    return s;
  }
  return writePath(proc + "/gid_map",
                   std::to_string(insideId) + " " + std::to_string(hostGid) + " 1\n");
}

}  // namespace arena::sandbox::detail
