#include "package_test_support.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <gtest/gtest.h>

namespace arena::judge::testing {

namespace fs = std::filesystem;

fs::path problemsDir() { return fs::path(ARENA_TEST_PROBLEMS_DIR); }

TempDir::TempDir() {
  std::random_device random;
  m_path = fs::temp_directory_path() /
           ("arena-package-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

void writeFile(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void copyTree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

void makeZip(const fs::path& zip, const std::vector<ZipSpec>& entries) {
  int error = 0;
  zip_t* archive = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("cannot create " + zip.string());
  // libzip reads the buffers at zip_close: they stay alive in `entries` until then.
  for (const ZipSpec& spec : entries) {
    zip_int64_t index = -1;
    if (spec.kind == ZipSpec::Kind::Directory) {
      index = zip_dir_add(archive, spec.name.c_str(), ZIP_FL_ENC_RAW);
    } else {
      zip_source_t* source =
          zip_source_buffer(archive, spec.content.data(), spec.content.size(), 0);
      index = zip_file_add(archive, spec.name.c_str(), source, ZIP_FL_ENC_RAW | ZIP_FL_OVERWRITE);
      if (index < 0) zip_source_free(source);
    }
    if (index < 0) {
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      throw std::runtime_error("cannot add " + spec.name + ": " + message);
    }
    const auto entry = static_cast<zip_uint64_t>(index);
    unsigned type = spec.kind == ZipSpec::Kind::Directory ? S_IFDIR
                    : spec.kind == ZipSpec::Kind::Symlink ? S_IFLNK
                                                          : S_IFREG;
    unsigned mode =
        spec.mode != 0 ? spec.mode : (spec.kind == ZipSpec::Kind::Directory ? 0755u : 0644u);
    zip_file_set_external_attributes(archive, entry, 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>((type | mode) << 16));
    if (spec.store && spec.kind == ZipSpec::Kind::File) {
      zip_set_file_compression(archive, entry, ZIP_CM_STORE, 0);
    }
  }
  if (zip_close(archive) != 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error("cannot write " + zip.string() + ": " + message);
  }
}

void zipDirectory(const fs::path& dir, const fs::path& zip, const std::string& prefix) {
  std::vector<ZipSpec> entries;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = prefix + entry.path().lexically_relative(dir).generic_string();
    if (entry.is_symlink()) {
      entries.push_back({name, fs::read_symlink(entry.path()).string(), ZipSpec::Kind::Symlink});
    } else if (entry.is_directory()) {
      entries.push_back({name + "/", "", ZipSpec::Kind::Directory});
    } else {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto perms = static_cast<unsigned>(entry.status().permissions()) & 0777u;
      entries.push_back({name, content, ZipSpec::Kind::File, perms});
    }
  }
  makeZip(zip, entries);
}

}  // namespace arena::judge::testing
