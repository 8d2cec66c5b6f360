#include "package_context.hpp"

#include <algorithm>
#include <system_error>

namespace arena::judge::detail {

namespace fs = std::filesystem;

std::string PackageContext::relative(const fs::path& path) const {
  fs::path rel = path.lexically_relative(m_root);
  if (rel.empty() || *rel.begin() == "..") return path.generic_string();
  return rel.generic_string();
}

std::string PackageContext::format(std::string_view where, std::string_view what) const {
  std::string message = m_shortName;
  message += ": ";
  if (!where.empty()) {
    message += where;
    message += ": ";
  }
  message += what;
  return message;
}

std::unexpected<Error> PackageContext::fail(std::string_view where, std::string_view what) const {
  return arena::fail(ErrorCode::InvalidArgument, format(where, what));
}

void PackageContext::warn(std::string_view where, std::string_view what) {
  m_warnings.push_back(format(where, what));
}

bool isIgnoredName(std::string_view name) {
  return name.empty() || name.front() == '.' || name.front() == '-';
}

namespace {

// A symlink is allowed only when what it finally points at lies inside the package.
bool staysInside(const fs::path& link, const fs::path& canonicalRoot) {
  std::error_code ec;
  fs::path target = fs::weakly_canonical(link, ec);
  if (ec) return false;
  auto rel = target.lexically_relative(canonicalRoot);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

Result<std::vector<fs::directory_entry>> listDirectory(const PackageContext& context,
                                                       const fs::path& dir) {
  std::error_code ec;
  fs::path canonicalRoot = fs::canonical(context.root(), ec);
  if (ec) return context.fail("", "cannot resolve the package directory: " + ec.message());
  std::vector<fs::directory_entry> entries;
  fs::directory_iterator it(dir, ec);
  if (ec) return context.fail(context.relative(dir), "cannot list: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    if (isIgnoredName(entry.path().filename().string())) continue;
    if (entry.is_symlink(ec)) {
      if (!staysInside(entry.path(), canonicalRoot)) {
        return context.fail(context.relative(entry.path()),
                            "is a symlink pointing out of the package");
      }
      // The spec allows links to files; a link to a directory could make the tree a loop.
      if (fs::is_directory(entry.path(), ec)) {
        return context.fail(context.relative(entry.path()),
                            "is a symlink to a directory; only links to files are supported");
      }
    }
    entries.push_back(entry);
  }
  if (ec) return context.fail(context.relative(dir), "cannot list: " + ec.message());
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename().string() < b.path().filename().string();
            });
  return entries;
}

}  // namespace arena::judge::detail
