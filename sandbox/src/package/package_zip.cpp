// extractPackageZip: check the whole archive from its central directory, then write.
//
// Theory of operation (see package_zip.hpp for the threats):
//   1. open read-only; refuse more than maxEntries entries;
//   2. for every entry: name (splitEntryName), kind from the Unix mode in the external
//      attributes (file, directory, symlink; nothing else), no encryption, declared sizes
//      against the per-entry, total and ratio limits; read symlink targets (tiny);
//   3. check the model (checkArchiveModel): duplicates, entries under files or links, link
//      targets resolved inside the root;
//   4. only then write: directories, files with O_CREAT|O_EXCL|O_NOFOLLOW, counting real bytes
//      against the declared size; symlinks last, so no write ever follows one;
//   5. on any failure remove what was written.

#include "arena/judge/package_zip.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "package_zip_paths.hpp"

namespace arena::judge {

namespace fs = std::filesystem;
using detail::ArchiveEntry;
using detail::ArchiveEntryKind;

namespace {

constexpr std::uint64_t kMaxSymlinkTargetBytes = 4096;

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFileHandle = std::unique_ptr<zip_file_t, ZipFileCloser>;

struct FdCloser {
  int fd = -1;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

struct PlannedEntry {
  ArchiveEntry entry;
  zip_uint64_t index = 0;
  std::uint64_t size = 0;
  bool executable = false;
};

class ZipExtractor {
 public:
  ZipExtractor(const fs::path& zip, const fs::path& destination, const ZipLimits& limits)
      : m_zip(zip),
        m_destination(destination),
        m_limits(limits),
        m_label(zip.filename().string()) {}

  Result<fs::path> run();

 private:
  std::unexpected<Error> bad(const std::string& what) const {
    return fail(ErrorCode::InvalidArgument, m_label + ": " + what);
  }
  std::unexpected<Error> hostError(const std::string& what, int error) const {
    return fail(ErrorCode::Internal, m_label + ": " + what + ": " + std::strerror(error));
  }

  Result<void> plan();
  Result<std::string> readSmallEntry(zip_uint64_t index, std::uint64_t size,
                                     const std::string& name);
  Result<void> prepareDestination();
  Result<void> write();
  Result<void> writeFile(const PlannedEntry& planned);
  Result<void> makeDirectories(const std::string& relative);
  fs::path packageRoot() const;
  void removeWritten();

  fs::path m_zip;
  fs::path m_destination;
  ZipLimits m_limits;
  std::string m_label;
  ZipHandle m_archive;
  std::vector<PlannedEntry> m_entries;
  std::uint64_t m_written = 0;
};

Result<fs::path> ZipExtractor::run() {
  int error = 0;
  zip_t* raw = zip_open(m_zip.c_str(), ZIP_RDONLY, &error);
  if (raw == nullptr) {
    zip_error_t zipError;
    zip_error_init_with_code(&zipError, error);
    std::string message = zip_error_strerror(&zipError);
    zip_error_fini(&zipError);
    return bad("cannot be opened as a zip archive: " + message);
  }
  m_archive.reset(raw);
  if (auto ok = plan(); !ok) return std::unexpected(ok.error());
  if (auto ok = prepareDestination(); !ok) return std::unexpected(ok.error());
  if (auto ok = write(); !ok) {
    removeWritten();
    return std::unexpected(ok.error());
  }
  return packageRoot();
}

Result<std::string> ZipExtractor::readSmallEntry(zip_uint64_t index, std::uint64_t size,
                                                 const std::string& name) {
  ZipFileHandle file(zip_fopen_index(m_archive.get(), index, 0));
  if (!file) return bad("entry '" + name + "' cannot be read: " + zip_strerror(m_archive.get()));
  std::string content(size, '\0');
  zip_int64_t got = zip_fread(file.get(), content.data(), size);
  if (got < 0 || static_cast<std::uint64_t>(got) != size) {
    return bad("entry '" + name + "' is corrupt");
  }
  return content;
}

Result<void> ZipExtractor::plan() {
  const zip_int64_t count = zip_get_num_entries(m_archive.get(), 0);
  if (count < 0) return bad("has no readable central directory");
  if (static_cast<std::uint64_t>(count) > m_limits.maxEntries) {
    return bad("has " + std::to_string(count) + " entries, more than the limit of " +
               std::to_string(m_limits.maxEntries));
  }
  std::uint64_t total = 0;
  std::vector<ArchiveEntry> model;
  for (zip_uint64_t index = 0; index < static_cast<zip_uint64_t>(count); ++index) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(m_archive.get(), index, 0, &stat) != 0 ||
        (stat.valid & ZIP_STAT_NAME) == 0) {
      return bad("entry " + std::to_string(index) + " cannot be read");
    }
    const std::string name = stat.name;
    auto parts = detail::splitEntryName(name);
    if (!parts) return bad(parts.error().message);
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
      return bad("entry '" + name + "' is encrypted");
    }
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
      return bad("entry '" + name + "' does not declare its size");
    }

