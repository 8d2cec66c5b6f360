#pragma once
// Shared pieces of the sandbox tests: a Sandbox with a uid range of its own (ctest runs test
// processes in parallel), the hostile helper mounted at /tmp/helpers, and leak checks.

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "arena/sandbox/sandbox.hpp"

namespace arena::sandbox::test {

inline constexpr const char* kHelperHostDir = ARENA_HOSTILE_HELPER_DIR;
// Below /tmp, so a direct box starts from the prebuilt root as `arena-sandbox run` does.
inline constexpr const char* kHelperBoxDir = "/tmp/helpers";
inline constexpr const char* kHelper = "/tmp/helpers/sandbox_hostile_helper";

// A uid range unlikely to collide with another test process running at the same time.
inline unsigned testFirstUid() {
  return 200000 + static_cast<unsigned>(::getpid() % 30000) * 4;
}

// Built twice: sandbox_*_direct_test runs the same suites on a direct Sandbox (no keeper: the
// box init is the test process's own child, as in `arena-sandbox run`).
#ifdef ARENA_TEST_DIRECT_SANDBOX
inline constexpr bool kDirectSandbox = true;
#else
inline constexpr bool kDirectSandbox = false;
#endif

inline SandboxOptions testOptions() {
  SandboxOptions options;
  options.firstUid = testFirstUid();
  options.direct = kDirectSandbox;
  return options;
}

inline RunSpec helperSpec(std::vector<std::string> args) {
  RunSpec spec;
  spec.argv = {kHelper};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.dirs = {{kHelperHostDir, kHelperBoxDir, false}};
  spec.cpuTimeMs = 1000;
  spec.wallTimeMs = 3000;
  spec.memoryKb = 128 * 1024;
  spec.captureStdout = true;
  spec.captureStderr = true;
  return spec;
}

// A whole (small) file, read without iostreams.
inline std::string readText(const std::string& path) {
  std::string text;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return text;
  }
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

inline bool writeText(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return false;
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// The number after "Key:" in a /proc status text (first field), or -1.
inline long statusField(const std::string& status, const std::string& key) {
  auto pos = status.find("\n" + key);
  if (pos == std::string::npos) {
    return -1;
  }
  return std::strtol(status.c_str() + pos + key.size() + 1, nullptr, 10);
}

inline pid_t parentOf(pid_t pid) {
  return static_cast<pid_t>(statusField(readText("/proc/" + std::to_string(pid) + "/status"), "PPid:"));
}

// Processes running as `uid` on the host, except the pool's own: our children (the slot
// keepers) and their children (the slots' box inits, which outlive runs by design). A run's
// processes are the box inits' children, so any of them left over shows up here.
inline std::vector<pid_t> processesOfUid(unsigned uid) {
  std::vector<pid_t> found;
  DIR* dir = ::opendir("/proc");
  if (!dir) {
    return found;
  }
  while (dirent* e = ::readdir(dir)) {
    pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) {
      continue;
    }
    std::string status = readText(std::string("/proc/") + e->d_name + "/status");
    bool zombie = status.find("\nState:\tZ") != std::string::npos;
    long realUid = statusField(status, "Uid:");
    auto ppid = static_cast<pid_t>(statusField(status, "PPid:"));
    // Spared: the slot's own processes — the keeper (our child) and its box init (our
    // grandchild), or a direct box init (our child). A program is below them.
    const bool slotProcess =
        ppid == ::getpid() || (!kDirectSandbox && parentOf(ppid) == ::getpid());
    if (realUid == static_cast<long>(uid) && !slotProcess && !zombie) {
      found.push_back(pid);
    }
  }
  ::closedir(dir);
  return found;
}

// A directory of the host's, under /tmp (so a cold box takes it from the prebuilt root),
// removed with everything in it at the end. `mode` 0777 lets a box's uid write into it.
struct TempHostDir {
  std::string path;
  explicit TempHostDir(mode_t mode = 0755) {
    char tmpl[] = "/tmp/arena-test-XXXXXX";
    path = ::mkdtemp(tmpl) ? tmpl : "";
    ::chmod(path.c_str(), mode);
  }
  ~TempHostDir() {
    if (!path.empty()) std::filesystem::remove_all(path);
  }
};

// Whether every process of `uid` is gone within `limit`: a command's box init outlives the
// command by a moment (it dies with it, but not before it).
inline bool noProcessOfUidWithin(unsigned uid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!processesOfUid(uid).empty()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace arena::sandbox::test
