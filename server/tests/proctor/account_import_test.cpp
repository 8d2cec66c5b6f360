// Bulk account import on both storage backends: every row or none, errors naming the line,
// generated passwords that log in. Hashing uses argon2id's minimum cost to stay fast.
#include "features/proctor/account_import.hpp"

#include <set>

#include <gtest/gtest.h>

#include "features/proctor/readable_password.hpp"
#include "storage_fixture.hpp"

namespace arena::server::proctor {
namespace {

using storage::testing::StorageTest;

class AccountImportTest : public StorageTest {
 protected:
  auth::PasswordHasher hasher{auth::PasswordHashCost::minimum()};
  AccountImporter importer() { return AccountImporter(storage().users(), hasher); }

  bool exists(const std::string& username) {
    return storage().users().findByUsername(username).has_value();
  }
};

TEST_P(AccountImportTest, CreatesEveryRowWithAPasswordThatVerifies) {
  auto accounts = importer().import(
      "username,name,email\nann,Ann Lee,Ann@Example.org\nbob,,\ncyd,\"Team <Cyd>\"\n", ',');
  ASSERT_TRUE(accounts) << accounts.error().message;
  ASSERT_EQ(accounts->size(), 3u);
  EXPECT_EQ((*accounts)[0].user.email, "ann@example.org");
  EXPECT_EQ((*accounts)[0].displayName, "Ann Lee");
  EXPECT_EQ((*accounts)[1].displayName, "bob") << "no display name: the username";
  EXPECT_EQ((*accounts)[1].user.email, "bob@accounts.invalid");
  EXPECT_EQ((*accounts)[2].displayName, "Team <Cyd>");
  std::set<std::string> passwords;
  for (const ImportedAccount& account : *accounts) {
    EXPECT_GT(account.user.id, 0);
    EXPECT_EQ(account.user.role, model::Role::Contestant);
    passwords.insert(account.password);
    auto stored = storage().users().findByUsername(account.user.username);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->user.id, account.user.id);
    EXPECT_TRUE(hasher.verify(stored->passwordHash, account.password));
    EXPECT_FALSE(hasher.verify(stored->passwordHash, account.password + "x"));
  }
  EXPECT_EQ(passwords.size(), 3u) << "every account has its own password";
}

TEST_P(AccountImportTest, ATakenUsernameRefusesTheWholeFileNamingItsLine) {
  makeUser("taken");
  auto accounts = importer().import("first\nsecond\ntaken\nfourth\n", ',');
  ASSERT_FALSE(accounts);
  EXPECT_EQ(accounts.error().code, ErrorCode::Conflict);
  EXPECT_EQ(accounts.error().message, "line 3: username 'taken' is already taken");
  EXPECT_FALSE(exists("first"));
  EXPECT_FALSE(exists("fourth"));
}

TEST_P(AccountImportTest, ATakenEmailRefusesTheWholeFile) {
  const std::int64_t id = makeUser("owner");
  const std::string email = storage().users().findById(id)->user.email;
  auto accounts = importer().import("fresh,,other@example.org\nclash,," + email + "\n", ',');
  ASSERT_FALSE(accounts);
  EXPECT_EQ(accounts.error().code, ErrorCode::Conflict);
  EXPECT_NE(accounts.error().message.find("line 2: email"), std::string::npos);
  EXPECT_FALSE(exists("fresh"));
}

TEST_P(AccountImportTest, InvalidValuesNameTheirLine) {
  struct Case {
    std::string table;
    std::string prefix;
  };
  for (const Case& bad : {Case{"ann\nb b\n", "line 2: "}, Case{"ann\nx\n", "line 2: "},
                          Case{"ann,,not-an-email\n", "line 1: "},
                          Case{"ann,\"bell\x07\"\n", "line 1: the display name contains"},
                          Case{"ann,\"\xff\xfe\"\n", "line 1: the display name is not valid"},
                          Case{"ann,'; DROP TABLE users; --\n", ""}}) {
    auto accounts = importer().import(bad.table, ',');
    if (bad.prefix.empty()) {
      // Hostile-looking but valid: stored verbatim as a display name, nothing else happens.
      ASSERT_TRUE(accounts) << accounts.error().message;
      EXPECT_EQ((*accounts)[0].displayName, "'; DROP TABLE users; --");
      continue;
    }
    ASSERT_FALSE(accounts) << bad.table;
    EXPECT_EQ(accounts.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(accounts.error().message.rfind(bad.prefix, 0), 0u) << accounts.error().message;
    EXPECT_FALSE(exists("ann"));
  }
}

TEST_P(AccountImportTest, CreateManyRollsBackEveryRowOnAConflict) {
  makeUser("late");
  std::vector<storage::NewUser> users = {
      {"one@example.org", "one", "$argon2id$x", model::Role::Contestant},
      {"late-other@example.org", "late", "$argon2id$x", model::Role::Contestant}};
  auto created = storage().users().createMany(users);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::Conflict);
  EXPECT_NE(created.error().message.find("'late'"), std::string::npos);
  EXPECT_FALSE(exists("one")) << "the first insert was rolled back";
}

TEST_P(AccountImportTest, HashesOnSeveralThreadsAndKeepsRowOrder) {
  AccountImportOptions options;
  options.hashThreads = 4;
  AccountImporter parallel(storage().users(), hasher, options);
  std::string table;
  for (int i = 0; i < 40; ++i) table += "user" + std::to_string(i) + "\n";
  auto accounts = parallel.import(table, ',');
  ASSERT_TRUE(accounts) << accounts.error().message;
  ASSERT_EQ(accounts->size(), 40u);
  for (int i = 0; i < 40; ++i) {
    const ImportedAccount& account = (*accounts)[static_cast<std::size_t>(i)];
    EXPECT_EQ(account.user.username, "user" + std::to_string(i));
    auto stored = storage().users().findById(account.user.id);
    ASSERT_TRUE(stored);
    EXPECT_TRUE(hasher.verify(stored->passwordHash, account.password)) << i;
  }
}

TEST(ReadablePasswordTest, UsesOnlyUnambiguousCharactersInHyphenatedGroups) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string password = readablePassword();
    ASSERT_EQ(password.size(), 14u);
    EXPECT_EQ(password[4], '-');
    EXPECT_EQ(password[9], '-');
    for (std::size_t k = 0; k < password.size(); ++k) {
      if (k == 4 || k == 9) continue;
      EXPECT_NE(kReadableAlphabet.find(password[k]), std::string_view::npos) << password;
    }
    EXPECT_TRUE(auth::PasswordHasher::checkPassword(password));
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 200u);
  for (const char ambiguous : std::string_view("0Oo1lIiS5Z2B8")) {
    EXPECT_EQ(kReadableAlphabet.find(ambiguous), std::string_view::npos) << ambiguous;
  }
}

ARENA_STORAGE_BACKENDS(AccountImportTest);

}  // namespace
}  // namespace arena::server::proctor