    PlannedEntry planned;
    planned.index = index;
    planned.size = stat.size;
    std::string path;
    for (const std::string& part : *parts) path += (path.empty() ? "" : "/") + part;
    planned.entry.path = path;

    // The kind: a trailing '/' or a Unix mode. Zips made elsewhere carry no mode: files.
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    mode_t mode = 0;
    if (zip_file_get_external_attributes(m_archive.get(), index, 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
      mode = static_cast<mode_t>(attributes >> 16);
    }
    const mode_t type = mode & S_IFMT;
    if (name.back() == '/' || type == S_IFDIR) {
      planned.entry.kind = ArchiveEntryKind::Directory;
    } else if (type == S_IFLNK) {
      planned.entry.kind = ArchiveEntryKind::Symlink;
    } else if (type == 0 || type == S_IFREG) {
      planned.entry.kind = ArchiveEntryKind::File;
      planned.executable = (mode & 0111) != 0;
    } else {
      return bad("entry '" + name + "' is a device, fifo or socket");
    }

    if (stat.size > m_limits.maxEntryBytes) {
      return bad("entry '" + name + "' would unpack to " + std::to_string(stat.size) +
                 " bytes, more than the per-entry limit of " +
                 std::to_string(m_limits.maxEntryBytes));
    }
    total += stat.size;  // each <= maxEntryBytes and count bounded: no overflow
    if (total > m_limits.maxTotalBytes) {
      return bad("would unpack to more than " + std::to_string(m_limits.maxTotalBytes) +
                 " bytes in total (a zip bomb?)");
    }
    if (stat.size > m_limits.ratioFloorBytes) {
      const double ratio = stat.comp_size == 0 ? m_limits.maxCompressionRatio + 1
                                               : static_cast<double>(stat.size) /
                                                     static_cast<double>(stat.comp_size);
      if (ratio > m_limits.maxCompressionRatio) {
        return bad("entry '" + name + "' has a compression ratio of " +
                   std::to_string(static_cast<long long>(ratio)) + ":1, above the limit of " +
                   std::to_string(static_cast<long long>(m_limits.maxCompressionRatio)) +
                   ":1 (a zip bomb?)");
      }
    }
    if (planned.entry.kind == ArchiveEntryKind::Symlink) {
      if (stat.size > kMaxSymlinkTargetBytes) return bad("symlink '" + name + "' is too long");
      auto target = readSmallEntry(index, stat.size, name);
      if (!target) return std::unexpected(target.error());
      planned.entry.linkTarget = *target;
    }
    model.push_back(planned.entry);
    m_entries.push_back(std::move(planned));
  }
  if (auto problem = detail::checkArchiveModel(model)) return bad(*problem);
  return {};
}

Result<void> ZipExtractor::prepareDestination() {
  std::error_code ec;
  if (fs::exists(m_destination, ec)) {
    if (!fs::is_directory(m_destination, ec) || !fs::is_empty(m_destination, ec)) {
      return fail(ErrorCode::InvalidArgument, m_label + ": destination " + m_destination.string() +
                                                  " is not an empty directory");
    }
  } else if (!fs::create_directories(m_destination, ec) || ec) {
    return fail(ErrorCode::Internal,
                m_label + ": cannot create " + m_destination.string() + ": " + ec.message());
  }
  return {};
}

// Directories are created one component at a time with mkdir: no existing path is followed.
Result<void> ZipExtractor::makeDirectories(const std::string& relative) {
  fs::path current = m_destination;
  std::size_t start = 0;
  while (start < relative.size()) {
    std::size_t slash = relative.find('/', start);
    if (slash == std::string::npos) slash = relative.size();
    current /= relative.substr(start, slash - start);
    if (::mkdir(current.c_str(), 0755) != 0 && errno != EEXIST) {
      return hostError("cannot create " + current.string(), errno);
    }
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      return bad("'" + current.string() + "' is not a directory");
    }
    start = slash + 1;
  }
  return {};
}

