#include "arena/judge/temp_dir.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <stdlib.h>  // mkdtemp

namespace arena::judge {

namespace fs = std::filesystem;

Result<TempDir> TempDir::create(const fs::path& parent, std::string_view prefix, fs::perms mode) {
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return fail(ErrorCode::Internal, "cannot create " + parent.string() + ": " + ec.message());
  std::string pattern = (parent / prefix).string() + "XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    return fail(ErrorCode::Internal,
                "mkdtemp " + pattern + ": " + std::string(std::strerror(errno)));
  }
  TempDir dir{fs::path(buffer.data())};
  fs::permissions(dir.m_path, mode, fs::perm_options::replace, ec);
  if (ec) return fail(ErrorCode::Internal, "chmod " + dir.m_path.string() + ": " + ec.message());
  return dir;
}

TempDir::TempDir(TempDir&& other) noexcept : m_path(std::move(other.m_path)) {
  other.m_path.clear();
}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    removeNow();
    m_path = std::move(other.m_path);
    other.m_path.clear();
  }
  return *this;
}

TempDir::~TempDir() { removeNow(); }

fs::path TempDir::release() {
  fs::path out = std::move(m_path);
  m_path.clear();
  return out;
}

void TempDir::removeNow() noexcept {
  if (m_path.empty()) return;
  std::error_code ec;
  fs::remove_all(m_path, ec);
  m_path.clear();
}

Result<void> writeFile(const fs::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return fail(ErrorCode::Internal, "cannot write " + file.string());
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return fail(ErrorCode::Internal, "write failed: " + file.string());
  return {};
}

Result<std::string> readFileCapped(const fs::path& file, std::size_t maxBytes, bool* truncated) {
  if (truncated != nullptr) *truncated = false;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::string{};
    return fail(ErrorCode::Internal, "cannot read " + file.string());
  }
  // Grow with what is really there: maxBytes may be a generous bound (a GiB) that a buffer of
  // that size up front would make every small read pay for.
  std::string data;
  std::error_code sizeError;
  const std::uintmax_t size = fs::file_size(file, sizeError);
  data.reserve(sizeError ? std::size_t{4096}
                         : static_cast<std::size_t>(std::min<std::uintmax_t>(size, maxBytes)));
  constexpr std::size_t kChunk = 64 * 1024;
  while (data.size() < maxBytes && in) {
    const std::size_t offset = data.size();
    const std::size_t want = std::min(kChunk, maxBytes - offset);
    data.resize(offset + want);
    in.read(data.data() + offset, static_cast<std::streamsize>(want));
    data.resize(offset + static_cast<std::size_t>(in.gcount()));
  }
  if (truncated != nullptr && data.size() == maxBytes) {
    *truncated = in.peek() != std::char_traits<char>::eof();
  }
  return data;
}

Result<void> copyRegularTree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return fail(ErrorCode::Internal, "cannot create " + to.string() + ": " + ec.message());
  fs::recursive_directory_iterator it(from, fs::directory_options::none, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    const fs::path target = to / fs::relative(it->path(), from, ec);
    if (ec) break;
    if (fs::is_directory(status)) {
      fs::create_directories(target, ec);
    } else if (fs::is_regular_file(status)) {
      fs::copy_file(it->path(), target, fs::copy_options::overwrite_existing, ec);
    }
    // anything else (symlink, fifo, device, socket) is not an artifact: skipped
  }
  if (ec) {
    return fail(ErrorCode::Internal,
                "cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
  }
  return {};
}

}  // namespace arena::judge
