#include "features/auth/auth_service.hpp"

#include <array>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "features/auth/secure_random.hpp"
#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::auth {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using storage::testing::kTrickyStrings;
using storage::testing::StorageTest;

constexpr const char* kSecret = "auth-service-test-secret-0123456789abcdef";

// Every test runs on SQLite and MySQL, with a clock the test moves by hand.
class AuthServiceTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto jwt = Jwt::create(kSecret, [this] { return now; });
    ASSERT_TRUE(jwt.has_value());
    service = std::make_unique<AuthService>(
        storage().users(), storage().refreshTokens(), storage().analytics(),
        PasswordHasher(PasswordHashCost::minimum()), std::move(*jwt), [this] { return now; });
  }

  AuthTokens registered(const std::string& name, const std::string& password = "password-1") {
    auto tokens = service->registerUser({name + "@example.org", name, password});
    EXPECT_TRUE(tokens.has_value()) << tokens.error().message;
    return tokens.value_or(AuthTokens{});
  }

  static void expectError(const auto& result, ErrorCode code, std::string_view part = "") {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    if (!part.empty()) {
      EXPECT_NE(result.error().message.find(part), std::string::npos) << result.error().message;
    }
  }

  std::vector<storage::AnalyticsEvent> events(const std::string& type) {
    auto found = storage().analytics().query({type, now - days(1), now + days(1), 100});
    EXPECT_TRUE(found.has_value());
    return found.value_or(std::vector<storage::AnalyticsEvent>{});
  }

  Timestamp now = parseTimestamp("2026-11-25T10:00:00Z").value();
  std::unique_ptr<AuthService> service;
};

TEST_P(AuthServiceTest, RegisterCreatesAContestantWithWorkingTokens) {
  const auto tokens = registered("ann");
  EXPECT_GT(tokens.user.id, 0);
  EXPECT_EQ(tokens.user.username, "ann");
  EXPECT_EQ(tokens.user.email, "ann@example.org");
  EXPECT_EQ(tokens.user.role, model::Role::Contestant);
  EXPECT_EQ(tokens.expiresInSeconds, 900);
  EXPECT_EQ(tokens.refreshToken.size(), 43U);

  const auto principal = service->authenticate(tokens.accessToken);
  ASSERT_TRUE(principal.has_value()) << principal.error().message;
  EXPECT_EQ(principal->userId, tokens.user.id);
  EXPECT_EQ(principal->username, "ann");
  EXPECT_FALSE(principal->isProctor());

  // The password is stored as an argon2id hash and nowhere in the clear.
  const auto account = storage().users().findById(tokens.user.id).value();
  EXPECT_TRUE(account.passwordHash.starts_with("$argon2id$"));
  EXPECT_EQ(account.passwordHash.find("password-1"), std::string::npos);
}

TEST_P(AuthServiceTest, LoginWorksByEmailOrUsername) {
  const auto user = registered("bob").user;
  for (const char* login : {"bob@example.org", "bob", "BOB@Example.ORG"}) {
    const auto tokens = service->login({login, "password-1"});
    ASSERT_TRUE(tokens.has_value()) << login << ": " << tokens.error().message;
    EXPECT_EQ(tokens->user, user);
    EXPECT_TRUE(service->authenticate(tokens->accessToken).has_value());
  }
  // Usernames are case-sensitive identifiers; only email is normalised.
  expectError(service->login({"BOB", "password-1"}), ErrorCode::Unauthenticated);
}

TEST_P(AuthServiceTest, RefreshTokensAreStoredOnlyAsHashes) {
  const auto tokens = registered("hashy");
  EXPECT_FALSE(storage().refreshTokens().find(tokens.refreshToken).has_value());
  const auto stored = storage().refreshTokens().find(sha256Hex(tokens.refreshToken));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->userId, tokens.user.id);
  EXPECT_EQ(stored->expiresAt - stored->issuedAt, days(30));
}

