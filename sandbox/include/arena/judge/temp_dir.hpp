#pragma once
// A uniquely named directory removed with everything in it when the owner goes away: each
// compile and run works in its own, so concurrent requests never see each other's files.

#include <filesystem>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::judge {

// Mode for a directory on the way to one that is bound into a box: the sandbox mounts as the
// box's unprivileged uid, which must be able to traverse (not list) every parent.
inline constexpr std::filesystem::perms kTraversable = std::filesystem::perms::owner_all |
                                                       std::filesystem::perms::group_exec |
                                                       std::filesystem::perms::others_exec;

class TempDir {
 public:
  // Creates <parent>/<prefix>XXXXXX (parent is created if missing) with the given mode.
  static Result<TempDir> create(const std::filesystem::path& parent, std::string_view prefix,
                                std::filesystem::perms mode = std::filesystem::perms::owner_all);

  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return m_path; }
  // Keeps the directory on disk (ownership passes to the caller).
  std::filesystem::path release();

 private:
  explicit TempDir(std::filesystem::path path) : m_path(std::move(path)) {}
  void removeNow() noexcept;

  std::filesystem::path m_path;
};

// Writes `content` to `file` (truncating); InvalidArgument-free: failures are Internal.
Result<void> writeFile(const std::filesystem::path& file, std::string_view content);

// Reads at most maxBytes of `file`; `truncated` (if given) tells whether more was there.
// A missing file reads as empty.
Result<std::string> readFileCapped(const std::filesystem::path& file, std::size_t maxBytes,
                                   bool* truncated = nullptr);

// Copies the regular files and directories under `from` into `to` (created if missing),
// skipping symlinks, devices and sockets: the tree may have been written by a sandboxed
// program, and following its symlinks as root would leak host files.
Result<void> copyRegularTree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace arena::judge
