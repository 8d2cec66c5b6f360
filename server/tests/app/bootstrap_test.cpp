#include "app/bootstrap.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "storage/storage.hpp"

namespace arena::server::app {
namespace {

namespace fs = std::filesystem;

class BootstrapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("arena-bootstrap-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static unsigned modeOf(const fs::path& path) {
    struct stat info{};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
  }

  fs::path m_dir;
};

TEST_F(BootstrapTest, TheDataDirectoryAndSecretsAreMadeWithTightModes) {
  ASSERT_TRUE(prepareDataDir(m_dir / "data"));
  EXPECT_EQ(modeOf(m_dir / "data"), 0711U);
  EXPECT_EQ(modeOf(m_dir / "data" / "secrets"), 0700U);

  auto secret = loadOrCreateJwtSecret(m_dir / "data");
  ASSERT_TRUE(secret) << secret.error().message;
  EXPECT_EQ(secret->size(), 128U);
  EXPECT_EQ(modeOf(m_dir / "data" / "secrets" / "jwt-secret"), 0600U);

  auto again = loadOrCreateJwtSecret(m_dir / "data");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *secret);  // made once, reused on every start
}

TEST_F(BootstrapTest, APrivateFileIsMadeOnceAndNeverTruncated) {
  ASSERT_TRUE(prepareDataDir(m_dir));
  ASSERT_TRUE(createPrivateFile(m_dir / "arena.db"));
  EXPECT_EQ(modeOf(m_dir / "arena.db"), 0600U);
  std::ofstream(m_dir / "arena.db") << "content";
  ASSERT_TRUE(createPrivateFile(m_dir / "arena.db"));
  std::string content;
  std::ifstream(m_dir / "arena.db") >> content;
  EXPECT_EQ(content, "content");
}

TEST_F(BootstrapTest, AShortSecretIsRefused) {
  ASSERT_TRUE(prepareDataDir(m_dir));
  std::ofstream(m_dir / "secrets" / "jwt-secret") << "short\n";
  auto secret = loadOrCreateJwtSecret(m_dir);
  ASSERT_FALSE(secret);
  EXPECT_EQ(secret.error().code, ErrorCode::InvalidArgument);
}

TEST_F(BootstrapTest, GeneratedPasswordsAreLongAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string password = generatePassword();
    EXPECT_EQ(password.size(), 20U);
    EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 50U);
}

TEST_F(BootstrapTest, TheAdminAccountIsMadeOnceWithItsPasswordStoredPrivately) {
  ASSERT_TRUE(prepareDataDir(m_dir));
  auto storage = storage::Storage::open("sqlite://" + (m_dir / "arena.db").string());
  ASSERT_TRUE(storage) << storage.error().message;
  int created = 0;
  CreateAccount create = [&](const std::string& email, const std::string& username,
                             const std::string& password,
                             model::Role role) -> Result<model::User> {
    ++created;
    EXPECT_EQ(role, model::Role::Admin);
    auto account = (*storage)->users().create({email, username, "hash-of-" + password, role});
    if (!account) return std::unexpected(account.error());
    return account->user;
  };

  auto first = ensureAdminAccount((*storage)->users(), m_dir, create);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->newPassword);
  EXPECT_EQ(modeOf(first->passwordFile), 0600U);
  std::string stored;
  std::ifstream(first->passwordFile) >> stored;
  EXPECT_EQ(stored, *first->newPassword);

  auto second = ensureAdminAccount((*storage)->users(), m_dir, create);
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->newPassword);
  EXPECT_EQ(created, 1);
}

}  // namespace
}  // namespace arena::server::app
