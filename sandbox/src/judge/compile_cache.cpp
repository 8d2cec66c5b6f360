#include "arena/judge/compile_cache.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "arena/judge/temp_dir.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kKeyFormat = "arena-compile-cache-v1";
constexpr std::string_view kMetaFile = "meta.json";
constexpr std::string_view kFilesDir = "files";
constexpr std::string_view kTmpPrefix = ".tmp-";

// Length-prefixed so that ("ab","c") and ("a","bc") never hash alike.
void appendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

std::uint64_t treeBytes(const fs::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

bool isHexKey(const std::string& name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<CachedCompile> readMeta(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  CachedCompile meta;
  meta.success = json.value("success", false);
  meta.output = json.value("output", std::string{});
  meta.cpuMs = json.value("cpu_ms", std::int64_t{0});
  meta.wallMs = json.value("wall_ms", std::int64_t{0});
  meta.memoryKb = json.value("memory_kb", std::int64_t{0});
  return meta;
}

std::string randomSuffix() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::ostringstream out;
  out << std::hex << rng();
  return out.str();
}

}  // namespace

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

std::string CompileCache::key(const Language& language, std::string_view toolchainVersion,
                              std::string_view source) {
  std::string material;
  material.reserve(source.size() + 512);
  appendField(material, kKeyFormat);
  appendField(material, language.id);
  appendField(material, toolchainVersion);
  appendField(material, std::to_string(language.compile.size()));
  for (const auto& arg : language.compile) appendField(material, arg);
  appendField(material, std::to_string(language.env.size()));
  for (const auto& entry : language.env) appendField(material, entry);
  appendField(material, language.sourceFile);
  appendField(material, source);
  return sha256Hex(material);
}

Result<std::unique_ptr<CompileCache>> CompileCache::open(Options options) {
  if (options.root.empty()) return fail(ErrorCode::InvalidArgument, "compile cache: empty root");
  std::error_code ec;
  fs::create_directories(options.root, ec);
  if (ec) {
    return fail(ErrorCode::Internal,
                "compile cache: cannot create " + options.root.string() + ": " + ec.message());
  }
  // The cache holds binaries other submissions will run: nobody but us may touch it.
  fs::permissions(options.root, fs::perms::owner_all, fs::perm_options::replace, ec);
  std::unique_ptr<CompileCache> cache(new CompileCache(std::move(options)));
  cache->indexExisting();
  return cache;
}

void CompileCache::indexExisting() {
  std::lock_guard lock(m_mutex);
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  for (fs::directory_iterator it(m_options.root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code inner;
    if (name.starts_with(kTmpPrefix)) {
      fs::remove_all(it->path(), inner);  // left over from a crash mid-store
      continue;
    }
    if (!isHexKey(name) || !readMeta(it->path() / kMetaFile)) {
      fs::remove_all(it->path(), inner);
      continue;
    }
    found.emplace_back(fs::last_write_time(it->path() / kMetaFile, inner), name);
  }
  std::sort(found.begin(), found.end());  // oldest first: they get the smallest lastUse
  for (const auto& [time, name] : found) {
    m_entries[name] = Entry{treeBytes(m_options.root / name), ++m_clock};
    m_stats.bytes += m_entries[name].bytes;
  }
  m_stats.entries = m_entries.size();
  evictLocked();
}

std::optional<CachedCompile> CompileCache::lookup(const std::string& key,
                                                  const fs::path& destination) {
  std::lock_guard lock(m_mutex);
  const auto found = m_entries.find(key);
  if (found == m_entries.end()) {
    ++m_stats.misses;
    return std::nullopt;
  }
  const fs::path entryDir = m_options.root / key;
  auto meta = readMeta(entryDir / kMetaFile);
  const bool copied = meta && copyRegularTree(entryDir / kFilesDir, destination).has_value();
  if (!copied) {
    dropLocked(key);
    ++m_stats.misses;
    return std::nullopt;
  }
  found->second.lastUse = ++m_clock;
  ++m_stats.hits;
  return meta;
}

Result<void> CompileCache::store(const std::string& key, const CachedCompile& meta,
                                 const fs::path& filesDir) {
  if (!isHexKey(key)) return fail(ErrorCode::InvalidArgument, "compile cache: bad key");
  const fs::path staging = m_options.root / (std::string(kTmpPrefix) + randomSuffix());
  std::error_code ec;
  if (filesDir.empty()) {
    fs::create_directories(staging / kFilesDir, ec);
    if (ec) return fail(ErrorCode::Internal, "compile cache: cannot stage entry: " + ec.message());
  } else if (auto copied = copyRegularTree(filesDir, staging / kFilesDir); !copied) {
    fs::remove_all(staging, ec);
    return fail(ErrorCode::Internal, "compile cache: cannot stage entry: " + copied.error().message);
  }
  const nlohmann::json json = {{"success", meta.success},
                               {"output", meta.output},
                               {"cpu_ms", meta.cpuMs},
                               {"wall_ms", meta.wallMs},
                               {"memory_kb", meta.memoryKb}};
  // Compiler messages may hold invalid UTF-8: replace rather than throw.
  const std::string text = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (auto written = writeFile(staging / kMetaFile, text); !written) {
    fs::remove_all(staging, ec);
    return written;
  }
  const std::uint64_t bytes = treeBytes(staging);

  std::lock_guard lock(m_mutex);
  fs::rename(staging, m_options.root / key, ec);
  if (ec) {
    // Someone stored the same key first (rename onto a non-empty directory fails): keep theirs.
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (m_entries.contains(key)) return {};
    return fail(ErrorCode::Internal, "compile cache: cannot commit entry: " + ec.message());
  }
  m_entries[key] = Entry{bytes, ++m_clock};
  m_stats.bytes += bytes;
  m_stats.entries = m_entries.size();
  ++m_stats.stores;
  evictLocked();
  return {};
}

CompileCacheStats CompileCache::stats() const {
  std::lock_guard lock(m_mutex);
  return m_stats;
}

void CompileCache::evictLocked() {
  while (!m_entries.empty() &&
         (m_stats.bytes > m_options.maxBytes || m_entries.size() > m_options.maxEntries)) {
    const auto oldest = std::min_element(
        m_entries.begin(), m_entries.end(),
        [](const auto& a, const auto& b) { return a.second.lastUse < b.second.lastUse; });
    dropLocked(oldest->first);
    ++m_stats.evictions;
  }
}

void CompileCache::dropLocked(const std::string& keyRef) {
  const std::string key = keyRef;  // keyRef may live in the map entry erased below
  const auto found = m_entries.find(key);
  if (found == m_entries.end()) return;
  m_stats.bytes -= std::min(m_stats.bytes, found->second.bytes);
  m_entries.erase(found);
  m_stats.entries = m_entries.size();
  std::error_code ec;
  fs::remove_all(m_options.root / key, ec);
}

}  // namespace arena::judge
