#pragma once
// Safe extraction of a problem package zip (Kattis `.zip`/`.kpp`, DOMjudge problem zip).
//
// A zip is untrusted input. Everything is checked from the central directory BEFORE anything is
// written: entry names (no absolute paths, no `..`, no backslashes or control characters, no
// duplicates), entry kinds (regular files, directories and symlinks only; no encryption),
// symlink targets (resolved inside a model of the archive, as the kernel would, and rejected
// when they leave the package), the number of entries, the total declared size and the
// per-entry compression ratio (a zip bomb). Extraction then writes with O_NOFOLLOW|O_EXCL,
// creates symlinks last, and counts the real bytes so an entry that lies about its size is
// stopped. On any failure everything written is removed.

#include <cstdint>
#include <filesystem>
#include <string>

#include "arena/core/error.hpp"
#include "arena/judge/problem_package.hpp"

namespace arena::judge {

struct ZipLimits {
  std::uint64_t maxEntries = 20'000;
  std::uint64_t maxTotalBytes = 1024ull * 1024 * 1024;  // sum of uncompressed sizes: 1 GiB
  std::uint64_t maxEntryBytes = 512ull * 1024 * 1024;   // one uncompressed entry: 512 MiB
  // Uncompressed/compressed ratio above which an entry is a bomb. Deflate cannot exceed about
  // 1030:1, so this catches highly repetitive payloads; entries smaller than ratioFloorBytes
  // are exempt (tiny files compress absurdly well and harm nobody).
  double maxCompressionRatio = 200.0;
  std::uint64_t ratioFloorBytes = 1024 * 1024;
};

// Extracts `zip` into `destination` (created if missing; must be empty if it exists) and
// returns the package root: `destination` itself, or `destination/<dir>` when the archive holds
// a single top-level directory that contains the package (problem.yaml,
// domjudge-problem.ini or data/). Errors are InvalidArgument (bad archive; message starts with
// the zip's file name) or Internal (host I/O failure).
Result<std::filesystem::path> extractPackageZip(const std::filesystem::path& zip,
                                                const std::filesystem::path& destination,
                                                const ZipLimits& limits = {});

// Extracts and reads in one step. The short name is the zip's base name (DOMjudge's rule)
// unless the archive wrapped the package in a directory, whose name is used then.
Result<ProblemPackage> readProblemPackageZip(const std::filesystem::path& zip,
                                             const std::filesystem::path& destination,
                                             const ZipLimits& limits = {},
                                             PackageReadOptions options = {});

}  // namespace arena::judge
