#include "keeper.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "capabilities.hpp"
#include "linux_calls.hpp"
#include "namespaces.hpp"

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

namespace arena::sandbox::detail {

namespace {

// CMSG_NXTHDR, whose musl expansion mixes signed and unsigned arithmetic.
cmsghdr* nextControlHeader(msghdr* msg, cmsghdr* header) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"
  return CMSG_NXTHDR(msg, header);
#pragma GCC diagnostic pop
}

constexpr std::size_t kMaxMessage = 1 << 20;
}  // namespace

// One message with optional descriptors.
StepResult sendMessage(int sock, const std::string& bytes, const std::vector<int>& fds) {
  iovec iov{const_cast<char*>(bytes.data()), bytes.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  std::vector<char> control;
  if (!fds.empty()) {
    control.resize(CMSG_SPACE(sizeof(int) * fds.size()));
    msg.msg_control = control.data();
    msg.msg_controllen = static_cast<decltype(msg.msg_controllen)>(control.size());
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    if (cmsg == nullptr) {
      return fail(ErrorCode::Internal, "no room for descriptors");
    }
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = static_cast<decltype(cmsg->cmsg_len)>(CMSG_LEN(sizeof(int) * fds.size()));
    std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(bytes.size())) {
    return sysFail("send to keeper");
  }
  return ok();
}

// Receives one message into `buffer` (its size is the largest message accepted); an empty
// result with no error means EOF.
Result<std::string> receiveMessage(int sock, std::vector<UniqueFd>& fds, std::string& buffer) {
  // Peek at the size first, so a small message never touches a large buffer (the box init's
  // memory is charged to the runs).
  ssize_t size;
  do {
    size = ::recv(sock, nullptr, 0, MSG_PEEK | MSG_TRUNC);
  } while (size < 0 && errno == EINTR);
  if (size < 0) {
    return sysFail("peek keeper socket");
  }
  if (static_cast<std::size_t>(size) > kMaxMessage) {
    return fail(ErrorCode::Internal, "keeper message too large");
  }
  buffer.resize(std::max<std::size_t>(static_cast<std::size_t>(size), 1));
  iovec iov{buffer.data(), buffer.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxMessageFds)];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  do {
    n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    return sysFail("receive from keeper socket");
  }
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = nextControlHeader(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        fds.emplace_back(fd);
      }
    }
  }
  if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
    return fail(ErrorCode::Internal, "keeper message truncated");
  }
  return buffer.substr(0, static_cast<std::size_t>(n));
}

