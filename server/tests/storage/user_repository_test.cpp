#include <vector>

#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::storage::testing {
namespace {

class UserRepositoryTest : public StorageTest {};

TEST_P(UserRepositoryTest, CreatesAndFindsByIdEmailAndUsername) {
  auto created =
      storage().users().create({"ada@example.org", "ada", "$argon2id$hash", model::Role::Proctor});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_GT(created->user.id, 0);
  EXPECT_EQ(created->user.rating, 1500);
  EXPECT_DOUBLE_EQ(created->ratingDeviation, 350.0);
  EXPECT_DOUBLE_EQ(created->volatility, 0.06);

  for (auto found : {storage().users().findById(created->user.id),
                     storage().users().findByEmail("ada@example.org"),
                     storage().users().findByUsername("ada")}) {
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_EQ(*found, *created);
  }
}

TEST_P(UserRepositoryTest, DuplicateEmailOrUsernameIsAConflict) {
  makeUser("grace");
  auto sameEmail =
      storage().users().create({"grace@example.org", "other", "h", model::Role::Contestant});
  ASSERT_FALSE(sameEmail.has_value());
  EXPECT_EQ(sameEmail.error().code, ErrorCode::Conflict);
  auto sameName =
      storage().users().create({"other@example.org", "grace", "h", model::Role::Contestant});
  ASSERT_FALSE(sameName.has_value());
  EXPECT_EQ(sameName.error().code, ErrorCode::Conflict);
}

TEST_P(UserRepositoryTest, UnknownUsersAreNotFound) {
  EXPECT_EQ(storage().users().findById(424242).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().users().findByEmail("nobody@example.org").error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().users().findByUsername("nobody").error().code, ErrorCode::NotFound);
}

TEST_P(UserRepositoryTest, TrickyStringsRoundTripVerbatim) {
  int n = 0;
  for (const auto tricky : kTrickyStrings) {
    const std::string text{tricky};
    const std::string suffix = std::to_string(n++);
    auto created =
        storage().users().create({text + suffix, text + suffix, text, model::Role::Contestant});
    ASSERT_TRUE(created.has_value()) << created.error().message;
    auto found = storage().users().findByUsername(text + suffix);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_EQ(found->user.email, text + suffix);
    EXPECT_EQ(found->passwordHash, text);
  }
  // The injection attempts did nothing: every user is still there.
  EXPECT_TRUE(storage().users().findByUsername(std::string{kTrickyStrings[0]} + "0").has_value());
}

TEST_P(UserRepositoryTest, UpdatesRatingsTogetherOrNotAtAll) {
  const auto alice = makeUser("alice");
  const auto bob = makeUser("bob");
  const std::vector<RatingChange> duel{{alice, 1620, 300.5, 0.059, std::nullopt},
                                       {bob, 1410, 301.25, 0.061, std::nullopt}};
  ASSERT_TRUE(storage().users().updateRatings(duel).has_value());
  auto a = storage().users().findById(alice);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->user.rating, 1620);
  EXPECT_DOUBLE_EQ(a->ratingDeviation, 300.5);
  EXPECT_DOUBLE_EQ(a->volatility, 0.059);

  const std::vector<RatingChange> withUnknown{{alice, 1700, 250.0, 0.05, std::nullopt},
                                              {999999, 1, 1.0, 0.1, std::nullopt}};
  auto failed = storage().users().updateRatings(withUnknown);
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().users().findById(alice)->user.rating, 1620)
      << "the first change must be rolled back";
}

ARENA_STORAGE_BACKENDS(UserRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
