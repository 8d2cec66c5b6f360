#include "app/bootstrap.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace arena::server::app {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAdminName = "admin";

Result<void> makeDir(const fs::path& dir, mode_t mode) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::Unavailable, "cannot create " + dir.string() + ": " + ec.message());
  if (::chmod(dir.c_str(), mode) != 0) {
    return fail(ErrorCode::Unavailable,
                "cannot set the mode of " + dir.string() + ": " + std::strerror(errno));
  }
  return {};
}

Result<void> randomBytes(unsigned char* out, std::size_t size) {
  std::size_t filled = 0;
  while (filled < size) {
    const ssize_t got = ::getrandom(out + filled, size - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::Internal, std::string("getrandom: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(got);
  }
  return {};
}

// Creates `path` with mode 0600 and `content`; refuses to overwrite (O_EXCL), so two servers
// starting on one data directory cannot swap each other's secret.
Result<void> writeSecretFile(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(errno == EEXIST ? ErrorCode::Conflict : ErrorCode::Unavailable,
                "cannot create " + path.string() + ": " + std::strerror(errno));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return fail(ErrorCode::Unavailable,
                  "cannot write " + path.string() + ": " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return fail(ErrorCode::Unavailable, "cannot write " + path.string());
  }
  return {};
}

Result<std::string> readTrimmed(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::Unavailable, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  value.erase(value.find_last_not_of(" \r\n\t") + 1);
  return value;
}

}  // namespace

Result<void> prepareDataDir(const fs::path& dataDir) {
  // 0711: sandbox boxes (other uids) must traverse it to reach the judge's work directories,
  // which carry their own group permissions; nobody else may list it.
  if (auto ok = makeDir(dataDir, 0711); !ok) return ok;
  return makeDir(dataDir / "secrets", 0700);
}

Result<void> createPrivateFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  if (errno == EEXIST) return {};
  return fail(ErrorCode::Unavailable, "cannot create " + path.string() + ": " + std::strerror(errno));
}

Result<std::string> loadOrCreateJwtSecret(const fs::path& dataDir) {
  const fs::path file = dataDir / "secrets" / "jwt-secret";
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    std::array<unsigned char, 64> bytes{};
    if (auto ok = randomBytes(bytes.data(), bytes.size()); !ok) return std::unexpected(ok.error());
    std::string hex;
    static constexpr char kDigits[] = "0123456789abcdef";
    for (unsigned char byte : bytes) {
      hex += kDigits[byte >> 4];
      hex += kDigits[byte & 0xF];
    }
    auto written = writeSecretFile(file, hex + "\n");
    if (!written && written.error().code != ErrorCode::Conflict) {
      return std::unexpected(written.error());
    }
  }
  auto secret = readTrimmed(file);
  if (secret && secret->size() < 32) {
    return fail(ErrorCode::InvalidArgument, file.string() + " holds a secret shorter than 32 bytes");
  }
  return secret;
}

std::string generatePassword(std::size_t length) {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  while (password.size() < length) {
    unsigned char byte = 0;
    if (!randomBytes(&byte, 1)) continue;
    // Rejection sampling keeps every character equally likely.
    if (byte >= 256 - 256 % kAlphabet.size()) continue;
    password += kAlphabet[byte % kAlphabet.size()];
  }
  return password;
}

Result<AdminAccount> ensureAdminAccount(storage::UserRepository& users, const fs::path& dataDir,
                                        const CreateAccount& createAccount) {
  AdminAccount admin{dataDir / "secrets" / "admin-password", std::nullopt};
  auto existing = users.findByUsername(kAdminName);
  if (existing) return admin;
  if (existing.error().code != ErrorCode::NotFound) return std::unexpected(existing.error());

  const std::string password = generatePassword();
  std::error_code ec;
  fs::remove(admin.passwordFile, ec);  // left over from a data directory whose database was reset
  if (auto ok = writeSecretFile(admin.passwordFile, password + "\n"); !ok) {
    return std::unexpected(ok.error());
  }
  auto created = createAccount("admin@codearena.local", kAdminName, password, model::Role::Admin);
  if (!created) return std::unexpected(created.error());
  admin.newPassword = password;
  return admin;
}

}  // namespace arena::server::app