TEST_P(AuthServiceTest, DuplicateEmailOrUsernameIsAConflictSayingWhich) {
  registered("carol");
  expectError(service->registerUser({"carol@example.org", "carol2", "password-1"}),
              ErrorCode::Conflict, "email");
  expectError(service->registerUser({"CAROL@example.org", "carol3", "password-1"}),
              ErrorCode::Conflict, "email");
  expectError(service->registerUser({"other@example.org", "carol", "password-1"}),
              ErrorCode::Conflict, "username");
  EXPECT_FALSE(storage().users().findByUsername("carol2").has_value());
}

TEST_P(AuthServiceTest, BadRegistrationsAreRefusedAndStoreNothing) {
  struct Case {
    std::string email, username, password, why;
  };
  const std::vector<Case> cases{
      {"not-an-email", "dave", "password-1", "email"},
      {"dave@localhost", "dave", "password-1", "email"},
      {std::string(250, 'd') + "@x.org", "dave", "password-1", "email"},
      {"dave@example.org", "da", "password-1", "username"},
      {"dave@example.org", std::string(33, 'd'), "password-1", "username"},
      {"dave@example.org", "dave lee", "password-1", "username"},
      {"dave@example.org", "dave", "short", "password"},
      {"dave@example.org", "dave", std::string(129, 'p'), "password"},
      {"dave@example.org", "dave", std::string("password\0x", 10), "password"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why + ": " + c.username);
    expectError(service->registerUser({c.email, c.username, c.password}),
                ErrorCode::InvalidArgument, c.why);
  }
  for (const auto tricky : kTrickyStrings) {
    expectError(service->registerUser({"eve@example.org", std::string(tricky), "password-1"}),
                ErrorCode::InvalidArgument, "username");
  }
  EXPECT_EQ(storage().users().findByEmail("dave@example.org").error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().users().findByEmail("eve@example.org").error().code, ErrorCode::NotFound);
  EXPECT_TRUE(events("register").empty());
}

TEST_P(AuthServiceTest, SqlMetacharactersInEmailAndPasswordAreStoredVerbatim) {
  const std::string email = "o'brien;--\"x\"`y`\\z%_?@example.org";
  const std::string password = "'); DROP TABLE users; --";
  const auto tokens = service->registerUser({email, "obrien", password});
  ASSERT_TRUE(tokens.has_value()) << tokens.error().message;
  EXPECT_EQ(tokens->user.email, email);
  EXPECT_EQ(storage().users().findByEmail(email)->user.id, tokens->user.id);
  EXPECT_TRUE(service->login({email, password}).has_value());

  int n = 0;
  for (const auto tricky : kTrickyStrings) {
    const std::string name = "tricky" + std::to_string(n++);
    ASSERT_TRUE(service->registerUser({name + "@example.org", name, std::string(tricky)}))
        << tricky;
    EXPECT_TRUE(service->login({name, std::string(tricky)}).has_value()) << tricky;
    EXPECT_FALSE(service->login({name, std::string(tricky) + "x"}).has_value()) << tricky;
  }
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownAccountLookTheSame) {
  registered("frank");
  const auto wrongPassword = service->login({"frank", "password-2"});
  const auto wrongEmailPassword = service->login({"frank@example.org", "password-2"});
  const auto unknownUser = service->login({"nobody", "password-1"});
  const auto unknownEmail = service->login({"nobody@example.org", "password-1"});
  const auto malformed = service->login({"@@@", "password-1"});
  const auto hostile = service->login({"' OR '1'='1", "' OR '1'='1"});
  for (const auto* result :
       {&wrongPassword, &wrongEmailPassword, &unknownUser, &unknownEmail, &malformed, &hostile}) {
    ASSERT_FALSE(result->has_value());
    EXPECT_EQ(result->error(), wrongPassword.error());
  }
  EXPECT_EQ(wrongPassword.error().code, ErrorCode::Unauthenticated);
  EXPECT_EQ(wrongPassword.error().message, "invalid credentials");
}

