#include "features/auth/password_hasher.hpp"

#include <string>

#include <gtest/gtest.h>

namespace arena::server::auth {
namespace {

// The minimum argon2id cost keeps the suite fast; production uses PasswordHashCost::interactive().
class PasswordHasherTest : public ::testing::Test {
 protected:
  PasswordHasher hasher{PasswordHashCost::minimum()};
};

TEST_F(PasswordHasherTest, ProducesAnArgon2idString) {
  const auto hash = hasher.hash("correct horse battery");
  ASSERT_TRUE(hash.has_value()) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
}

TEST_F(PasswordHasherTest, VerifiesTheRightPasswordOnly) {
  const auto hash = hasher.hash("correct horse battery").value();
  EXPECT_TRUE(hasher.verify(hash, "correct horse battery"));
  EXPECT_FALSE(hasher.verify(hash, "correct horse batterY"));
  EXPECT_FALSE(hasher.verify(hash, "correct horse battery "));
  EXPECT_FALSE(hasher.verify(hash, ""));
}

TEST_F(PasswordHasherTest, SaltsEachHashDifferently) {
  const auto first = hasher.hash("same password").value();
  const auto second = hasher.hash("same password").value();
  EXPECT_NE(first, second);
  EXPECT_TRUE(hasher.verify(first, "same password"));
  EXPECT_TRUE(hasher.verify(second, "same password"));
}

TEST_F(PasswordHasherTest, AcceptsEightToOneHundredTwentyEightBytes) {
  EXPECT_TRUE(hasher.hash(std::string(8, 'p')).has_value());
  EXPECT_TRUE(hasher.hash(std::string(128, 'p')).has_value());
  EXPECT_TRUE(hasher.hash("pässwörd 日本語 🚀").has_value());
}

TEST_F(PasswordHasherTest, RefusesShortLongAndNulPasswords) {
  for (const auto& password :
       {std::string(7, 'p'), std::string(129, 'p'), std::string(1 << 20, 'p'),
        std::string("password\0suffix", 15), std::string("\0\0\0\0\0\0\0\0", 8)}) {
    const auto hash = hasher.hash(password);
    ASSERT_FALSE(hash.has_value()) << password.size();
    EXPECT_EQ(hash.error().code, ErrorCode::InvalidArgument);
  }
}

TEST_F(PasswordHasherTest, NulByteDoesNotTruncateTheComparedPassword) {
  const auto hash = hasher.hash("password").value();
  EXPECT_FALSE(hasher.verify(hash, std::string("password\0evil", 13)));
}

TEST_F(PasswordHasherTest, VerifyRefusesMalformedOrForeignHashes) {
  EXPECT_FALSE(hasher.verify("", "password"));
  EXPECT_FALSE(hasher.verify("plaintext-password", "plaintext-password"));
  EXPECT_FALSE(hasher.verify("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$", "password"));
  EXPECT_FALSE(hasher.verify(std::string(4096, '$'), "password"));
  EXPECT_FALSE(hasher.verify(std::string("$argon2id\0", 10), "password"));
}

TEST_F(PasswordHasherTest, NeedsRehashWhenTheCostOrAlgorithmDiffers) {
  const auto hash = hasher.hash("password").value();
  EXPECT_FALSE(hasher.needsRehash(hash));
  const PasswordHasher stronger{
      {PasswordHashCost::minimum().opsLimit + 1, PasswordHashCost::minimum().memLimit}};
  EXPECT_TRUE(stronger.needsRehash(hash));
  EXPECT_TRUE(hasher.needsRehash("garbage"));
  EXPECT_TRUE(hasher.needsRehash(""));
}

TEST(PasswordHashCostTest, InteractiveIsTheStrongerDefault) {
  const auto interactive = PasswordHashCost::interactive();
  const auto minimum = PasswordHashCost::minimum();
  EXPECT_GT(interactive.opsLimit, minimum.opsLimit);
  EXPECT_GT(interactive.memLimit, minimum.memLimit);
  EXPECT_EQ(PasswordHasher{}.cost().memLimit, interactive.memLimit);
}

}  // namespace
}  // namespace arena::server::auth
