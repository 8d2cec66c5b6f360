#pragma once
// Directories named after the process that made them, left behind when it died.

#include <ctime>
#include <string>
#include <string_view>

namespace arena::sandbox::detail {

// Removes the empty directories in `parent` named "<prefix><pid>-..." whose process no longer
// exists in our PID namespace and which were last changed no later than `notAfter`. (rmdir
// refuses a directory, or cgroup, that is not empty; the prefix should name our PID namespace,
// the one where a dead pid can be told.)
void removeDirsOfDeadOwners(const std::string& parent, std::string_view prefix,
                            std::time_t notAfter);

}  // namespace arena::sandbox::detail