TEST_P(AuthServiceTest, RefreshRotatesWithinTheSameFamily) {
  const auto first = registered("grace");
  now += minutes(20);  // the access token has expired by now
  expectError(service->authenticate(first.accessToken), ErrorCode::Unauthenticated, "expired");

  const auto second = service->refresh(first.refreshToken);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_NE(second->refreshToken, first.refreshToken);
  EXPECT_NE(second->accessToken, first.accessToken);
  EXPECT_EQ(second->user, first.user);
  EXPECT_TRUE(service->authenticate(second->accessToken).has_value());

  const auto oldRow = storage().refreshTokens().find(sha256Hex(first.refreshToken)).value();
  const auto newRow = storage().refreshTokens().find(sha256Hex(second->refreshToken)).value();
  EXPECT_TRUE(oldRow.used);
  EXPECT_FALSE(newRow.used);
  EXPECT_EQ(newRow.familyId, oldRow.familyId);
  EXPECT_EQ(newRow.expiresAt, now + days(30));

  const auto third = service->refresh(second->refreshToken);
  ASSERT_TRUE(third.has_value()) << third.error().message;
}

TEST_P(AuthServiceTest, ReplayedRefreshTokenRevokesTheWholeFamily) {
  const auto first = registered("heidi");
  const auto otherSession = service->login({"heidi", "password-1"}).value();
  const auto second = service->refresh(first.refreshToken).value();

  // Someone presents the used token again: a thief or a victim, we cannot tell which.
  expectError(service->refresh(first.refreshToken), ErrorCode::Unauthenticated, "already used");
  // The newer token of that family dies with it...
  expectError(service->refresh(second.refreshToken), ErrorCode::Unauthenticated);
  EXPECT_TRUE(storage().refreshTokens().find(sha256Hex(second.refreshToken))->revoked);
  // ...and asking again does not resurrect anything.
  expectError(service->refresh(first.refreshToken), ErrorCode::Unauthenticated);
  // The user's other session is a different family and survives.
  EXPECT_TRUE(service->refresh(otherSession.refreshToken).has_value());
}

TEST_P(AuthServiceTest, ConcurrentUseOfOneRefreshTokenLeavesNoLiveToken) {
  // Two holders of the same token refresh at once: at most one gets new tokens, and since the
  // other one's attempt is a replay, the family ends up revoked whatever the interleaving.
  for (int round = 0; round < 8; ++round) {
    const auto tokens = registered("race" + std::to_string(round));
    std::array<Result<AuthTokens>, 2> results{fail(ErrorCode::Internal, "not run"),
                                              fail(ErrorCode::Internal, "not run")};
    std::latch start(2);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        results[i] = service->refresh(tokens.refreshToken);
      });
    }
    for (auto& thread : threads) thread.join();

    int successes = 0;
    for (const auto& result : results) {
      if (result) {
        ++successes;
        expectError(service->refresh(result->refreshToken), ErrorCode::Unauthenticated);
      } else {
        EXPECT_EQ(result.error().code, ErrorCode::Unauthenticated) << result.error().message;
      }
    }
    EXPECT_LE(successes, 1);
  }
}

TEST_P(AuthServiceTest, LogoutEndsTheSession) {
  const auto tokens = registered("ivan");
  const auto rotated = service->refresh(tokens.refreshToken).value();
  ASSERT_TRUE(service->logout(rotated.refreshToken).has_value());
  expectError(service->refresh(rotated.refreshToken), ErrorCode::Unauthenticated, "revoked");
  // Logging out again, even with the family's older token, is harmless.
  EXPECT_TRUE(service->logout(rotated.refreshToken).has_value());
  EXPECT_TRUE(service->logout(tokens.refreshToken).has_value());
  expectError(service->logout(std::string(43, 'A')), ErrorCode::Unauthenticated);
}

TEST_P(AuthServiceTest, ExpiredRefreshTokenIsRefused) {
  const auto tokens = registered("judy");
  const auto keep = service->login({"judy", "password-1"}).value();
  now += days(30) - minutes(1);
  EXPECT_TRUE(service->refresh(keep.refreshToken).has_value());
  now += minutes(1);
  expectError(service->refresh(tokens.refreshToken), ErrorCode::Unauthenticated, "expired");
}

