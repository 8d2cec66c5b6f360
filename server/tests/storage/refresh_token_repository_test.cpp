#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::storage::testing {
namespace {

class RefreshTokenRepositoryTest : public StorageTest {
 protected:
  RefreshToken token(std::string hash, std::string family) {
    return {std::move(hash),
            m_user,
            std::move(family),
            Timestamp{std::chrono::seconds{1000}},
            Timestamp{std::chrono::seconds{2000}},
            false,
            false};
  }
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_user = makeUser("holder");
  }
  std::int64_t m_user = 0;
};

TEST_P(RefreshTokenRepositoryTest, StoresFindsAndUsesOnce) {
  ASSERT_TRUE(storage().refreshTokens().store(token("hash-1", "family-1")).has_value());
  auto found = storage().refreshTokens().find("hash-1");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(*found, token("hash-1", "family-1"));

  EXPECT_EQ(storage().refreshTokens().markUsed("hash-1"), true);
  EXPECT_EQ(storage().refreshTokens().markUsed("hash-1"), false) << "a replay is reported";
  EXPECT_TRUE(storage().refreshTokens().find("hash-1")->used);
}

TEST_P(RefreshTokenRepositoryTest, RevokesAWholeFamily) {
  ASSERT_TRUE(storage().refreshTokens().store(token("a1", "family-a")));
  ASSERT_TRUE(storage().refreshTokens().store(token("a2", "family-a")));
  ASSERT_TRUE(storage().refreshTokens().store(token("b1", "family-b")));
  EXPECT_EQ(storage().refreshTokens().revokeFamily("family-a"), 2);
  EXPECT_EQ(storage().refreshTokens().revokeFamily("family-a"), 0);
  EXPECT_TRUE(storage().refreshTokens().find("a1")->revoked);
  EXPECT_TRUE(storage().refreshTokens().find("a2")->revoked);
  EXPECT_FALSE(storage().refreshTokens().find("b1")->revoked);
}

TEST_P(RefreshTokenRepositoryTest, DuplicatesConflictAndUnknownsAreNotFound) {
  ASSERT_TRUE(storage().refreshTokens().store(token("same", "f")));
  EXPECT_EQ(storage().refreshTokens().store(token("same", "f")).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().refreshTokens().find("missing").error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().refreshTokens().markUsed("missing").error().code, ErrorCode::NotFound);
  auto orphan = token("orphan", "f");
  orphan.userId = 7777777;
  EXPECT_EQ(storage().refreshTokens().store(orphan).error().code, ErrorCode::NotFound);
}

TEST_P(RefreshTokenRepositoryTest, TrickyStringsRoundTripVerbatim) {
  for (const auto tricky : kTrickyStrings) {
    const std::string text{tricky};
    ASSERT_TRUE(storage().refreshTokens().store(token(text, text)).has_value());
    EXPECT_EQ(*storage().refreshTokens().find(text), token(text, text));
  }
}

ARENA_STORAGE_BACKENDS(RefreshTokenRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
