#pragma once
// Linux calls that not every C library wraps, as thin syscall(2) shims, and the two texts the
// sandbox asks its C library for. The sandbox builds against glibc and against musl alike (the
// command is linked with musl where it is installed: cmake/ArenaMuslCommand.cmake), and musl
// 1.2.3 has no close_range, statx or new-mount-API functions, nor glibc's *_np texts.
// (For the same reason the sandbox opens files with openat(AT_FDCWD, ...): musl's open()
// follows an O_CLOEXEC open with an fcntl, for kernels that predate the flag.)

#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>

#if !defined(__GLIBC__)
// glibc's <sys/mount.h> and <sys/stat.h> declare these, and clash with the kernel's headers.
#include <linux/mount.h>  // mount_attr, OPEN_TREE_*, MOVE_MOUNT_*, MOUNT_ATTR_*
#include <linux/stat.h>   // struct statx, STATX_*
#endif

namespace arena::sandbox::detail::sys {

inline int closeFrom(unsigned first, unsigned last = ~0U) {
  return static_cast<int>(::syscall(SYS_close_range, first, last, 0));
}

inline int openTree(int dirFd, const char* path, unsigned flags) {
  return static_cast<int>(::syscall(SYS_open_tree, dirFd, path, flags));
}

inline int mountSetattr(int dirFd, const char* path, unsigned flags, mount_attr* attr) {
  return static_cast<int>(::syscall(SYS_mount_setattr, dirFd, path, flags, attr, sizeof *attr));
}

inline int moveMount(int fromDirFd, const char* fromPath, int toDirFd, const char* toPath,
                     unsigned flags) {
  return static_cast<int>(::syscall(SYS_move_mount, fromDirFd, fromPath, toDirFd, toPath, flags));
}

inline int statxOf(int dirFd, const char* path, int flags, unsigned mask, struct statx* out) {
  return static_cast<int>(::syscall(SYS_statx, dirFd, path, flags, mask, out));
}

// Credentials of a single-threaded process (a box init, a program before its execve, a
// keeper): the system calls themselves. musl's functions reach every other thread as well,
// through a broadcast that costs three sigprocmask calls even when there is no other thread.
inline int dropSupplementaryGroups() {
  return static_cast<int>(::syscall(SYS_setgroups, 0, nullptr));
}

inline int setAllIds(uid_t uid, gid_t gid) {
  if (::syscall(SYS_setresgid, gid, gid, gid) != 0) {
    return -1;
  }
  return static_cast<int>(::syscall(SYS_setresuid, uid, uid, uid));
}

// errno's description, safe between a fork and an execve: glibc's strerror may translate (and
// allocate); its strerrordesc_np does not. musl's strerror only looks a table up.
inline const char* errorText(int err) {
#if defined(__GLIBC__)
  const char* text = ::strerrordesc_np(err);
#else
  const char* text = std::strerror(err);
#endif
  return text ? text : "unknown error";
}

// "SIGKILL" for SIGKILL; nullptr for a signal without a name (the real-time ones).
inline const char* signalName(int sig) {
  struct Named {
    int number;
    const char* name;
  };
  static constexpr Named kSignals[] = {
      {SIGHUP, "SIGHUP"},       {SIGINT, "SIGINT"},       {SIGQUIT, "SIGQUIT"},
      {SIGILL, "SIGILL"},       {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"},
      {SIGBUS, "SIGBUS"},       {SIGFPE, "SIGFPE"},       {SIGKILL, "SIGKILL"},
      {SIGUSR1, "SIGUSR1"},     {SIGSEGV, "SIGSEGV"},     {SIGUSR2, "SIGUSR2"},
      {SIGPIPE, "SIGPIPE"},     {SIGALRM, "SIGALRM"},     {SIGTERM, "SIGTERM"},
      {SIGSTKFLT, "SIGSTKFLT"}, {SIGCHLD, "SIGCHLD"},     {SIGCONT, "SIGCONT"},
      {SIGSTOP, "SIGSTOP"},     {SIGTSTP, "SIGTSTP"},     {SIGTTIN, "SIGTTIN"},
      {SIGTTOU, "SIGTTOU"},     {SIGURG, "SIGURG"},       {SIGXCPU, "SIGXCPU"},
      {SIGXFSZ, "SIGXFSZ"},     {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
      {SIGWINCH, "SIGWINCH"},   {SIGIO, "SIGIO"},         {SIGPWR, "SIGPWR"},
      {SIGSYS, "SIGSYS"}};
  for (const Named& known : kSignals) {
    if (known.number == sig) {
      return known.name;
    }
  }
  return nullptr;
}

}  // namespace arena::sandbox::detail::sys
