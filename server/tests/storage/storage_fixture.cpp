#include "storage_fixture.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "storage/sql/sql_database.hpp"
#include "storage/storage_url.hpp"

namespace arena::server::storage::testing {

namespace {

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::string mysqlUrl(const MysqlUrl& url, const std::string& database) {
  return "mysql://" + percentEncode(url.user) + ":" + percentEncode(url.password) + "@" + url.host +
         ":" + std::to_string(url.port) + "/" + database;
}

std::atomic<int> g_counter{0};

}  // namespace

std::string backendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::Sqlite ? "Sqlite" : "Mysql";
}

void PrintTo(TestBackend backend, std::ostream* out) {
  *out << (backend == TestBackend::Sqlite ? "Sqlite" : "Mysql");
}

void StorageTest::SetUp() {
  if (backend() == TestBackend::Sqlite) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "arena-storage-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_tempDir = pattern;
    m_url = "sqlite://" + m_tempDir + "/arena.db";
  } else {
    const char* base = std::getenv("ARENA_TEST_MYSQL_URL");
    if (base == nullptr || *base == '\0') {
      constexpr const char* kWhy =
          "ARENA_TEST_MYSQL_URL is not set: start a server with "
          "`export ARENA_TEST_MYSQL_URL=$(tests/services/mariadb.sh start)`";
      if (std::getenv("CI") != nullptr)
        FAIL() << kWhy << " (CI is set, so this is a failure, not a skip)";
      GTEST_SKIP() << kWhy;
    }
    auto parsed = parseStorageUrl(base);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_TRUE(std::holds_alternative<MysqlUrl>(*parsed))
        << "ARENA_TEST_MYSQL_URL must be a mysql:// URL";
    const auto& baseUrl = std::get<MysqlUrl>(*parsed);
    auto admin = Storage::open(base, {.poolSize = 1, .migrate = false});
    ASSERT_TRUE(admin.has_value()) << admin.error().message;
    m_admin = std::move(*admin);
    m_databaseName = "arena_test_" + std::to_string(::getpid()) + "_" + std::to_string(g_counter++);
    auto created = m_admin->database().exclusive([&](sql::SqlSession& session) {
      return session.executeScript("DROP DATABASE IF EXISTS " + m_databaseName +
                                   "; CREATE DATABASE " + m_databaseName +
                                   " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    });
    ASSERT_TRUE(created.has_value()) << created.error().message;
    m_url = mysqlUrl(baseUrl, m_databaseName);
  }
  auto opened = Storage::open(m_url);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  m_storage = std::move(*opened);
}

void StorageTest::TearDown() {
  m_storage.reset();
  if (m_admin && !m_databaseName.empty()) {
    auto dropped = m_admin->database().exclusive([&](sql::SqlSession& session) {
      return session.executeScript("DROP DATABASE IF EXISTS " + m_databaseName);
    });
    EXPECT_TRUE(dropped.has_value()) << dropped.error().message;
  }
  m_admin.reset();
  if (!m_tempDir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(m_tempDir, ignored);
  }
}

std::unique_ptr<Storage> StorageTest::openAgain(const StorageOptions& options) {
  auto opened = Storage::open(m_url, options);
  EXPECT_TRUE(opened.has_value()) << opened.error().message;
  return opened ? std::move(*opened) : nullptr;
}

std::int64_t StorageTest::makeUser(const std::string& name, model::Role role) {
  auto user = storage().users().create(
      {name + "@example.org", name, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", role});
  EXPECT_TRUE(user.has_value()) << user.error().message;
  return user ? user->user.id : 0;
}

std::int64_t StorageTest::makeProblem(const std::string& slug) {
  model::Problem problem;
  problem.slug = slug;
  problem.title = "Problem " + slug;
  problem.description = "Add two numbers.";
  auto created = storage().problems().create(problem);
  EXPECT_TRUE(created.has_value()) << created.error().message;
  return created ? created->problem.id : 0;
}

}  // namespace arena::server::storage::testing
