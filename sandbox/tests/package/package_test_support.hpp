#pragma once
// Helpers for the package reader tests: a temporary directory that removes itself, writing
// small files, and zips built at test time with libzip (no binary fixtures in the repository).

#include <filesystem>
#include <string>
#include <vector>

namespace arena::judge::testing {

std::filesystem::path problemsDir();  // tests/problems in the source tree

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// Creates parent directories as needed.
void writeFile(const std::filesystem::path& file, const std::string& content);
// Copies a directory tree (symlinks copied as symlinks).
void copyTree(const std::filesystem::path& from, const std::filesystem::path& to);

// One entry of a zip built by makeZip.
struct ZipSpec {
  std::string name;
  std::string content;
  enum class Kind { File, Directory, Symlink } kind = Kind::File;
  unsigned mode = 0;   // Unix permission bits; 0: default
  bool store = false;  // no compression
};
// Builds a zip with exactly these entries, names as given (even hostile ones).
void makeZip(const std::filesystem::path& zip, const std::vector<ZipSpec>& entries);
// Zips a directory tree, entry names relative to `dir` prefixed with `prefix`.
void zipDirectory(const std::filesystem::path& dir, const std::filesystem::path& zip,
                  const std::string& prefix = "");

}  // namespace arena::judge::testing
