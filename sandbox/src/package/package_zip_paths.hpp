#pragma once
// The pure half of zip checking: entry names and symlink targets, judged on a model of the
// archive before anything touches the disk. Kept apart from libzip so it is tested directly.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::judge::detail {

enum class ArchiveEntryKind { File, Directory, Symlink };

struct ArchiveEntry {
  std::string path;  // normalised: components joined by '/', no trailing '/'
  ArchiveEntryKind kind = ArchiveEntryKind::File;
  std::string linkTarget;  // symlinks only
};

// Splits and checks an entry name: relative, no `..` or `.` components, no empty components
// (a trailing '/' marks a directory and is allowed), no backslashes, no control characters, no
// drive letters, names of at most 255 bytes. On failure the error says why.
Result<std::vector<std::string>> splitEntryName(std::string_view name);

// Checks the whole archive model: no duplicate paths, no entry below a file or a symlink, and
// every symlink resolving (through other symlinks, as the kernel would, at most 40 hops) to a
// path inside the archive root. Returns the first problem found.
std::optional<std::string> checkArchiveModel(const std::vector<ArchiveEntry>& entries);

}  // namespace arena::judge::detail
