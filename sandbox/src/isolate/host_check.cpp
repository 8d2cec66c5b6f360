// `arena-sandbox check`: what this host allows and why.

#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/seccomp.h>

#include "arena/sandbox/sandbox.hpp"
#include "cgroup.hpp"

namespace arena::sandbox {

HostCheck checkHost() {
  HostCheck check;
  detail::CgroupHost cgroups = detail::detectCgroups(true);
  check.isolation = cgroups.kind;
  check.notes = cgroups.notes;

  // A child tries what each keeper does: new user + mount + network + PID namespaces.
  pid_t child = ::fork();
  if (child == 0) {
    ::_exit(::unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) == 0 ? 0 : 1);
  }
  int status = 0;
  if (child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status) &&
      WEXITSTATUS(status) == 0) {
    check.userNamespaces = true;
    check.notes.push_back("namespaces: user, mount, network and PID namespaces can be created");
  } else {
    check.notes.push_back("namespaces: cannot create user/mount/network/PID namespaces "
                          "(the sandbox cannot run here)");
  }
  check.seccomp = ::prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
  check.notes.push_back(check.seccomp ? "seccomp: filter mode available"
                                      : "seccomp: not available");
  if (::geteuid() == 0) {
    check.notes.push_back("root: boxes run as dedicated host uids, each in an empty netns of its own");
  } else {
    check.notes.push_back("not root: boxes run as your own uid mapped to 1000");
  }
  return check;
}

}  // namespace arena::sandbox
