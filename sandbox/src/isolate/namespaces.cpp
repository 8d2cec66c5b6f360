#include "namespaces.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

namespace {

StepResult setnsPath(const char* path) {
  UniqueFd fd(::open(path, O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return sysFail(std::string("open ") + path);
  }
  if (::setns(fd.get(), CLONE_NEWNET) != 0) {
    return sysFail(std::string("setns ") + path);
  }
  return ok();
}

// Creates the shared namespace: a child unshares its network namespace and we bind its
// ns file onto kSharedNetnsPath (as `ip netns add` does). Called under the creation lock.
StepResult createSharedNetns() {
  UniqueFd file(::open(kSharedNetnsPath, O_CREAT | O_RDONLY | O_CLOEXEC, 0444));
  if (!file.valid()) {
    return sysFail(std::string("create ") + kSharedNetnsPath);
  }
  file.reset();
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
    return sysFail("pipe");
  }
  UniqueFd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);
  pid_t child = ::fork();
  if (child < 0) {
    return sysFail("fork");
  }
  if (child == 0) {
    if (::unshare(CLONE_NEWNET) != 0) {
      ::_exit(1);
    }
    if (::write(writeEnd.get(), "u", 1) != 1) {
      ::_exit(1);
    }
    for (;;) {
      ::pause();  // until the parent has bound our namespace and kills us
    }
  }
  writeEnd.reset();
  char c = 0;
  StepResult result = ok();
  if (::read(readEnd.get(), &c, 1) != 1) {
    result = fail(ErrorCode::Internal, "unshare(CLONE_NEWNET) failed in helper");
  } else {
    std::string nsPath = "/proc/" + std::to_string(child) + "/ns/net";
    if (::mount(nsPath.c_str(), kSharedNetnsPath, nullptr, MS_BIND, nullptr) != 0) {
      result = sysFail("bind network namespace");
    }
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return result;
}

}  // namespace

Result<UniqueFd> lockRunDir() {
  ::mkdir("/run/arena-sandbox", 0755);
  UniqueFd lock(::open("/run/arena-sandbox/lock", O_CREAT | O_RDWR | O_CLOEXEC, 0600));
  if (!lock.valid() || ::flock(lock.get(), LOCK_EX) != 0) {
    return sysFail("lock /run/arena-sandbox/lock");
  }
  return lock;
}

StepResult joinSharedNetns() {
  if (auto s = setnsPath(kSharedNetnsPath); s) {
    return s;
  }
  // Missing (first use after boot) or stale: create it under a lock, so concurrent first
  // users agree on one namespace.
  auto lock = lockRunDir();
  if (!lock) {
    return std::unexpected(lock.error());
  }
  if (auto s = setnsPath(kSharedNetnsPath); s) {
    return s;
  }
  if (auto s = createSharedNetns(); !s) {
    return s;
  }
  return setnsPath(kSharedNetnsPath);
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
