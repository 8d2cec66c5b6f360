#pragma once
// The keeper: one long-lived process per box slot that holds the slot's namespaces.
//
// Theory of operation. Sandbox::create forks one keeper per slot. The keeper unshares an
// empty network namespace, then a user and a mount namespace, waits while the supervisor
// writes its uid/gid maps and sends the seccomp filter, becomes
// uid 1000 (keeping its capabilities, which count only in its
// own namespaces), and makes its mounts private. The supervisor then moves it into the slot's
// cgroups, so everything it clones is born there. On request ("B", with a set of binds and a
// socket) it clones the slot's box init into new PID, mount, IPC and UTS namespaces; the box
// init builds the box filesystem with those binds and then serves runs directly to the
// supervisor over that socket (box_init.cpp). A request with other binds replaces the box
// init (the kernel kills the old PID namespace with it). The keeper is single-threaded, so
// the box init, a plain copy of it, may allocate freely. When the supervisor goes away
// (socket EOF) the keeper kills the box and exits.

#include <linux/filter.h>
#include <sys/types.h>

#include <functional>
#include <vector>

#include "mounts.hpp"
#include "run_request.hpp"
#include "sys_error.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

struct KeeperConfig {
  unsigned hostUid = 0;
  unsigned hostGid = 0;
  bool privileged = false;   // the supervisor is root: uid maps to firstUid+slot
  BoxLayout layout;
  std::vector<sock_filter> seccomp;
  std::vector<int> cgroupJoinFds;  // the keeper writes "0" to each, first thing
  // A direct box (direct_box.cpp): no keeper; the box init stays outside the cgroups, and
  // each program writes itself in before its execve, through the join descriptors that come
  // with its run request. The cgroups then hold only the run and are empty again the moment
  // it is reaped: a kept cgroup is free for the next `arena-sandbox run` even while this box
  // init, killed when its CLI exits, still waits to be reaped by whoever inherited it (on this
  // VM's PID 1, over a second). And the old root can be detached on a thread no cgroup counts.
  bool direct = false;
  // A direct box cloned from a prebuilt root (prebuilt_root.hpp): it only finishes its
  // filesystem, with the bind trees that come with "U".
  bool prebuiltRoot = false;
};

struct Keeper {
  pid_t pid = -1;
  UniqueFd socket;
};

// Starting a keeper is split in two so the supervisor can start every slot's keeper before
// waiting for any: beginKeeper forks it; finishKeeper writes its id maps,
// hands it the filter and waits until it is ready (stopping it on failure).
Result<Keeper> beginKeeper(const KeeperConfig& config);
StepResult finishKeeper(Keeper& keeper, const KeeperConfig& config,
                        const std::vector<sock_filter>& seccomp);

// A slot's box init as the supervisor sees it.
struct Box {
  pid_t pid = -1;       // host pid of the box init
  UniqueFd socket;      // runs go here
  std::vector<BindDir> dirs;
};

// Replaces the slot's box init with one that has these binds; waits until it is ready.
Result<Box> rebuildBox(Keeper& keeper, const std::vector<BindDir>& dirs);

// Waits for a new box init's "R" (its filesystem is built, it serves runs).
StepResult awaitBoxReady(Box& box);

// A box init without a keeper (SandboxOptions::direct, direct_box.cpp): cloned by the calling
// thread straight into all of its namespaces; returns once it has its uid maps, before it is
// ready (its "R" may be left to the run's watch loop). The caller must be single-threaded. It
// is the caller's child: endDirectBox kills and reaps it. `pinnedNamespaces`: the caller holds
// the kept cgroup, emptied, so the pinned network and IPC namespaces are the box's alone
// (namespaces.hpp).
Result<Box> spawnDirectBox(const KeeperConfig& config, const std::vector<BindDir>& dirs,
                           bool pinnedNamespaces);
void endDirectBox(Box& box);

// Closes the socket, which stops the keeper (and its box), and reaps it.
void stopKeeper(Keeper& keeper);

// Message helpers shared by the supervisor, the keeper and the box init.
// At most this many descriptors travel with one message (a run request's four and a direct
// box's cgroup join descriptors; the bind trees of a prebuilt root's box).
inline constexpr std::size_t kMaxMessageFds = 32;
StepResult sendMessage(int sock, const std::string& bytes, const std::vector<int>& fds);
// Receives one message into `buffer` (its size is the largest message accepted); an empty
// result with no error means EOF.
Result<std::string> receiveMessage(int sock, std::vector<UniqueFd>& fds, std::string& buffer);

// What makes a process a box init before its filesystem: dies with its parent, default signal
// dispositions, securebits that lock its children out of regaining capabilities. boxInitMain
// does it, except for a direct box, which does it while the supervisor writes its id maps.
StepResult becomeBoxInit();

// The box init (box_init.cpp). Never returns. `bindTrees`: for KeeperConfig::prebuiltRoot, one
// cloned tree per bind (finishPrebuiltBox).
[[noreturn]] void boxInitMain(const KeeperConfig& config, const std::vector<BindDir>& dirs,
                              int sock, const std::vector<UniqueFd>& bindTrees = {});

}  // namespace arena::sandbox::detail