namespace {

// ---- keeper process -------------------------------------------------------------------------

[[noreturn]] void keeperDie(int sock, const std::string& why) {
  (void)sendMessage(sock, "E" + why, {});
  ::_exit(1);
}

// Clones the slot's box init with these binds; it talks to the supervisor on `boxSock`.
StepResult spawnBox(const KeeperConfig& config, const std::vector<BindDir>& dirs, int boxSock,
                    int& pidfd, pid_t& pid) {
  pidfd = -1;
  unsigned long flags = CLONE_PIDFD | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS;
  long rc = ::syscall(SYS_clone, flags | SIGCHLD, nullptr, &pidfd, nullptr, nullptr);
  if (rc < 0) {
    return sysFail("clone box init");
  }
  if (rc == 0) {
    ::close(3);  // the keeper's socket is not the box's business
    boxInitMain(config, dirs, boxSock);
  }
  pid = static_cast<pid_t>(rc);
  return ok();
}

[[noreturn]] void keeperLoop(const KeeperConfig& config, int sock) {
  std::string buffer;
  pid_t boxPid = -1;
  UniqueFd boxPidfd;
  auto endBox = [&] {
    if (boxPid > 0) {
      ::kill(boxPid, SIGKILL);
      ::waitpid(boxPid, nullptr, 0);
    }
    boxPidfd.reset();
    boxPid = -1;
  };
  for (;;) {
    pollfd pfds[2] = {{sock, POLLIN, 0}, {boxPidfd.get(), POLLIN, 0}};
    if (::poll(pfds, boxPidfd.valid() ? 2 : 1, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      ::_exit(1);
    }
    if (boxPidfd.valid() && (pfds[1].revents & POLLIN)) {
      endBox();  // it ended on its own (supervisor closed its socket, or a fault)
    }
    if (!(pfds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      continue;
    }
    std::vector<UniqueFd> fds;
    auto bytes = receiveMessage(sock, fds, buffer);
    if (!bytes || bytes->empty()) {
      endBox();  // supervisor gone: nothing may outlive it
      ::_exit(0);
    }
    if ((*bytes)[0] != 'B' || fds.size() != 1) {
      (void)sendMessage(sock, "Emalformed keeper request", {});
      continue;
    }
    auto request = decodeRequest(bytes->substr(1));
    if (!request) {
      (void)sendMessage(sock, "E" + request.error().message, {});
      continue;
    }
    endBox();
    int pidfd = -1;
    pid_t pid = -1;
    auto spawned = spawnBox(config, request->dirs, fds[0].get(), pidfd, pid);
    fds.clear();  // the box has its end of the socket
    if (!spawned) {
      (void)sendMessage(sock, "E" + spawned.error().message, {});
      continue;
    }
    boxPid = pid;
    boxPidfd.reset(pidfd);
    (void)sendMessage(sock, "P" + std::to_string(pid), {});
  }
}

[[noreturn]] void keeperMain(const KeeperConfig& startConfig, int sock) {
  KeeperConfig config = startConfig;  // the seccomp filter arrives with "M"
  // Into the slot's cgroups before anything else, so everything we clone is born there.
  for (int fd : config.cgroupJoinFds) {
    if (::write(fd, "0", 1) != 1) {
      keeperDie(sock, std::string("join cgroup: ") + std::strerror(errno));
    }
  }
  // Descriptors: only our socket (as 3) and /dev/null as stdio.
  if (sock != 3) {
    if (::dup2(sock, 3) < 0) {
      ::_exit(1);
    }
    sock = 3;
  }
  sys::closeFrom(4);
  int devnull = ::openat(AT_FDCWD, "/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; ++fd) {
    ::dup2(devnull, fd);
  }
  if (devnull > 3) {
    ::close(devnull);
  }
  ::signal(SIGPIPE, SIG_IGN);
  ::prctl(PR_SET_NAME, "arena-keeper", 0, 0, 0);

  // The slot's own empty network namespace, made while we are still host root so that
  // nothing in the box can configure it (namespaces.hpp).
  if (config.privileged && ::unshare(CLONE_NEWNET) != 0) {
    keeperDie(sock, std::string("unshare network namespace: ") + std::strerror(errno));
  }
  int flags = CLONE_NEWUSER | CLONE_NEWNS | (config.privileged ? 0 : CLONE_NEWNET);
  if (::unshare(flags) != 0) {
    keeperDie(sock, std::string("unshare user/mount namespaces: ") + std::strerror(errno));
  }
  (void)sendMessage(sock, "U", {});
  std::vector<UniqueFd> none;
  std::string small(256, '\0');
  auto go = receiveMessage(sock, none, small);
  if (!go || go->empty() || (*go)[0] != 'M' || (go->size() - 1) % sizeof(sock_filter) != 0) {
    ::_exit(1);
  }
  config.seccomp.resize((go->size() - 1) / sizeof(sock_filter));
  std::memcpy(config.seccomp.data(), go->data() + 1, go->size() - 1);
  gid_t gid = config.layout.boxUid;
  uid_t uid = config.layout.boxUid;
  // Keep capabilities across the uid change: they are what lets the box init mount.
  ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0);
  if (config.privileged && sys::dropSupplementaryGroups() != 0) {
    keeperDie(sock, std::string("setgroups: ") + std::strerror(errno));
  }
  if (sys::setAllIds(uid, gid) != 0) {
    keeperDie(sock, std::string("become box uid: ") + std::strerror(errno));
  }
  if (auto s = raiseEffectiveCapabilities(); !s) {
    keeperDie(sock, s.error().message);
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    keeperDie(sock, std::string("make mounts private: ") + std::strerror(errno));
  }
  (void)sendMessage(sock, "R", {});
  keeperLoop(config, sock);
}

}  // namespace

Result<Keeper> beginKeeper(const KeeperConfig& config) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return sysFail("socketpair");
  }
  UniqueFd ours(pair[0]), theirs(pair[1]);
  int size = static_cast<int>(kMaxMessage);
  ::setsockopt(ours.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
  pid_t pid = ::fork();
  if (pid < 0) {
    return sysFail("fork keeper");
  }
  if (pid == 0) {
    ours.reset();
    keeperMain(config, theirs.release());
  }
  theirs.reset();
  Keeper keeper;
  keeper.pid = pid;
  keeper.socket = std::move(ours);
  return keeper;
}

