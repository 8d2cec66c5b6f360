#pragma once
// Capabilities of the keeper/box init (which need them, in their own user namespace only, to
// mount) and of the program (which gets none: bounding, ambient, permitted and effective sets
// are emptied before execve). Raw capget/capset: no libcap dependency, async-signal-safe.

#include "sys_error.hpp"

namespace arena::sandbox::detail {

// effective := permitted (after a uid change with PR_SET_KEEPCAPS).
StepResult raiseEffectiveCapabilities();

// Empties the bounding set, so no child can ever regain a capability through execve.
StepResult dropBoundingCapabilities();

// Drops every capability of the calling process (ambient, permitted, effective).
StepResult dropAllCapabilities();

}  // namespace arena::sandbox::detail