TEST_P(AuthServiceTest, MalformedRefreshTokensAreRefused) {
  registered("ken");
  for (const auto& token :
       {std::string(), std::string("abc"), std::string(43, '!'), std::string(44, 'A'),
        std::string(1 << 20, 'A'), std::string(43, 'A'), std::string(kTrickyStrings[0])}) {
    expectError(service->refresh(token), ErrorCode::Unauthenticated);
    expectError(service->logout(token), ErrorCode::Unauthenticated);
  }
}

TEST_P(AuthServiceTest, AuthenticateRefusesBadTokens) {
  const auto tokens = registered("leo");
  for (const auto& token :
       {std::string(), std::string("Bearer ") + tokens.accessToken, tokens.refreshToken,
        tokens.accessToken + "x", std::string(kTrickyStrings[1])}) {
    expectError(service->authenticate(token), ErrorCode::Unauthenticated);
  }
  auto otherKey = Jwt::create("a-different-secret-0123456789abcdefghijkl", [this] { return now; });
  expectError(service->authenticate(otherKey->issue(tokens.user)), ErrorCode::Unauthenticated);
}

TEST_P(AuthServiceTest, LoginAndRegisterAreRecordedInAnalytics) {
  const auto user = registered("mia").user;
  ASSERT_TRUE(service->login({"mia", "password-1"}).has_value());
  ASSERT_TRUE(service->login({"mia@example.org", "password-1"}).has_value());
  ASSERT_FALSE(service->login({"mia", "wrong-password"}).has_value());
  ASSERT_TRUE(service->refresh(registered("ned").refreshToken).has_value());

  const auto logins = events("login");
  ASSERT_EQ(logins.size(), 2U);  // not the failed attempt, not the refresh
  for (const auto& event : logins) {
    EXPECT_EQ(event.userId, user.id);
    EXPECT_EQ(event.metadata, (nlohmann::json{{"method", "password"}}));
    EXPECT_EQ(event.occurredAt, now);
  }
  const auto registrations = events("register");
  ASSERT_EQ(registrations.size(), 2U);
  EXPECT_TRUE(registrations[0].userId == user.id || registrations[1].userId == user.id);
}

TEST_P(AuthServiceTest, RegistrationNeverGrantsMoreThanContestant) {
  // createAccount is the only way to another role; registerUser has no role to give.
  const auto proctor =
      service->createAccount("pat@example.org", "pat", "password-1", model::Role::Proctor);
  ASSERT_TRUE(proctor.has_value()) << proctor.error().message;
  EXPECT_EQ(proctor->role, model::Role::Proctor);
  const auto tokens = service->login({"pat", "password-1"}).value();
  EXPECT_TRUE(service->authenticate(tokens.accessToken)->isProctor());

  const auto contestant = registered("quinn");
  EXPECT_EQ(storage().users().findById(contestant.user.id)->user.role, model::Role::Contestant);
  EXPECT_FALSE(service->authenticate(contestant.accessToken)->isProctor());
}

TEST_P(AuthServiceTest, CreateAccountValidatesLikeRegistration) {
  expectError(service->createAccount("admin", "admin", "password-1", model::Role::Admin),
              ErrorCode::InvalidArgument, "email");
  expectError(service->createAccount("admin@example.org", "admin", "short", model::Role::Admin),
              ErrorCode::InvalidArgument, "password");
  ASSERT_TRUE(
      service->createAccount("admin@example.org", "admin", "password-1", model::Role::Admin));
  expectError(
      service->createAccount("admin@example.org", "admin", "password-1", model::Role::Admin),
      ErrorCode::Conflict);
}

TEST_P(AuthServiceTest, MeReturnsTheAccountOrUnauthenticated) {
  const auto tokens = registered("rita");
  EXPECT_EQ(service->me(tokens.user.id).value(), tokens.user);
  expectError(service->me(tokens.user.id + 1000), ErrorCode::Unauthenticated);
}

ARENA_STORAGE_BACKENDS(AuthServiceTest);

}  // namespace
}  // namespace arena::server::auth
