// Detection of the usable cgroup hierarchy and small file helpers shared by cgroup v1 and v2.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <ctime>
#include <string_view>
#include <thread>

#include "abandoned_dirs.hpp"
#include "cgroup.hpp"
#include "unique_fd.hpp"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

namespace arena::sandbox::detail {

Result<std::string> readSmallFile(int fd) {
  char buf[4096];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n < 0) {
    return sysFail("read cgroup file");
  }
  return std::string(buf, static_cast<std::size_t>(n));
}

StepResult writeSmallFile(int fd, const std::string& text) {
  if (::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    return sysFail("write cgroup file");
  }
  return ok();
}

StepResult writePath(const std::string& path, const std::string& text) {
  UniqueFd fd(::openat(AT_FDCWD, path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return sysFail("open " + path);
  }
  if (::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    return sysFail("write " + path);
  }
  return ok();
}

// No iostreams in what every run (and every cold `arena-sandbox run`) goes through: the first
// stream of a process pays ~0.07 ms for the locale.
namespace {

// Calls `each` with every whitespace-separated word of `text`.
template <class F>
void forEachWord(std::string_view text, F&& each) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) each(text.substr(pos, end - pos));
    pos = end;
  }
}

}  // namespace

std::string ownCgroupPath(std::string_view procSelfCgroup, const std::string& controller) {
  std::string_view rest = procSelfCgroup;
  while (!rest.empty()) {
    // "4:memory:/process_api/x", "0::/user.slice/...", "1:cpu,cpuacct:/"
    const std::size_t newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    const auto first = line.find(':');
    const auto second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) {
      continue;
    }
    const std::string_view list = line.substr(first + 1, second - first - 1);
    const std::string_view path = line.substr(second + 1);
    if (controller.empty()) {
      if (line.substr(0, first) == "0" && list.empty()) {
        return std::string(path);
      }
      continue;
    }
    std::string_view names = list;
    while (!names.empty()) {
      const std::size_t comma = names.find(',');
      if (names.substr(0, comma) == controller) {
        return std::string(path);
      }
      names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
    }
  }
  return "/";
}

bool hasExited(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  UniqueFd fd(::openat(AT_FDCWD, path.c_str(), O_RDONLY | O_CLOEXEC));
  char buf[512];
  ssize_t n = fd.valid() ? ::read(fd.get(), buf, sizeof buf - 1) : -1;
  if (n <= 0) {
    return true;
  }
  std::string_view text(buf, static_cast<std::size_t>(n));
  auto close = text.rfind(')');
  return close == std::string_view::npos || close + 2 >= text.size() ||
         text[close + 2] == 'Z' || text[close + 2] == 'X';
}

Result<CgroupUsage> usageSinceBaseline(const Result<std::uint64_t>& cpuNs,
                                       const Result<std::string>& peak,
                                       const Result<std::string>& oomEvents,
                                       std::uint64_t baseline, std::uint64_t oomBaseline,
                                       const char* what) {
  if (!cpuNs || !peak || !oomEvents) {
    return sysFail(std::string("read ") + what + " usage");
  }
  CgroupUsage u;
  u.cpuNs = *cpuNs;
  const std::uint64_t peakBytes = std::stoull(*peak);
  u.peakBytes = peakBytes > baseline ? peakBytes - baseline : 0;
  u.oomKills = keyedValue(*oomEvents, "oom_kill") - oomBaseline;
  return u;
}

