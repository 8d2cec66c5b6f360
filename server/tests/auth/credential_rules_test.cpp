#include "features/auth/credential_rules.hpp"

#include <string>

#include <gtest/gtest.h>

namespace arena::server::auth {
namespace {

TEST(CredentialRulesTest, AcceptsOrdinaryAndUnusualButValidEmails) {
  for (const char* email : {"ann@example.org", "a.b+tag@sub.example.co.uk", "o'brien@example.org",
                            "x;--@xn--bcher-kva.example", "\"quoted\"@example.org"}) {
    EXPECT_TRUE(normaliseEmail(email).has_value()) << email;
  }
}

TEST(CredentialRulesTest, LowerCasesTheWholeAddress) {
  EXPECT_EQ(normaliseEmail("Ann.Lee@Example.ORG").value(), "ann.lee@example.org");
}

TEST(CredentialRulesTest, RefusesMalformedEmails) {
  for (const char* email :
       {"", "ann", "@example.org", "ann@", "ann@localhost", "ann@@example.org", "a@b@example.org",
        "ann lee@example.org", "ann@exa mple.org", "ann@-example.org", "ann@example..org",
        "ann@example.org.", "ann@exa_mple.org", "ann\n@example.org", "ännä@example.org"}) {
    const auto result = normaliseEmail(email);
    ASSERT_FALSE(result.has_value()) << email;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_FALSE(normaliseEmail(std::string("ann\0x@example.org", 17)).has_value());
}

std::string emailOf(std::size_t localBytes, std::size_t lastLabelBytes) {
  return std::string(localBytes, 'a') + "@" + std::string(63, 'd') + "." + std::string(63, 'e') +
         "." + std::string(lastLabelBytes, 'f') + ".org";
}

TEST(CredentialRulesTest, BoundsEmailAndLocalPartLength) {
  ASSERT_EQ(emailOf(64, 57).size(), 254U);
  EXPECT_TRUE(normaliseEmail(emailOf(64, 57)).has_value());
  EXPECT_FALSE(normaliseEmail(emailOf(64, 58)).has_value());  // 255 bytes
  EXPECT_FALSE(normaliseEmail(emailOf(65, 10)).has_value());  // local part of 65 bytes
  EXPECT_FALSE(normaliseEmail(std::string(64, 'a') + "@" + std::string(64, 'd') + ".org"));
}

TEST(CredentialRulesTest, UsernamesAreThreeToThirtyTwoSafeCharacters) {
  EXPECT_TRUE(checkUsername("ann").has_value());
  EXPECT_TRUE(checkUsername("A.b_c-9").has_value());
  EXPECT_TRUE(checkUsername(std::string(32, 'z')).has_value());
  EXPECT_FALSE(checkUsername("ab").has_value());
  EXPECT_FALSE(checkUsername(std::string(33, 'z')).has_value());
  for (const char* name : {"ann lee", "ann@x", "o'brien", "semi;colon", "tab\tx", "ünï", "slash/x",
                           "back\\x", "<script>"}) {
    const auto result = checkUsername(name);
    ASSERT_FALSE(result.has_value()) << name;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  }
}

}  // namespace
}  // namespace arena::server::auth
