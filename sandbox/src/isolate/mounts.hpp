#pragma once
// The box's filesystem: what the program sees.
//
// Theory of operation. The keeper lives in a private mount namespace (a copy of the host's,
// propagation made private) inside its slot's user namespace. The slot's box init gets its
// own copy of that mount namespace (clone with CLONE_NEWNS) and builds the box root on the
// slot's staging directory once, for as long as the requested bind set stays the same:
//   /            small tmpfs, made read-only at the end
//   /usr /etc .. read-only recursive binds of the host directories the languages need; a host
//                entry that is a symlink (usr-merged /bin -> usr/bin) becomes the same symlink
//   /dev         null zero full random urandom bound from the host, fd/std* symlinks
//   /proc        a new procfs: it shows only the box's PID namespace
//   /tmp /box    tmpfs, size-limited (resized per run to the output limit), /box owned by the
//                box uid (the workdir); emptied after every run (wipeScratch), so each run
//                starts from empty ones
//   extra dirs   the RunSpec's binds, read-only unless asked for rw
// then pivot_root()s into it and detaches the old root, so no host path stays reachable.
// Remounts keep the flags the kernel locks for a less privileged namespace (nosuid, noexec,
// atime...) and add ro/nosuid/nodev. The mount namespace, with its tmpfs, dies with the box
// init when the slot is rebuilt (other binds) or the Sandbox goes away.
// A direct box (`arena-sandbox run`) usually starts instead from a copy of a prebuilt root,
// where only procfs, /tmp, /box and the binds are its own (prebuilt_root.hpp).

#include <string>
#include <vector>

#include "run_request.hpp"
#include "sys_error.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

struct RootEntry {
  std::string name;           // "usr" (relative to /)
  std::string symlinkTarget;  // non-empty: create this symlink instead of a bind
};

struct BoxLayout {
  std::string staging;                // host directory the box root is built on
  std::vector<std::string> rootDirs;  // the read-only view asked for ...
  std::vector<RootEntry> entries;     // ... and what of it the host has (resolveRootEntries)
  unsigned boxUid = 1000;             // uid/gid inside the user namespace
};

// The host directory a Sandbox's box roots are mounted on (each box init mounts its tmpfs root
// there in its own mount namespace, so the directory itself stays empty on the host). It cannot
// be removed while the Sandbox lives: every box rebuild mounts on it again, and a mount point
// cannot be made on a deleted directory. So that a process killed without running destructors
// leaves nothing behind for long, each one is named after its owner —
// <parent>/<pid namespace inode>-<pid>-XXXXXX, parent /run/arena-sandbox/staging for root,
// /tmp/arena-sandbox-<uid> otherwise — and creating one first removes the (empty) ones whose
// owner, in our own PID namespace, is gone. Falls back to a plain /tmp/arena-sandbox-XXXXXX
// when the parent is not a directory of ours that only we can write.
Result<std::string> makeStagingDir();

// For a direct Sandbox (one box, cloned straight from the caller): the staging parent itself,
// when it is a private directory of ours, else empty. Each box mounts its root on it in its
// own private mount namespace, so any number of boxes share it and the host directory stays
// empty; nothing is created per run and nothing is left to remove.
std::string sharedStagingDir();

// A layout on `staging` for these root dirs, resolved (resolveRootEntries).
BoxLayout makeBoxLayout(const std::string& staging, const std::vector<std::string>& rootDirs);

// Resolves which of the layout's root dirs exist on the host (dir or symlink) into its entries.
// (A direct box does so only when it builds a root: a prebuilt one is found by the root dirs.)
void resolveRootEntries(BoxLayout& layout);

// The part of a box root every box with this layout shares, on `root` (a fresh tmpfs is
// mounted there): the layout's entries, /dev, and empty mount points /proc, /tmp and /box.
StepResult buildSharedRoot(const std::string& root, const BoxLayout& layout);

// Builds the box root with these binds and pivots into it. Runs in the box init.
// `asyncDetach`: the old root's lazy unmount runs on a short-lived thread and this returns once
// the old root has left the namespace, without waiting for the RCU grace period the kernel
// then takes to free it (up to ~5 ms on a loaded host; see pivotInto). Only for a box init
// that never enters a cgroup (a direct box, KeeperConfig::direct), so the thread never counts
// against pids.max.
StepResult buildBoxFilesystem(const BoxLayout& layout, const std::vector<BindDir>& dirs,
                              bool asyncDetach = false);

// Makes the finished box root read-only (and nosuid, nodev), before pivoting into it.
StepResult remountRootReadOnly(const std::string& root);

// chroot-like, but nothing of the old root stays reachable: pivot_root(".", ".") on `root`,
// then the old root, stacked on top, detached (see buildBoxFilesystem for `asyncDetach`).
StepResult pivotInto(const std::string& root, bool asyncDetach);

// Whether a box path is /box, /tmp or below them: the only places a prebuilt root
// (prebuilt_root.hpp), read-only and shared, has room for a bind.
bool insideScratch(const std::string& boxPath);

// Finishes a box whose mount namespace is a copy of a prebuilt root (already its "/"): mounts
// its own procfs, /tmp and /box, then each bind from the tree the supervisor cloned for it
// (`trees[i]` for `dirs[i]`, see cloneBindTrees). Runs in the box init.
StepResult finishPrebuiltBox(const BoxLayout& layout, const std::vector<BindDir>& dirs,
                             const std::vector<UniqueFd>& trees);

// The box's own scratch tmpfs: /box and /tmp, minus any a bind covers (a bind's contents are
// the host's business: never resized, never wiped).
std::vector<std::string> scratchDirs(const std::vector<BindDir>& dirs);

// The size /box and /tmp are mounted with (the default output limit, so a first run with that
// limit needs no resize).
inline constexpr std::uint64_t kScratchInitialKb = 65536;

// Sets the size of each scratch dir for the next run.
StepResult resizeScratch(const std::vector<std::string>& scratch, std::uint64_t kb);

// Empties the scratch dirs after a run. Never crosses into another mount (a bind inside /box).
StepResult wipeScratch(const std::vector<std::string>& scratch);

}  // namespace arena::sandbox::detail
