#pragma once
// Serves a built single-page app (the web UI) from a directory: files by path with their MIME
// type, long-lived caching for hashed assets under /assets/, no-cache for index.html, and
// index.html for any other GET path so deep links survive a reload. Paths cannot leave the
// directory (.., symlinks out, NUL bytes).

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "arena/core/error.hpp"
#include "request.hpp"
#include "response.hpp"

namespace arena::server::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // NotFound when the directory has no index.html (the web UI is not built).
  Result<Response> serve(const Request& request) const;

 private:
  struct CachedFile {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    std::shared_ptr<const std::string> bytes;
  };
  Result<Response> file(const Request& request, const std::filesystem::path& path,
                        const std::string& cacheControl) const;

  std::filesystem::path m_root;
  // File bytes by canonical path, reread when size or mtime change (a rebuilt UI).
  mutable std::mutex m_mutex;
  mutable std::unordered_map<std::string, CachedFile> m_cache;
  mutable std::size_t m_cachedBytes = 0;
};

}  // namespace arena::server::http
