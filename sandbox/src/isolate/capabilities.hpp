#pragma once
// Capabilities of the keeper/box init (which need them, in their own user namespace only, to
// mount) and of the program (which gets none: ambient, permitted and effective sets are emptied
// before execve, and it can regain none). Raw capget/capset: no libcap dependency,
// async-signal-safe.

#include "sys_error.hpp"

namespace arena::sandbox::detail {

// effective := permitted (after a uid change with PR_SET_KEEPCAPS).
StepResult raiseEffectiveCapabilities();

// Locks the calling process and its children out of the two ways execve grants capabilities
// without file capabilities: to uid 0 (SECBIT_NOROOT) and through the ambient set. File
// capabilities and set-uid bits are ignored under no_new_privs, which every program gets before
// its execve. Together that leaves a program no way to regain a capability, so the bounding set
// is not emptied as well: in a new user namespace that takes one call per capability, 41 of
// them, about 45 us of every cold run.
StepResult lockOutRegainedCapabilities();

// Drops every capability of the calling process (ambient, permitted, effective).
StepResult dropAllCapabilities();

}  // namespace arena::sandbox::detail
