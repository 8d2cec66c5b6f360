#pragma once
// Resource limits (setrlimit) of the boxed program.
//
// Theory of operation. With cgroups the rlimits are per-process backstops and the limits the
// kernel can only express per process: stack, open files, file size (a file over the output
// limit raises SIGXFSZ -> OLE), no core dumps, CPU seconds (rounded up, +1: the millisecond
// limit is enforced by the supervisor polling the cgroup) and processes for the box uid
// (RLIMIT_NPROC counts per uid per user namespace, and each slot has its own). In rlimit mode
// (no cgroups) they are all there is: RLIMIT_AS stands in for the memory limit, so memory is
// per process there, as `"isolation": "rlimit"` tells the reader.

#include "run_request.hpp"
#include "sys_error.hpp"

namespace arena::sandbox::detail {

// Applies the limits to the calling process. Async-signal-safe.
StepResult applyRlimits(const RunRequest& request);

}  // namespace arena::sandbox::detail