StepResult finishKeeper(Keeper& keeper, const KeeperConfig& config,
                        const std::vector<sock_filter>& seccomp) {
  const pid_t pid = keeper.pid;
  auto expect = [&](char want) -> StepResult {
    std::vector<UniqueFd> none;
    std::string buffer(4096, '\0');
    auto msg = receiveMessage(keeper.socket.get(), none, buffer);
    if (!msg) {
      return std::unexpected(msg.error());
    }
    if (msg->empty()) {
      return fail(ErrorCode::Internal, "keeper exited during start-up");
    }
    if ((*msg)[0] == 'E') {
      return fail(ErrorCode::Internal, "keeper: " + msg->substr(1));
    }
    if ((*msg)[0] != want) {
      return fail(ErrorCode::Internal, "keeper: unexpected message");
    }
    return ok();
  };
  StepResult started = expect('U');
  if (started) {
    started = writeIdMaps(pid, config.layout.boxUid, config.hostUid, config.hostGid,
                          config.privileged);
  }
  if (started) {
    std::string go = "M";
    go.append(reinterpret_cast<const char*>(seccomp.data()), seccomp.size() * sizeof(sock_filter));
    started = sendMessage(keeper.socket.get(), go, {});
  }
  if (started) {
    started = expect('R');
  }
  if (!started) {
    stopKeeper(keeper);
    return std::unexpected(started.error());
  }
  return ok();
}

Result<Box> rebuildBox(Keeper& keeper, const std::vector<BindDir>& dirs) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    return sysFail("socketpair");
  }
  UniqueFd ours(pair[0]), theirs(pair[1]);
  int size = static_cast<int>(kMaxMessage);
  ::setsockopt(ours.get(), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
  RunRequest request;
  request.dirs = dirs;
  std::string message = "B";  // (not "B" + ...: GCC 12 -O3 warns falsely, -Wrestrict)
  message += encodeRequest(request);
  if (auto s = sendMessage(keeper.socket.get(), message, {theirs.get()}); !s) {
    return std::unexpected(s.error());
  }
  theirs.reset();
  std::vector<UniqueFd> none;
  std::string buffer(4096, '\0');
  auto reply = receiveMessage(keeper.socket.get(), none, buffer);
  if (!reply) {
    return std::unexpected(reply.error());
  }
  if (reply->empty()) {
    return fail(ErrorCode::Internal, "keeper died");
  }
  if ((*reply)[0] != 'P') {
    return fail(ErrorCode::Internal, "keeper: " + reply->substr(1));
  }
  Box box;
  box.pid = static_cast<pid_t>(std::stol(reply->substr(1)));
  box.socket = std::move(ours);
  box.dirs = dirs;
  if (auto ready = awaitBoxReady(box); !ready) {
    return std::unexpected(ready.error());
  }
  return box;
}

StepResult awaitBoxReady(Box& box) {
  std::vector<UniqueFd> none;
  std::string buffer(4096, '\0');
  auto ready = receiveMessage(box.socket.get(), none, buffer);
  if (!ready) {
    return std::unexpected(ready.error());
  }
  if (ready->empty()) {
    return fail(ErrorCode::Internal, "box init died while setting up");
  }
  if ((*ready)[0] != 'R') {
    return fail(ErrorCode::Internal, "box set-up: " + ready->substr(1));
  }
  return ok();
}

void stopKeeper(Keeper& keeper) {
  keeper.socket.reset();
  if (keeper.pid > 0) {
    int status = 0;
    while (::waitpid(keeper.pid, &status, 0) < 0 && errno == EINTR) {
    }
    keeper.pid = -1;
  }
}

}  // namespace arena::sandbox::detail