StepResult killListedProcesses(int procsFd, pid_t keeper, pid_t alsoSpare, const char* what) {
  for (int round = 0; round < 10000; ++round) {
    auto text = readSmallFile(procsFd);
    if (!text) {
      return std::unexpected(text.error());
    }
    bool any = false;
    forEachWord(*text, [&](std::string_view word) {
      pid_t pid = 0;
      std::from_chars(word.data(), word.data() + word.size(), pid);
      // ESRCH: already gone (the listing can trail behind the reaping).
      if (pid > 0 && pid != keeper && pid != alsoSpare && ::kill(pid, SIGKILL) == 0 &&
          !hasExited(pid)) {
        any = true;
      }
    });
    if (!any) {
      return ok();
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return fail(ErrorCode::Internal, std::string(what) + ": processes survive SIGKILL");
}

std::uint64_t keyedValue(const std::string& text, const std::string& key) {
  // "key value" pairs; a key is never a number, so a word equal to `key` is one.
  bool next = false;
  std::uint64_t value = 0;
  bool found = false;
  forEachWord(text, [&](std::string_view word) {
    if (found) {
      return;
    }
    if (next) {
      std::from_chars(word.data(), word.data() + word.size(), value);
      found = true;
      return;
    }
    next = word == key;
  });
  return found ? value : 0;
}

namespace {

bool isCgroup2(const std::string& dir) {
  struct statfs fs {};
  return ::statfs(dir.c_str(), &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

std::string readText(const std::string& path) {
  std::string text;
  UniqueFd fd(::openat(AT_FDCWD, path.c_str(), O_RDONLY | O_CLOEXEC));
  char buf[4096];
  ssize_t n;
  while (fd.valid() && (n = ::read(fd.get(), buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<std::size_t>(n));
  }
  return text;
}

bool hasWord(const std::string& text, const std::string& word) {
  bool found = false;
  forEachWord(text, [&](std::string_view w) { found = found || w == word; });
  return found;
}

// A directory we may create children in: try it (mkdir + rmdir of a probe).
bool canCreateIn(const std::string& dir, std::string& why, bool probe) {
  if (!probe) {
    if (::access(dir.c_str(), W_OK) != 0) {
      why = "cannot create cgroups in " + dir + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }
  std::string probeDir = dir + "/arena-probe-" + std::to_string(::getpid());
  if (::mkdir(probeDir.c_str(), 0755) != 0 && errno != EEXIST) {
    why = "cannot create cgroups in " + dir + ": " + std::strerror(errno);
    return false;
  }
  ::rmdir(probeDir.c_str());
  return true;
}

std::string joinPath(const std::string& mount, const std::string& rel) {
  return rel == "/" ? mount : mount + rel;
}

bool detectV2(CgroupHost& host, const std::string& procSelfCgroup, bool probe) {
  const std::string mount = "/sys/fs/cgroup";
  if (!isCgroup2(mount)) {
    host.notes.push_back("cgroup2: /sys/fs/cgroup is not a pure cgroup2 mount");
    return false;
  }
  std::string own = joinPath(mount, ownCgroupPath(procSelfCgroup, ""));
  std::string controllers = readText(own + "/cgroup.controllers");
  if (!hasWord(controllers, "memory") || !hasWord(controllers, "pids")) {
    host.notes.push_back("cgroup2: memory/pids controllers not available in " + own);
    return false;
  }
  // Our children need memory and pids enabled in our subtree_control. A non-root cgroup with
  // processes cannot enable controllers ("no internal processes"), so move this process into
  // a leaf first when that is what stands in the way.
  std::string subtree = readText(own + "/cgroup.subtree_control");
  if (!hasWord(subtree, "memory") || !hasWord(subtree, "pids")) {
    if (!writePath(own + "/cgroup.subtree_control", "+memory +pids")) {
      std::string leaf = own + "/arena-supervisor";
      ::mkdir(leaf.c_str(), 0755);
      if (!writePath(leaf + "/cgroup.procs", std::to_string(::getpid())) ||
          !writePath(own + "/cgroup.subtree_control", "+memory +pids")) {
        host.notes.push_back("cgroup2: cannot enable memory+pids below " + own + ": " +
                             std::strerror(errno));
        return false;
      }
      host.notes.push_back("cgroup2: moved this process to " + leaf +
                           " to enable controllers in " + own);
    }
  }
  std::string why;
  if (!canCreateIn(own, why, probe)) {
    host.notes.push_back("cgroup2: " + why);
    return false;
  }
  host.kind = Isolation::Cgroup2;
  host.v2Parent = own;
  host.notes.push_back("cgroup2: using " + own + " (memory, pids, cpu.stat)");
  return true;
}

bool detectV1(CgroupHost& host, const std::string& procSelfCgroup, bool probe) {
  struct Need {
    const char* controller;
    std::string* out;
  };
  Need needs[] = {{"memory", &host.v1Memory}, {"cpuacct", &host.v1Cpuacct}, {"pids", &host.v1Pids}};
  for (auto& need : needs) {
    std::string mount = std::string("/sys/fs/cgroup/") + need.controller;
    struct statfs fs {};
    if (::statfs(mount.c_str(), &fs) != 0 || fs.f_type == CGROUP2_SUPER_MAGIC) {
      // cpuacct is often co-mounted as cpu,cpuacct
      if (std::string(need.controller) == "cpuacct" &&
          ::statfs("/sys/fs/cgroup/cpu,cpuacct", &fs) == 0) {
        mount = "/sys/fs/cgroup/cpu,cpuacct";
      } else {
        host.notes.push_back(std::string("cgroup1: no ") + need.controller + " hierarchy at " +
                             mount);
        return false;
      }
    }
    std::string dir = joinPath(mount, ownCgroupPath(procSelfCgroup, need.controller));
    std::string why;
    if (!canCreateIn(dir, why, probe)) {
      host.notes.push_back("cgroup1: " + why);
      return false;
    }
    *need.out = dir;
  }
  host.kind = Isolation::Cgroup1;
  host.notes.push_back("cgroup1: using " + host.v1Memory + ", " + host.v1Cpuacct + ", " +
                       host.v1Pids);
  return true;
}

}  // namespace

namespace {

// "<inode of our PID namespace>-", the prefix of our processes' box cgroup names after "arena-".
const std::string& pidNamespacePrefix() {
  static const std::string prefix = [] {
    struct stat ns {};
    return ::stat("/proc/self/ns/pid", &ns) == 0 ? std::to_string(ns.st_ino) + "-"
                                                  : std::string("0-");
  }();
  return prefix;
}

}  // namespace

std::string boxCgroupName(unsigned slot) {
  return "arena-" + pidNamespacePrefix() + std::to_string(::getpid()) + "-" +
         std::to_string(slot);
}

void removeAbandonedCgroups(const CgroupHost& host) {
  const std::time_t minuteAgo = std::time(nullptr) - 60;
  for (const std::string* parent :
       {&host.v2Parent, &host.v1Memory, &host.v1Cpuacct, &host.v1Pids}) {
    if (!parent->empty()) {
      removeDirsOfDeadOwners(*parent, "arena-" + pidNamespacePrefix(), minuteAgo);
    }
  }
}

CgroupHost detectCgroups(bool probe) {
  CgroupHost host;
  const std::string procSelfCgroup = readText("/proc/self/cgroup");
  if (detectV2(host, procSelfCgroup, probe) || detectV1(host, procSelfCgroup, probe)) {
    return host;
  }
  host.kind = Isolation::Rlimit;
  host.notes.push_back("no writable cgroup: falling back to rlimits (weak accounting)");
  return host;
}

}  // namespace arena::sandbox::detail
