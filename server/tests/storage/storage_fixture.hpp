#pragma once
// One fixture for the whole storage suite, parameterised by backend: every repository test runs
// against SQLite (a fresh file in a temporary directory) and MySQL (a fresh database on the server
// named by ARENA_TEST_MYSQL_URL, dropped afterwards), so tests can run in parallel.
//
// Without ARENA_TEST_MYSQL_URL the MySQL half is skipped, or fails when CI is set: CI must never
// pass by skipping. tests/services/mariadb.sh starts a private server and prints the URL.

#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "storage/storage.hpp"

namespace arena::server::storage::testing {

enum class TestBackend { Sqlite, Mysql };

std::string backendName(const ::testing::TestParamInfo<TestBackend>& info);
// So that test listings read "GetParam() = Mysql" instead of a byte dump.
void PrintTo(TestBackend backend, std::ostream* out);

class StorageTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Storage& storage() { return *m_storage; }
  TestBackend backend() const { return GetParam(); }
  // The URL of this test's own database, to open more Storage objects on it.
  const std::string& url() const { return m_url; }
  std::unique_ptr<Storage> openAgain(const StorageOptions& options = {});

  // Test data with unique names.
  std::int64_t makeUser(const std::string& name, model::Role role = model::Role::Contestant);
  std::int64_t makeProblem(const std::string& slug);

 private:
  std::string m_url;
  std::string m_tempDir;             // SQLite
  std::string m_databaseName;        // MySQL
  std::unique_ptr<Storage> m_admin;  // MySQL: the connection that creates and drops m_databaseName
  std::unique_ptr<Storage> m_storage;
};

}  // namespace arena::server::storage::testing

#define ARENA_STORAGE_BACKENDS(Suite)                                           \
  INSTANTIATE_TEST_SUITE_P(                                                     \
      Backends, Suite,                                                          \
      ::testing::Values(::arena::server::storage::testing::TestBackend::Sqlite, \
                        ::arena::server::storage::testing::TestBackend::Mysql), \
      ::arena::server::storage::testing::backendName)
