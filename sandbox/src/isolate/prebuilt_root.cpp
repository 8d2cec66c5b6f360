#include "prebuilt_root.hpp"

#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>

#include "namespaces.hpp"

namespace arena::sandbox::detail {

namespace {

constexpr const char* kRunDir = "/run/arena-sandbox";

// One pin per set of root dirs; the tag changes whenever what a prebuilt root contains does.
std::string pinPath(const BoxLayout& layout) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  auto mix = [&hash](std::string_view text) {
    for (char c : text) {
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    hash = (hash ^ 0xff) * 1099511628211ULL;  // a separator no path contains
  };
  mix("prebuilt-root-1");
  for (const std::string& dir : layout.rootDirs) {
    mix(dir);
  }
  char name[64];
  std::snprintf(name, sizeof name, "/root-%016" PRIx64, hash);
  return kRunDir + std::string(name);
}

// The pinned namespace at `path`, or an invalid descriptor (none, or a leftover plain file).
UniqueFd openPinned(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.valid() && ::ioctl(fd.get(), NS_GET_NSTYPE) != CLONE_NEWNS) {
    fd.reset();
  }
  return fd;
}

// A procfs of a PID namespace with no process in it, on `target`: the box's own procfs may
// only be mounted where one is already fully visible, and this one shows nothing of the host.
StepResult mountEmptyProc(const std::string& target) {
  if (::unshare(CLONE_NEWPID) != 0) {
    return sysFail("unshare PID namespace");
  }
  pid_t child = ::fork();  // PID 1 of the new namespace, for as long as the mount takes
  if (child < 0) {
    return sysFail("fork");
  }
  if (child == 0) {
    ::_exit(::mount("proc", target.c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr));
  }
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail(ErrorCode::Internal, "mount an empty procfs");
  }
  return ok();
}

// In the helper process: a mount namespace of its own whose root is the shared box root.
StepResult buildInOwnNamespace(BoxLayout layout) {
  resolveRootEntries(layout);
  if (::unshare(CLONE_NEWNS) != 0) {
    return sysFail("unshare mount namespace");
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return sysFail("make mounts private");
  }
  const std::string& root = layout.staging;
  if (auto s = buildSharedRoot(root, layout); !s) {
    return s;
  }
  if (auto s = mountEmptyProc(root + "/proc"); !s) {
    return s;
  }
  if (::mount(nullptr, root.c_str(), nullptr,
              MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0) {
    return sysFail("remount root read-only");
  }
  return pivotInto(root, false);
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

// Builds the namespace in a helper and pins it on `path`. Under the lock.
StepResult createPinned(const std::string& path, const BoxLayout& layout) {
  ::umount2(path.c_str(), MNT_DETACH);  // whatever a crash left there
  UniqueFd file(::open(path.c_str(), O_CREAT | O_RDONLY | O_CLOEXEC, 0444));
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
    StepResult built = buildInOwnNamespace(layout);
    const std::string answer = built ? "R" : "E" + built.error().message;
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
                  "build the prebuilt box root: " +
                      (n > 1 ? std::string(answer + 1, static_cast<std::size_t>(n - 1))
                             : std::string("the helper died")));
  } else {
    const std::string ns = "/proc/" + std::to_string(helper) + "/ns/mnt";
    bool pinned = ::mount(ns.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    if (!pinned && errno == EINVAL && makeRunDirPrivate()) {
      pinned = ::mount(ns.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) == 0;
    }
    if (!pinned) {
      result = sysFail("pin the prebuilt box root on " + path);
    }
  }
  ::kill(helper, SIGKILL);
  ::waitpid(helper, nullptr, 0);
  return result;
}

}  // namespace

bool prebuiltRootServes(const std::vector<BindDir>& dirs) {
  for (const BindDir& dir : dirs) {
    if (!insideScratch(dir.box.empty() ? dir.host : dir.box)) {
      return false;
    }
  }
  return true;
}

Result<UniqueFd> openPrebuiltRoot(const BoxLayout& layout) {
  const std::string path = pinPath(layout);
  if (UniqueFd fd = openPinned(path); fd.valid()) {
    return fd;
  }
  auto lock = lockRunDir();
  if (!lock) {
    return std::unexpected(lock.error());
  }
  if (UniqueFd fd = openPinned(path); fd.valid()) {
    return fd;  // another process made it while we waited
  }
  if (auto s = createPinned(path, layout); !s) {
    return std::unexpected(s.error());
  }
  UniqueFd fd = openPinned(path);
  if (!fd.valid()) {
    return fail(ErrorCode::Internal, "the prebuilt box root at " + path + " did not pin");
  }
  return fd;
}

Result<std::vector<UniqueFd>> cloneBindTrees(const std::vector<BindDir>& dirs) {
  std::vector<UniqueFd> trees;
  for (const BindDir& dir : dirs) {
    UniqueFd tree(::open_tree(AT_FDCWD, dir.host.c_str(),
                              OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE));
    if (!tree.valid()) {
      return sysFail("clone " + dir.host);
    }
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | (dir.writable ? 0 : MOUNT_ATTR_RDONLY);
    if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) != 0) {
      return sysFail("restrict " + dir.host);
    }
    trees.push_back(std::move(tree));
  }
  return trees;
}

}  // namespace arena::sandbox::detail
