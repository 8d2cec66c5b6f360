#pragma once
// A box root built once and kept: what every direct box's filesystem starts from.
//
// Theory of operation. A box that builds its root in a copy of the host's mount namespace
// (mounts.hpp) pays, on every cold run, for a dozen mounts and then for detaching the whole
// copied host tree after pivot_root — together 0.3-0.5 ms of a ~2.5 ms `arena-sandbox run`.
// The read-only part is the same for every box with the same layout, so root builds it once,
// in a mount namespace of its own: a tmpfs root with the layout's read-only binds, /dev, empty
// /tmp and /box, and a procfs of an empty PID namespace (a user namespace may mount procfs
// only where one is already fully visible; this one shows no process); made read-only,
// pivoted into, the host's tree detached. That namespace is pinned on
// /run/arena-sandbox/root-<hash of the root dirs>, as `ip netns` pins a network namespace.
//
// A direct box is then cloned from the pinned namespace instead of the host's (the calling
// thread joins it just for the clone, as it does a network namespace). Its copy holds
// nothing of the host, and every mount in it is locked, read-only, for the box's less
// privileged user namespace. The box mounts only what is its own: its procfs over the empty
// one, /tmp, /box, and its binds. Each bind is a tree the supervisor cloned in the host's
// namespace (open_tree) and made read-only there; the box moves it into place (move_mount).
// A bind must land in /box or /tmp (the shared root has no room elsewhere); a box with
// another bind builds its root in place, as before.
//
// The pinned namespace lasts until reboot (/run is a tmpfs). The files in its binds are live;
// a mount made later below the host's /usr or /etc does not appear in it, nor does a root dir
// (say /lib32) that appears on the host after the pin was made.

#include <vector>

#include "mounts.hpp"
#include "run_request.hpp"
#include "sys_error.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

// Whether a box with these binds can start from a prebuilt root.
bool prebuiltRootServes(const std::vector<BindDir>& dirs);

// The pinned mount namespace for the layout's root dirs, made (under /run/arena-sandbox/lock)
// when missing or stale. Root only.
Result<UniqueFd> openPrebuiltRoot(const BoxLayout& layout);

// Each bind's host tree, cloned (recursively) in our mount namespace and made nosuid, nodev
// and, unless writable, read-only: for finishPrebuiltBox.
Result<std::vector<UniqueFd>> cloneBindTrees(const std::vector<BindDir>& dirs);

}  // namespace arena::sandbox::detail
