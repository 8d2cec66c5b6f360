#pragma once
// What every part of the reader shares: the package root, the short name that prefixes every
// message, and the warning list. Messages read `<short>: <file>: <what>`.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::judge::detail {

class PackageContext {
 public:
  PackageContext(std::filesystem::path root, std::string shortName)
      : m_root(std::move(root)), m_shortName(std::move(shortName)) {}

  const std::filesystem::path& root() const { return m_root; }
  const std::string& shortName() const { return m_shortName; }

  // "data/secret/01.in" for an absolute path under the root ('/' separated).
  std::string relative(const std::filesystem::path& path) const;

  // InvalidArgument "<short>: <where>: <what>" (where may be empty).
  std::unexpected<Error> fail(std::string_view where, std::string_view what) const;
  void warn(std::string_view where, std::string_view what);

  std::vector<std::string>& warnings() { return m_warnings; }

 private:
  std::string format(std::string_view where, std::string_view what) const;

  std::filesystem::path m_root;
  std::string m_shortName;
  std::vector<std::string> m_warnings;
};

// Whether the spec says to ignore a file or directory: names starting with '.' or '-'
// (.git, .gitignore, editor backups) are treated as if they were not there.
bool isIgnoredName(std::string_view name);

// The entries of a directory sorted by name, ignored names left out. Never throws.
Result<std::vector<std::filesystem::directory_entry>> listDirectory(
    const PackageContext& context, const std::filesystem::path& dir);

}  // namespace arena::judge::detail
