#pragma once
// Namespaces: what the box cannot see.
//
// Theory of operation. Namespaces are made once per slot, off the critical path, by the
// slot's keeper process (see keeper.hpp):
//   network  one per slot: the keeper unshares an empty one while still host root, so it is
//            owned by the initial user namespace and nothing in a box can configure it (only
//            a loopback that is down, no route anywhere). Without root it unshares a private
//            one instead. Boxes that run at once never share one: each would see the other's
//            sockets in /proc/net (a channel between two runs). ~0.5 ms, once per slot.
//   user     one per slot: the single uid/gid 1000 inside maps to host uid firstUid+slot and
//            host gid firstUid (root), or to the caller's own uid/gid (no root). Nothing else
//            is mapped: host root is "nobody" in the box.
//   mount    one per slot (the keeper's), copied per run by the box init.
// The keeper clones the slot's box init with CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC |
// CLONE_NEWUTS: the init is PID 1 and every program is its child; after each run the init
// kills and reaps everything left in its PID namespace, and takes a fresh IPC namespace (no
// System V object survives a run); when the init exits the kernel kills whatever is left. A
// PID namespace also confines kill(-1): a box cannot see, hence cannot signal, anything
// outside it. Creating and tearing down PID and mount namespaces per run would cost ~1 ms
// (an RCU grace period on teardown), so they live as long as the slot's set of binds.
// A direct Sandbox (one run, `arena-sandbox run`) has no keeper: its box init is cloned into
// the user, mount, PID, IPC and UTS namespaces at once (direct_box.cpp), its mount namespace
// copied from a pinned prebuilt root rather than the host's (prebuilt_root.hpp), and its
// network and IPC namespaces the ones pinned at /run/arena-sandbox/{netns,ipcns}-direct when
// it holds the kept cgroup (so no box of an earlier holder is left to share them; an IPC
// namespace with System V objects left in it is replaced first), else fresh ones.

#include <sys/types.h>

#include <functional>
#include <string>

#include "sys_error.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

inline constexpr const char* kRunDir = "/run/arena-sandbox";  // root's pins and lock
inline constexpr const char* kDirectNetnsPath = "/run/arena-sandbox/netns-direct";
inline constexpr const char* kDirectIpcnsPath = "/run/arena-sandbox/ipcns-direct";

// Holds /run/arena-sandbox/lock (made if missing) while the returned descriptor is open: for
// whoever creates something there that concurrent first users must agree on.
Result<UniqueFd> lockRunDir();

// Pins a namespace of `type` ("net", "mnt") on the file `path`, as `ip netns add` does: a
// helper process runs `enter` (which unshares, and builds what the namespace should hold),
// then its namespace file is bound on `path` and the helper killed. Under lockRunDir().
StepResult pinNamespace(const std::string& path, const char* type,
                        const std::function<StepResult()>& enter);

// Joins the namespace of `type` (CLONE_NEWNET or CLONE_NEWIPC) pinned at `path`; pins a new,
// empty one first when there is none there, or when told to `replace` it (root only).
StepResult joinPinnedNamespace(const char* path, int type, bool replace = false);

// Joins the IPC namespace pinned at `path`, first pinning a new one in its place when an
// earlier run left System V objects in it: nothing of one run reaches the next.
StepResult joinCleanPinnedIpcns(const char* path);

// Whether System V IPC objects are left in the calling thread's IPC namespace. The *_INFO
// calls count them (no permission needed, nothing listed); POSIX message queues cannot exist
// (the filter denies mq_open), so with none left the namespace holds nothing of a past run
// and may be kept: a fresh one costs tens of microseconds and an RCU-deferred teardown of the
// old one.
bool ipcObjectsLeft();

// Writes uid_map/gid_map of `pid` (which has just unshared its user namespace) so that
// insideId maps to hostUid/hostGid. `privileged`: the writer has CAP_SETUID/CAP_SETGID.
StepResult writeIdMaps(pid_t pid, unsigned insideId, unsigned hostUid, unsigned hostGid,
                   bool privileged);

}  // namespace arena::sandbox::detail