Result<void> ZipExtractor::writeFile(const PlannedEntry& planned) {
  const std::string& path = planned.entry.path;
  if (auto slash = path.rfind('/'); slash != std::string::npos) {
    if (auto ok = makeDirectories(path.substr(0, slash)); !ok) return ok;
  }
  const fs::path target = m_destination / path;
  FdCloser out{::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      planned.executable ? 0755 : 0644)};
  if (out.fd < 0) return hostError("cannot create " + target.string(), errno);
  ZipFileHandle file(zip_fopen_index(m_archive.get(), planned.index, 0));
  if (!file) return bad("entry '" + path + "' cannot be read: " + zip_strerror(m_archive.get()));
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t entryBytes = 0;
  while (true) {
    zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
    if (got < 0) return bad("entry '" + path + "' is corrupt: " + zip_file_strerror(file.get()));
    if (got == 0) break;
    entryBytes += static_cast<std::uint64_t>(got);
    m_written += static_cast<std::uint64_t>(got);
    // The declared size was checked; the real stream must not exceed it.
    if (entryBytes > planned.size || m_written > m_limits.maxTotalBytes) {
      return bad("entry '" + path + "' unpacks to more than it declares (a zip bomb?)");
    }
    std::size_t offset = 0;
    const auto length = static_cast<std::size_t>(got);
    while (offset < length) {
      ssize_t done = ::write(out.fd, buffer.data() + offset, length - offset);
      if (done < 0) {
        if (errno == EINTR) continue;
        return hostError("cannot write " + target.string(), errno);
      }
      offset += static_cast<std::size_t>(done);
    }
  }
  if (entryBytes != planned.size) return bad("entry '" + path + "' is truncated");
  return {};
}

Result<void> ZipExtractor::write() {
  std::vector<const PlannedEntry*> ordered;
  for (const PlannedEntry& planned : m_entries) ordered.push_back(&planned);
  // Directories, then files, then symlinks; parents before children.
  auto rank = [](const PlannedEntry* p) {
    switch (p->entry.kind) {
      case ArchiveEntryKind::Directory:
        return 0;
      case ArchiveEntryKind::File:
        return 1;
      case ArchiveEntryKind::Symlink:
        return 2;
    }
    return 3;
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const PlannedEntry* a, const PlannedEntry* b) {
                     if (rank(a) != rank(b)) return rank(a) < rank(b);
                     return a->entry.path < b->entry.path;
                   });
  for (const PlannedEntry* planned : ordered) {
    const std::string& path = planned->entry.path;
    switch (planned->entry.kind) {
      case ArchiveEntryKind::Directory:
        if (auto ok = makeDirectories(path); !ok) return ok;
        break;
      case ArchiveEntryKind::File:
        if (auto ok = writeFile(*planned); !ok) return ok;
        break;
      case ArchiveEntryKind::Symlink: {
        if (auto slash = path.rfind('/'); slash != std::string::npos) {
          if (auto ok = makeDirectories(path.substr(0, slash)); !ok) return ok;
        }
        const fs::path link = m_destination / path;
        if (::symlink(planned->entry.linkTarget.c_str(), link.c_str()) != 0) {
          return hostError("cannot create symlink " + link.string(), errno);
        }
        break;
      }
    }
  }
  return {};
}

// The package root: the destination, or its single top-level directory when the archive
// wraps the package in one (problem.yaml, domjudge-problem.ini or data/ inside it).
fs::path ZipExtractor::packageRoot() const {
  auto isMarker = [](const std::string& path) {
    return path == "problem.yaml" || path == "domjudge-problem.ini" || path == "data" ||
           path.rfind("data/", 0) == 0;
  };
  std::set<std::string> topLevel;
  bool markerAtTop = false;
  for (const PlannedEntry& planned : m_entries) {
    const std::string& path = planned.entry.path;
    markerAtTop = markerAtTop || isMarker(path);
    const std::string first = path.substr(0, path.find('/'));
    // Archivers' litter (macOS's __MACOSX/, .DS_Store) does not count as a second directory.
    if (first == "__MACOSX" || first.front() == '.') continue;
    topLevel.insert(first);
  }
  if (markerAtTop || topLevel.size() != 1) return m_destination;
  const std::string top = *topLevel.begin();
  for (const PlannedEntry& planned : m_entries) {
    const std::string& path = planned.entry.path;
    if (path.size() > top.size() + 1 && isMarker(path.substr(top.size() + 1))) {
      std::error_code ec;
      if (fs::is_directory(m_destination / top, ec)) return m_destination / top;
    }
  }
  return m_destination;
}

void ZipExtractor::removeWritten() {
  std::error_code ec;
  for (fs::directory_iterator it(m_destination, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

}  // namespace

Result<fs::path> extractPackageZip(const fs::path& zip, const fs::path& destination,
                                   const ZipLimits& limits) {
  try {
    ZipExtractor extractor(zip, destination, limits);
    return extractor.run();
  } catch (const std::exception& e) {
    return fail(ErrorCode::Internal, zip.filename().string() + ": " + e.what());
  }
}

Result<ProblemPackage> readProblemPackageZip(const fs::path& zip, const fs::path& destination,
                                             const ZipLimits& limits, PackageReadOptions options) {
  auto root = extractPackageZip(zip, destination, limits);
  if (!root) return std::unexpected(root.error());
  if (options.shortName.empty()) {
    options.shortName =
        fs::path(*root).lexically_normal() == fs::path(destination).lexically_normal()
            ? zip.stem().string()
            : root->filename().string();
  }
  return readProblemPackage(*root, options);
}

}  // namespace arena::judge
