#include "package_zip_paths.hpp"

#include <deque>
#include <set>

namespace arena::judge::detail {

namespace {

constexpr int kMaxSymlinkHops = 40;  // Linux's MAXSYMLINKS
constexpr std::size_t kMaxNameBytes = 255;
constexpr std::size_t kMaxPathBytes = 4096;

std::string join(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out;
}

// Resolves `path` (components from the archive root) through the archive's symlinks.
// nullopt: it leaves the root or loops.
std::optional<std::vector<std::string>> resolve(std::deque<std::string> pending,
                                                const std::map<std::string, std::string>& links) {
  std::vector<std::string> resolved;
  int hops = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (resolved.empty()) return std::nullopt;
      resolved.pop_back();
      continue;
    }
    resolved.push_back(part);
    auto link = links.find(join(resolved, resolved.size()));
    if (link == links.end()) continue;
    if (++hops > kMaxSymlinkHops) return std::nullopt;
    const std::string& target = link->second;
    if (target.empty() || target.front() == '/') return std::nullopt;
    resolved.pop_back();  // the link is replaced by its target, relative to its directory
    std::vector<std::string> targetParts;
    std::string current;
    for (char c : target) {
      if (c == '/') {
        targetParts.push_back(std::move(current));
        current.clear();
      } else {
        current += c;
      }
    }
    targetParts.push_back(std::move(current));
    for (auto it = targetParts.rbegin(); it != targetParts.rend(); ++it) pending.push_front(*it);
  }
  return resolved;
}

}  // namespace

Result<std::vector<std::string>> splitEntryName(std::string_view name) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::InvalidArgument,
                "entry '" + std::string(name) + "' " + std::string(why));
  };
  if (name.empty()) return bad("has an empty name");
  if (name.size() > kMaxPathBytes) return bad("has a name longer than 4096 bytes");
  if (name.front() == '/') return bad("is an absolute path");
  if (name.size() >= 2 && name[1] == ':') return bad("starts with a drive letter");
  for (char c : name) {
    if (c == '\\') return bad("contains a backslash");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return bad("contains a control character");
  }
  std::string_view rest = name;
  if (rest.back() == '/') rest.remove_suffix(1);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t slash = rest.find('/', start);
    if (slash == std::string_view::npos) slash = rest.size();
    std::string_view part = rest.substr(start, slash - start);
    if (part.empty()) return bad("has an empty path component");
    if (part == "..") return bad("escapes the package with '..'");
    if (part == ".") return bad("has a '.' path component");
    if (part.size() > kMaxNameBytes) return bad("has a name component longer than 255 bytes");
    parts.emplace_back(part);
    start = slash + 1;
  }
  return parts;
}

std::optional<std::string> checkArchiveModel(const std::vector<ArchiveEntry>& entries) {
  std::map<std::string, ArchiveEntryKind> kinds;
  std::map<std::string, std::string> links;
  for (const ArchiveEntry& entry : entries) {
    auto [it, inserted] = kinds.emplace(entry.path, entry.kind);
    if (!inserted) {
      // A directory listed twice is harmless; anything else is ambiguous.
      if (entry.kind == ArchiveEntryKind::Directory && it->second == ArchiveEntryKind::Directory) {
        continue;
      }
      return "entry '" + entry.path + "' appears more than once";
    }
    if (entry.kind == ArchiveEntryKind::Symlink) links[entry.path] = entry.linkTarget;
  }
  for (const ArchiveEntry& entry : entries) {
    // Every proper prefix must be a directory (listed or implied), never a file or a symlink:
    // extraction must not write through a link.
    std::size_t slash = entry.path.find('/');
    while (slash != std::string::npos) {
      auto parent = kinds.find(entry.path.substr(0, slash));
      if (parent != kinds.end() && parent->second != ArchiveEntryKind::Directory) {
        return "entry '" + entry.path + "' lies below '" + parent->first +
               "', which is not a directory";
      }
      slash = entry.path.find('/', slash + 1);
    }
  }
  for (const auto& [path, target] : links) {
    if (target.empty()) return "symlink '" + path + "' has an empty target";
    if (target.front() == '/') return "symlink '" + path + "' points to an absolute path";
    std::deque<std::string> start;
    std::size_t begin = 0;
    std::size_t slash = path.find('/');
    while (slash != std::string::npos) {  // the link's directory
      start.push_back(path.substr(begin, slash - begin));
      begin = slash + 1;
      slash = path.find('/', begin);
    }
    std::size_t from = 0;
    while (from <= target.size()) {
      std::size_t next = target.find('/', from);
      if (next == std::string::npos) next = target.size();
      start.push_back(target.substr(from, next - from));
      from = next + 1;
    }
    if (!resolve(std::move(start), links)) {
      return "symlink '" + path + "' -> '" + target + "' points out of the package (or loops)";
    }
  }
  return std::nullopt;
}

}  // namespace arena::judge::detail
