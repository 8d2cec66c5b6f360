// The system-call filter as compiled at build time by arena-seccomp-gen (seccomp_filter.cpp
// says what it allows and why; sandbox/CMakeLists.txt generates seccomp_program.inc), and its
// installation. Nothing here needs libseccomp.

#include "seccomp_filter.hpp"

#include <linux/seccomp.h>
#include <sys/prctl.h>

namespace arena::sandbox::detail {

const std::vector<sock_filter>& shippedSeccompFilter() {
  static const std::vector<sock_filter> program = {
#include "seccomp_program.inc"
  };
  return program;
}

StepResult applySeccompFilter(const std::vector<sock_filter>& program) {
  sock_fprog prog{};
  prog.len = static_cast<unsigned short>(program.size());
  prog.filter = const_cast<sock_filter*>(program.data());
  if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
    return sysFail("install seccomp filter");
  }
  return ok();
}

}  // namespace arena::sandbox::detail
