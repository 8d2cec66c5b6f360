// Theory of operation: the raw request path is split and each segment percent-decoded once;
// segments that are "..", ".", hidden (".env") or hold a NUL, '\' or an encoded '/' are refused.
// The remaining path is resolved with weakly_canonical (which follows symlinks) and must still lie
// inside the canonical root, so a symlink pointing out of the directory is not served either.
// A regular file is served; anything else is a deep link into the app and gets index.html,
// except under /assets/ or with a static file extension, where a missing file is a plain 404
// (a browser must not receive HTML for a script).
#include "static_files.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "percent_decoding.hpp"

namespace arena::server::http {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxCachedFileBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxCacheBytes = 64 * 1024 * 1024;
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

struct MimeType {
  std::string_view extension;
  std::string_view type;
};
constexpr MimeType kMimeTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".wasm", "application/wasm"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

std::optional<std::string_view> mimeFor(std::string_view extension) {
  for (const auto& mime : kMimeTypes) {
    if (mime.extension == extension) return mime.type;
  }
  return std::nullopt;
}

bool isInside(const fs::path& candidate, const fs::path& root) {
  auto rootIt = root.begin();
  auto it = candidate.begin();
  for (; rootIt != root.end(); ++rootIt, ++it) {
    if (rootIt->empty()) continue;  // a trailing separator in the root
    if (it == candidate.end() || *it != *rootIt) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : m_root(std::move(root)) {}

Result<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return fail(ErrorCode::MethodNotAllowed, "static files answer GET and HEAD only");
  }
  std::error_code ec;
  const fs::path root = fs::canonical(m_root, ec);
  if (ec || !fs::is_regular_file(root / "index.html", ec)) {
    return fail(ErrorCode::NotFound, "the web UI is not built");
  }
  const fs::path index = root / "index.html";

  const auto segments = splitPath(request.path);
  if (!segments) return fail(ErrorCode::NotFound, "no such file");
  fs::path relative;
  for (const auto& segment : *segments) {
    if (segment.front() == '.' ||
        segment.find_first_of(std::string_view("\\/\0", 3)) != std::string::npos) {
      return fail(ErrorCode::NotFound, "no such file");
    }
    relative /= segment;
  }
  const bool underAssets = segments->size() > 1 && segments->front() == "assets";
  const std::string extension = segments->empty() ? "" : fs::path(segments->back()).extension();

  if (!segments->empty()) {
    const fs::path resolved = fs::weakly_canonical(root / relative, ec);
    if (ec || !isInside(resolved, root)) return fail(ErrorCode::NotFound, "no such file");
    if (fs::is_regular_file(resolved, ec)) {
      return file(request, resolved, underAssets ? kImmutable : kRevalidate);
    }
    if (underAssets || (extension != ".html" && mimeFor(extension))) {
      return fail(ErrorCode::NotFound, "no such file");
    }
  }
  return file(request, index, kRevalidate);
}

Result<Response> StaticFiles::file(const Request& request, const fs::path& path,
                                   const std::string& cacheControl) const {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto modified = fs::last_write_time(path, ec);
  if (ec) return fail(ErrorCode::NotFound, "no such file");

  // "no-cache" means "revalidate": an ETag lets the browser's revalidation of index.html cost a
  // 304 instead of the whole file.
  const std::string etag = "\"" + std::to_string(size) + "-" +
                           std::to_string(modified.time_since_epoch().count()) + "\"";
  if (request.header("if-none-match") == etag) {
    Response notModified;
    notModified.status = 304;
    notModified.contentType.clear();
    notModified.headers = {{"ETag", etag}, {"Cache-Control", cacheControl}};
    return notModified;
  }

  std::shared_ptr<const std::string> bytes;
  {
    std::lock_guard lock(m_mutex);
    const auto cached = m_cache.find(path.string());
    if (cached != m_cache.end() && cached->second.size == size &&
        cached->second.modified == modified) {
      bytes = cached->second.bytes;
    }
  }
  if (!bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::NotFound, "no such file");
    auto content = std::make_shared<std::string>(std::istreambuf_iterator<char>(in),
                                                 std::istreambuf_iterator<char>());
    bytes = content;
    if (content->size() <= kMaxCachedFileBytes) {
      std::lock_guard lock(m_mutex);
      if (m_cachedBytes + content->size() > kMaxCacheBytes) {
        m_cache.clear();
        m_cachedBytes = 0;
      }
      auto& slot = m_cache[path.string()];
      m_cachedBytes -= slot.bytes ? slot.bytes->size() : 0;
      slot = {modified, size, bytes};
      m_cachedBytes += content->size();
    }
  }
  const auto mime = mimeFor(path.extension().string());
  Response response =
      Response::bytes(bytes, std::string(mime.value_or("application/octet-stream")));
  response.headers.emplace_back("Cache-Control", cacheControl);
  response.headers.emplace_back("ETag", etag);
  return response;
}

}  // namespace arena::server::http
