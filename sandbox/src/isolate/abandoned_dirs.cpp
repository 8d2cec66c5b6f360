#include "abandoned_dirs.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace arena::sandbox::detail {

void removeDirsOfDeadOwners(const std::string& parent, std::string_view prefix,
                            std::time_t notAfter) {
  DIR* dir = ::opendir(parent.c_str());
  if (dir == nullptr) {
    return;
  }
  while (dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (!name.starts_with(prefix)) {
      continue;
    }
    name.remove_prefix(prefix.size());
    pid_t pid = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc() || pid <= 0 || end == name.data() + name.size() || *end != '-') {
      continue;
    }
    struct stat st {};
    if (::kill(pid, 0) == 0 || errno != ESRCH ||
        ::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        st.st_mtime > notAfter) {
      continue;
    }
    ::unlinkat(::dirfd(dir), e->d_name, AT_REMOVEDIR);
  }
  ::closedir(dir);
}

}  // namespace arena::sandbox::detail
