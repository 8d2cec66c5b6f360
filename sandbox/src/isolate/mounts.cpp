#include "mounts.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sched.h>

#include <array>
#include <atomic>
#include <chrono>
#include <charconv>
#include <ctime>
#include <string_view>

#include "abandoned_dirs.hpp"
#include "linux_calls.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

namespace {

// Flags a less privileged mount namespace may not drop when remounting a bind.
unsigned long lockedFlags(const std::string& hostPath) {
  struct statvfs vfs {};
  if (::statvfs(hostPath.c_str(), &vfs) != 0) {
    return 0;
  }
  unsigned long flags = 0;
  if (vfs.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (vfs.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (vfs.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  if (vfs.f_flag & ST_NOATIME) flags |= MS_NOATIME;
  if (vfs.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
  if (vfs.f_flag & ST_RELATIME) flags |= MS_RELATIME;
  if (vfs.f_flag & ST_RDONLY) flags |= MS_RDONLY;
  return flags;
}

StepResult bindMount(const std::string& host, const std::string& target, bool writable) {
  if (::mount(host.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
    return sysFail("bind " + host + " -> " + target);
  }
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | lockedFlags(host);
  if (!writable) {
    flags |= MS_RDONLY;
  }
  if (::mount(nullptr, target.c_str(), nullptr, flags, nullptr) != 0) {
    return sysFail("remount " + target);
  }
  return ok();
}

StepResult makeDir(const std::string& path, mode_t mode = 0755) {
  if (::mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
    return sysFail("mkdir " + path);
  }
  return ok();
}

// mkdir -p below `root` (root itself exists).
StepResult makeDirs(const std::string& root, const std::string& boxPath) {
  std::string path = root;
  std::size_t pos = 1;
  while (pos <= boxPath.size()) {
    std::size_t next = boxPath.find('/', pos);
    if (next == std::string::npos) {
      next = boxPath.size();
    }
    if (next > pos) {
      path += "/" + boxPath.substr(pos, next - pos);
      if (auto s = makeDir(path); !s) {
        return s;
      }
    }
    pos = next + 1;
  }
  return ok();
}

StepResult mountTmpfs(const std::string& target, const std::string& options) {
  if (::mount("tmpfs", target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    return sysFail("mount tmpfs " + target);
  }
  return ok();
}

StepResult buildDev(const std::string& root) {
  const std::string dev = root + "/dev";
  if (auto s = makeDir(dev); !s) {
    return s;
  }
  for (const char* node : {"null", "zero", "full", "random", "urandom"}) {
    std::string target = dev + "/" + node;
    int fd = ::openat(AT_FDCWD, target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
      return sysFail("create " + target);
    }
    ::close(fd);
    std::string host = std::string("/dev/") + node;
    if (::mount(host.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      return sysFail("bind " + host);
    }
  }
  constexpr std::array<std::array<const char*, 2>, 5> links = {{
      {"/proc/self/fd", "fd"},
      {"/proc/self/fd/0", "stdin"},
      {"/proc/self/fd/1", "stdout"},
      {"/proc/self/fd/2", "stderr"},
      {"/tmp", "shm"},
  }};
  for (const auto& link : links) {
    std::string path = dev + "/" + link[1];
    if (::symlink(link[0], path.c_str()) != 0) {
      return sysFail("symlink " + path);
    }
  }
  return ok();
}

// Whether mount `id` is still listed in our mount namespace (as seen from our root).
[[maybe_unused]] bool mountListed(std::uint64_t id) {
  UniqueFd fd(::openat(AT_FDCWD, "/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    return true;  // cannot tell: assume so (the caller then waits for the umount to return)
  }
  std::string text;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd.get(), buf, sizeof buf)) > 0) {
    text.append(buf, static_cast<std::size_t>(n));
  }
  std::string_view rest = text;
  while (!rest.empty()) {
    std::uint64_t lineId = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), lineId);
    if (ec == std::errc() && lineId == id) {
      return true;
    }
    const std::size_t newline = rest.find('\n');
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  }
  return false;
}

// The lazy unmount of the old root, on a thread of its own (see pivotInto).
struct DetachJob {
  std::atomic<int> state{0};  // 0 running, 1 done, 2 failed
  std::atomic<int> error{0};
};

#if defined(__x86_64__)
// A bare kernel thread of the box init. Not a pthread: glibc's thread set-up leaves the box
// init ~0.7 MB larger from then on (measured), charged to every run. It shares the box init's
// TLS, so it calls nothing that touches it — no libc function (errno), only raw system calls.
__attribute__((no_sanitize_address, no_stack_protector)) int detachOldRoot(void* raw) {
  auto* job = static_cast<DetachJob*>(raw);
  long rc;
  const char dot[] = ".";
  asm volatile("syscall"
               : "=a"(rc)
               : "0"(static_cast<long>(SYS_umount2)), "D"(dot), "S"(static_cast<long>(MNT_DETACH))
               : "rcx", "r11", "memory");
  if (rc < 0) {
    job->error.store(static_cast<int>(-rc));
    job->state.store(2);
  } else {
    job->state.store(1);
  }
  asm volatile("syscall" : : "a"(static_cast<long>(SYS_exit)), "D"(0L) : "rcx", "r11", "memory");
  __builtin_unreachable();
}

// Runs umount2(".", MNT_DETACH) on a thread and returns as soon as the old root is gone from
// the namespace, which is before that call returns: the kernel unlinks the mounts, then waits
// for an RCU grace period before freeing them — 0.05 ms on a quiet machine, up to 5 ms here
// under load, about every other time. Nothing of the old root is reachable once it is unlinked;
// the thread finishes the wait on its own and exits.
StepResult detachOldRootAsync(std::uint64_t oldRootId) {
  static DetachJob job;  // outlives the thread: the box init detaches once in its life
  alignas(16) static char stack[16 * 1024];
  const int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
  if (::clone(detachOldRoot, stack + sizeof stack, flags, &job) < 0) {
    return sysFail("start detach thread");
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (;;) {
    const int state = job.state.load();
    if (state == 2) {
      return sysFail("detach old root", job.error.load());
    }
    if (state == 1 || !mountListed(oldRootId)) {
      return ok();
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return fail(ErrorCode::Internal, "detach old root: timed out");
    }
    ::sched_yield();
  }
}
#endif

}  // namespace

StepResult pivotInto(const std::string& root, bool asyncDetach) {
  std::uint64_t oldRootId = 0;
#if !defined(__x86_64__)
  asyncDetach = false;
#endif
  if (asyncDetach) {
    struct statx stx {};
    if (sys::statxOf(AT_FDCWD, "/", 0, STATX_MNT_ID, &stx) == 0 && (stx.stx_mask & STATX_MNT_ID)) {
      oldRootId = stx.stx_mnt_id;
    }
  }
  if (::chdir(root.c_str()) != 0) {
    return sysFail("chdir new root");
  }
  // pivot_root(".", "."): the old root ends up stacked on "." and is detached right away.
  if (::syscall(SYS_pivot_root, ".", ".") != 0) {
    return sysFail("pivot_root");
  }
#if defined(__x86_64__)
  if (oldRootId != 0) {
    if (auto s = detachOldRootAsync(oldRootId); !s) {
      return s;
    }
  } else
#endif
  if (::umount2(".", MNT_DETACH) != 0) {
    return sysFail("detach old root");
  }
  if (::chdir("/") != 0) {
    return sysFail("chdir /");
  }
  return ok();
}

namespace {

// Our directory, not a symlink, writable by us alone: nobody else can plant or swap entries.
bool isPrivateDir(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() &&
         (st.st_mode & 022) == 0;
}

std::string stagingParent() {
  if (::geteuid() == 0) {
    ::mkdir("/run/arena-sandbox", 0755);
    ::mkdir("/run/arena-sandbox/staging", 0755);
    return "/run/arena-sandbox/staging";
  }
  std::string parent = "/tmp/arena-sandbox-" + std::to_string(::geteuid());
  ::mkdir(parent.c_str(), 0755);
  return parent;
}


}  // namespace

std::string sharedStagingDir() {
  std::string parent = stagingParent();
  return isPrivateDir(parent) ? parent : std::string();
}

Result<std::string> makeStagingDir() {
  const std::string parent = stagingParent();
  struct stat ns {};
  if (isPrivateDir(parent) && ::stat("/proc/self/ns/pid", &ns) == 0) {
    const std::string nsPrefix = std::to_string(ns.st_ino) + "-";
    // What dead processes of our PID namespace left: rmdir only ever removes an empty one.
    removeDirsOfDeadOwners(parent, nsPrefix, std::time(nullptr));
    std::string path = parent + "/" + nsPrefix + std::to_string(::getpid()) + "-XXXXXX";
    if (::mkdtemp(path.data()) != nullptr) {
      ::chmod(path.c_str(), 0755);
      return path;
    }
  }
  char tmpl[] = "/tmp/arena-sandbox-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    return sysFail("mkdtemp staging directory");
  }
  ::chmod(tmpl, 0755);
  return std::string(tmpl);
}

BoxLayout makeBoxLayout(const std::string& staging, const std::vector<std::string>& rootDirs) {
  BoxLayout layout;
  layout.staging = staging;
  layout.rootDirs = rootDirs;
  resolveRootEntries(layout);
  return layout;
}

void resolveRootEntries(BoxLayout& layout) {
  layout.entries.clear();
  for (const auto& dir : layout.rootDirs) {
    struct stat st {};
    if (dir.size() < 2 || dir[0] != '/' || ::lstat(dir.c_str(), &st) != 0) {
      continue;
    }
    RootEntry entry;
    entry.name = dir.substr(1);
    if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t n = ::readlink(dir.c_str(), target, sizeof target - 1);
      if (n <= 0) {
        continue;
      }
      entry.symlinkTarget.assign(target, static_cast<std::size_t>(n));
    } else if (!S_ISDIR(st.st_mode)) {
      continue;
    }
    layout.entries.push_back(std::move(entry));
  }
}

StepResult remountRootReadOnly(const std::string& root) {
  if (::mount(nullptr, root.c_str(), nullptr,
              MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0) {
    return sysFail("remount box root read-only");
  }
  return ok();
}

StepResult buildSharedRoot(const std::string& root, const BoxLayout& layout) {
  // Steps, in order; each fails with the errno of its system call.
  if (auto s = mountTmpfs(root, "size=1m,nr_inodes=4096,mode=755"); !s) {
    return s;
  }
  for (const auto& entry : layout.entries) {
    std::string path = root + "/" + entry.name;
    if (!entry.symlinkTarget.empty()) {
      if (::symlink(entry.symlinkTarget.c_str(), path.c_str()) != 0) {
        return sysFail("symlink " + path);
      }
      continue;
    }
    if (auto s = makeDir(path); !s) {
      return s;
    }
    if (auto s = bindMount("/" + entry.name, path, false); !s) {
      return s;
    }
  }
  if (auto s = buildDev(root); !s) {
    return s;
  }
  for (const char* mountPoint : {"/proc", "/tmp", "/box"}) {
    if (auto s = makeDir(root + mountPoint); !s) {
      return s;
    }
  }
  return ok();
}

namespace {

// What every box mounts for itself on its root: a procfs of its PID namespace, /tmp, /box.
StepResult mountBoxOwn(const std::string& root, const BoxLayout& layout) {
  const std::string uid = std::to_string(layout.boxUid);
  const std::string sizeKb = std::to_string(kScratchInitialKb) + "k";
  if (::mount("proc", (root + "/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
              nullptr) != 0) {
    return sysFail("mount proc");
  }
  if (auto s = mountTmpfs(root + "/tmp", "size=" + sizeKb + ",nr_inodes=16384,mode=1777"); !s) {
    return s;
  }
  return mountTmpfs(root + "/box", "size=" + sizeKb + ",nr_inodes=16384,mode=755,uid=" + uid +
                                       ",gid=" + uid);
}

const std::string& boxPathOf(const BindDir& dir) { return dir.box.empty() ? dir.host : dir.box; }

}  // namespace

StepResult buildBoxFilesystem(const BoxLayout& layout, const std::vector<BindDir>& dirs,
                              bool asyncDetach) {
  const std::string& root = layout.staging;
  if (auto s = buildSharedRoot(root, layout); !s) {
    return s;
  }
  if (auto s = mountBoxOwn(root, layout); !s) {
    return s;
  }
  for (const auto& dir : dirs) {
    if (auto s = makeDirs(root, boxPathOf(dir)); !s) {
      return s;
    }
    if (auto s = bindMount(dir.host, root + boxPathOf(dir), dir.writable); !s) {
      return s;
    }
  }
  if (auto s = remountRootReadOnly(root); !s) {
    return s;
  }
  return pivotInto(root, asyncDetach);
}

bool insideScratch(const std::string& boxPath) {
  for (std::string_view scratch : {"/box", "/tmp"}) {
    if (boxPath.starts_with(scratch) &&
        (boxPath.size() == scratch.size() || boxPath[scratch.size()] == '/')) {
      return true;
    }
  }
  return false;
}

StepResult finishPrebuiltBox(const BoxLayout& layout, const std::vector<BindDir>& dirs,
                             const std::vector<UniqueFd>& trees) {
  if (trees.size() != dirs.size()) {
    return fail(ErrorCode::Internal, "a bind tree for every bind");
  }
  if (auto s = mountBoxOwn("", layout); !s) {
    return s;
  }
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    const std::string& target = boxPathOf(dirs[i]);
    if (!insideScratch(target)) {
      return fail(ErrorCode::Internal, "no place for " + target + " in a prebuilt root");
    }
    if (auto s = makeDirs("", target); !s) {
      return s;
    }
    if (sys::moveMount(trees[i].get(), "", AT_FDCWD, target.c_str(),
                       MOVE_MOUNT_F_EMPTY_PATH) != 0) {
      return sysFail("bind " + dirs[i].host + " -> " + target);
    }
  }
  if (::chdir("/") != 0) {
    return sysFail("chdir /");
  }
  return ok();
}

namespace {

// Removes everything below the directory `dirFd` (which it closes) on device `dev`.
StepResult removeContents(int dirFd, dev_t dev) {
  DIR* dir = ::fdopendir(dirFd);
  if (dir == nullptr) {
    ::close(dirFd);
    return sysFail("fdopendir");
  }
  StepResult result = ok();
  while (dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") {
      continue;
    }
    struct stat st {};
    if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      continue;
    }
    if (st.st_dev != dev) {
      continue;  // a mount point (a bind): not ours to empty
    }
    if (!S_ISDIR(st.st_mode)) {
      if (::unlinkat(::dirfd(dir), e->d_name, 0) != 0) {
        result = sysFail(std::string("unlink ") + e->d_name);
      }
      continue;
    }
    int sub = ::openat(::dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0) {
      result = sysFail(std::string("open ") + e->d_name);
      continue;
    }
    if (auto s = removeContents(sub, dev); !s) {
      result = s;
    }
    if (::unlinkat(::dirfd(dir), e->d_name, AT_REMOVEDIR) != 0) {
      result = sysFail(std::string("rmdir ") + e->d_name);
    }
  }
  ::closedir(dir);
  return result;
}

}  // namespace

std::vector<std::string> scratchDirs(const std::vector<BindDir>& dirs) {
  std::vector<std::string> scratch;
  for (const char* dir : {"/box", "/tmp"}) {
    bool covered = false;
    for (const auto& d : dirs) {
      const std::string& boxPath = d.box.empty() ? d.host : d.box;
      covered = covered || boxPath == dir || boxPath + "/" == dir;
    }
    if (!covered) {
      scratch.emplace_back(dir);
    }
  }
  return scratch;
}

StepResult resizeScratch(const std::vector<std::string>& scratch, std::uint64_t kb) {
  std::string options = "size=" + std::to_string(kb ? kb : 1048576) + "k";
  for (const auto& dir : scratch) {
    if (::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_NOSUID | MS_NODEV,
                options.c_str()) != 0) {
      return sysFail("resize " + dir);
    }
  }
  return ok();
}

StepResult wipeScratch(const std::vector<std::string>& scratch) {
  for (const auto& dir : scratch) {
    // Each scratch dir is its own tmpfs: one inode in use (its root) means it is empty, and
    // one statfs() is all a run that wrote no file costs.
    struct statfs fs {};
    if (::statfs(dir.c_str(), &fs) == 0 && fs.f_type == TMPFS_MAGIC && fs.f_files > 0 &&
        fs.f_files - fs.f_ffree == 1) {
      continue;
    }
    int fd = ::openat(AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      return sysFail("open " + dir);
    }
    if (auto s = removeContents(fd, st.st_dev); !s) {
      return s;
    }
  }
  return ok();
}

}  // namespace arena::sandbox::detail
