#include "capabilities.hpp"

#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace arena::sandbox::detail {

namespace {

StepResult capGet(__user_cap_data_struct (&data)[2]) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  if (::syscall(SYS_capget, &header, data) != 0) {
    return sysFail("capget");
  }
  return ok();
}

StepResult capSet(__user_cap_data_struct (&data)[2]) {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  if (::syscall(SYS_capset, &header, data) != 0) {
    return sysFail("capset");
  }
  return ok();
}

}  // namespace

StepResult raiseEffectiveCapabilities() {
  __user_cap_data_struct data[2]{};
  if (auto s = capGet(data); !s) {
    return s;
  }
  data[0].effective = data[0].permitted;
  data[1].effective = data[1].permitted;
  return capSet(data);
}

StepResult lockOutRegainedCapabilities() {
  constexpr unsigned long kBits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
                                  SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
  if (::prctl(PR_SET_SECUREBITS, kBits, 0, 0, 0) != 0) {
    return sysFail("lock securebits");
  }
  return ok();
}

StepResult dropAllCapabilities() {
  if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
    return sysFail("clear ambient capabilities");
  }
  __user_cap_data_struct data[2]{};
  return capSet(data);
}

}  // namespace arena::sandbox::detail
