#pragma once
// Compile cache: finished compiles on disk, keyed by language + toolchain version + compile
// command + source hash, so a resubmission (or the same code in many tests) compiles once.
//
// Layout: <root>/<key>/meta.json and <root>/<key>/files/... . An entry is built in a
// <root>/.tmp-* directory and renamed into place, so a reader never sees half an entry and a
// second writer of the same key just loses the race. Lookups copy the files out (never link:
// a sandboxed program must not be able to alter a cached binary), under the same lock that
// eviction takes, so an entry cannot vanish mid-copy. Least recently used entries are evicted
// past a byte or entry budget. Only deterministic outcomes are stored: a successful compile
// and a compiler that exited with an error; a compile stopped by a limit is not.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/judge/language.hpp"

namespace arena::judge {

// What the cache remembers about one compile besides its files.
struct CachedCompile {
  bool success = false;
  std::string output;  // compiler messages
  std::int64_t cpuMs = 0;
  std::int64_t wallMs = 0;
  std::int64_t memoryKb = 0;
};

struct CompileCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t stores = 0;
  std::uint64_t evictions = 0;
  std::size_t entries = 0;
  std::uint64_t bytes = 0;
};

class CompileCache {
 public:
  struct Options {
    std::filesystem::path root;
    std::uint64_t maxBytes = 1ULL << 30;
    std::size_t maxEntries = 4096;
  };

  // Opens (creating it if needed) the cache directory and indexes the entries already there.
  static Result<std::unique_ptr<CompileCache>> open(Options options);
  static Result<std::unique_ptr<CompileCache>> open(std::filesystem::path root) {
    Options options;
    options.root = std::move(root);
    return open(std::move(options));
  }

  // SHA-256 hex of everything that decides the compiler's output.
  static std::string key(const Language& language, std::string_view toolchainVersion,
                         std::string_view source);

  // On a hit copies the entry's files into `destination` (which must exist) and returns its
  // metadata; nullopt on a miss or when the copy fails (then the entry is dropped).
  std::optional<CachedCompile> lookup(const std::string& key,
                                      const std::filesystem::path& destination);

  // Stores the files of `filesDir` (copied; nested directories kept) under `key`.
  Result<void> store(const std::string& key, const CachedCompile& meta,
                     const std::filesystem::path& filesDir);

  CompileCacheStats stats() const;
  const std::filesystem::path& root() const { return m_options.root; }

 private:
  struct Entry {
    std::uint64_t bytes = 0;
    std::uint64_t lastUse = 0;
  };

  explicit CompileCache(Options options) : m_options(std::move(options)) {}
  void indexExisting();
  void evictLocked();
  void dropLocked(const std::string& key);

  Options m_options;
  mutable std::mutex m_mutex;
  std::map<std::string, Entry> m_entries;
  std::uint64_t m_clock = 0;
  CompileCacheStats m_stats;
};

// SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view data);

}  // namespace arena::judge
