#include "prebuilt_root.hpp"

#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>

#include "linux_calls.hpp"
#include "namespaces.hpp"

namespace arena::sandbox::detail {

namespace {

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
  UniqueFd fd(::openat(AT_FDCWD, path.c_str(), O_RDONLY | O_CLOEXEC));
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
  if (auto s = remountRootReadOnly(root); !s) {
    return s;
  }
  return pivotInto(root, false);
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
  if (auto s = pinNamespace(path, "mnt", [&layout] { return buildInOwnNamespace(layout); }); !s) {
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
    UniqueFd tree(sys::openTree(AT_FDCWD, dir.host.c_str(),
                                OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE));
    if (!tree.valid()) {
      return sysFail("clone " + dir.host);
    }
    mount_attr attr{};
    attr.attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | (dir.writable ? 0 : MOUNT_ATTR_RDONLY);
    if (sys::mountSetattr(tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, &attr) != 0) {
      return sysFail("restrict " + dir.host);
    }
    trees.push_back(std::move(tree));
  }
  return trees;
}

}  // namespace arena::sandbox::detail
