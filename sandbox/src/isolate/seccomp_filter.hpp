#pragma once
// The system-call filter every boxed program runs under.
//
// Theory of operation. The filter is compiled with libseccomp at build time (into a classic BPF
// program shipped in the library, shippedSeccompFilter: arena_sandbox does not load libseccomp
// at all), handed to the keepers, and installed in the program's process just before execve with prctl(PR_SET_SECCOMP), after no_new_privs — no allocation
// and no libseccomp call happens in the child. Default: allow. Foreign architectures (i386
// via int 0x80, x32) kill the whole process (SIGSYS -> status SV). Calls a judged program never
// needs and that widen its reach fail with EPERM: namespace creation (unshare, setns, clone
// with CLONE_NEW*; clone3 answers ENOSYS so libc falls back to clone, whose flags we can see),
// mount and the new mount API, ptrace and cross-process memory access, keyrings, bpf,
// perf_event_open, userfaultfd, io_uring, module/kexec/reboot/swap and similar host controls,
// and mq_open (see box_init.cpp: it keeps the IPC namespace reusable).

#include <linux/filter.h>

#include <vector>

#include "sys_error.hpp"

namespace arena::sandbox::detail {

// Compiles the filter with libseccomp (~0.3 ms). Used at build time (arena-seccomp-gen) and by
// the test that checks the shipped program against it.
Result<std::vector<sock_filter>> compileSeccompFilter();

// The filter as compiled at build time (seccomp_program.cpp): what every Sandbox installs.
const std::vector<sock_filter>& shippedSeccompFilter();

// Installs the filter in the calling process; requires no_new_privs. Async-signal-safe.
StepResult applySeccompFilter(const std::vector<sock_filter>& program);

}  // namespace arena::sandbox::detail
