// SubmissionService get/list/languages against both storage backends: privacy and paging.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "submission_service_fixture.hpp"

namespace arena::server::submissions::testing {
namespace {

class SubmissionReadingTest : public SubmissionServiceFixture {};

// ---- get ----

TEST_P(SubmissionReadingTest, OwnerAndProctorsReadASubmissionOthersGetNotFound) {
  const auto id = submitOk(m_alice, "secret solution");
  auto owners = m_service->get(m_alice, id);
  ASSERT_TRUE(owners.has_value()) << owners.error().message;
  EXPECT_EQ(owners->at("code"), "secret solution");
  EXPECT_EQ(owners->at("user_id"), m_alice.userId);
  EXPECT_TRUE(owners->at("tests").is_array());

  auto proctors = m_service->get(m_proctor, id);
  ASSERT_TRUE(proctors.has_value()) << proctors.error().message;
  EXPECT_EQ(*proctors, *owners);

  auto bobs = m_service->get(m_bob, id);
  ASSERT_FALSE(bobs.has_value());
  EXPECT_EQ(bobs.error().code, ErrorCode::NotFound);
  // Indistinguishable from an id that does not exist.
  auto missing = m_service->get(m_bob, id + 1000);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(bobs.error().message, "no submission with id " + std::to_string(id));
  EXPECT_EQ(missing.error().message, "no submission with id " + std::to_string(id + 1000));
}

TEST_P(SubmissionReadingTest, GetIncludesPerTestResultsOnceJudged) {
  const auto id = submitOk(m_alice);
  auto attempt = storage().submissions().claimForJudging(id);
  ASSERT_TRUE(attempt.has_value());
  ASSERT_TRUE(storage()
                  .submissions()
                  .recordResult(id, *attempt,
                                {model::Verdict::Accepted,
                                 20,
                                 1000,
                                 {{1, model::Verdict::Accepted, 10, 900},
                                  {2, model::Verdict::Accepted, 20, 1000}},
                                 kNow, std::nullopt})
                  .has_value());
  auto got = m_service->get(m_alice, id);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  EXPECT_EQ(got->at("verdict"), "AC");
  ASSERT_EQ(got->at("tests").size(), 2U);
  EXPECT_EQ(got->at("tests")[1].at("time_ms"), 20);
}

// ---- list ----

TEST_P(SubmissionReadingTest, PagingThrough45SubmissionsGives20Then20Then5WithoutDuplicates) {
  std::set<std::int64_t> created;
  for (int i = 0; i < 45; ++i) created.insert(submitOk(m_alice, "code " + std::to_string(i)));
  submitOk(m_bob);  // not alice's: must not show up

  std::set<std::int64_t> seen;
  std::vector<std::size_t> sizes;
  std::optional<std::string> cursor;
  std::int64_t previous = std::numeric_limits<std::int64_t>::max();
  for (int pages = 0; pages < 10; ++pages) {
    auto page = m_service->list(m_alice, {std::nullopt, "20", cursor});
    ASSERT_TRUE(page.has_value()) << page.error().message;
    const auto& items = page->at("submissions");
    sizes.push_back(items.size());
    for (const auto& item : items) {
      const auto id = item.at("id").get<std::int64_t>();
      EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
      EXPECT_LT(id, previous) << "not newest first";
      previous = id;
      EXPECT_FALSE(item.contains("code"));
      EXPECT_EQ(item.at("user_id"), m_alice.userId);
    }
    if (page->at("next_cursor").is_null()) break;
    cursor = page->at("next_cursor").get<std::string>();
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{20, 20, 5}));
  EXPECT_EQ(seen, created);
}

TEST_P(SubmissionReadingTest, ListDefaultsTo20AndRefusesOutOfRangeLimits) {
  for (int i = 0; i < 22; ++i) submitOk(m_alice);
  auto page = m_service->list(m_alice, {});
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->at("submissions").size(), 20U);
  EXPECT_TRUE(page->at("next_cursor").is_string());

  for (const char* limit : {"0", "101", "-1", "ten", "5x", "", " 5"}) {
    auto refusedPage = m_service->list(m_alice, {std::nullopt, limit, std::nullopt});
    ASSERT_FALSE(refusedPage.has_value()) << "limit '" << limit << "'";
    EXPECT_EQ(refusedPage.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refusedPage.error().message, "limit must be an integer from 1 to 100");
  }
  EXPECT_EQ(m_service->list(m_alice, {std::nullopt, "100", std::nullopt})->at("submissions").size(),
            22U);
}

TEST_P(SubmissionReadingTest, MalformedCursorIsRefused) {
  submitOk(m_alice);
  for (const char* cursor : {"", "abc", "1.", ".5", "-1.5", "1.-5", "1.2.3", "1.0", "+1.2", "1 .2",
                             "99999999999999999999.1", "1.99999999999999999999", "MTIzLjQ="}) {
    auto page = m_service->list(m_alice, {std::nullopt, std::nullopt, cursor});
    ASSERT_FALSE(page.has_value()) << "cursor '" << cursor << "'";
    EXPECT_EQ(page.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(page.error().message.find("malformed cursor"), std::string::npos);
  }
}

TEST_P(SubmissionReadingTest, OnlyProctorsListAnotherUsersSubmissions) {
  const auto id = submitOk(m_alice);
  const auto aliceId = std::to_string(m_alice.userId);

  auto bobs = m_service->list(m_bob, {aliceId, std::nullopt, std::nullopt});
  ASSERT_FALSE(bobs.has_value());
  EXPECT_EQ(bobs.error().code, ErrorCode::PermissionDenied);

  auto own = m_service->list(m_alice, {aliceId, std::nullopt, std::nullopt});
  ASSERT_TRUE(own.has_value()) << own.error().message;
  EXPECT_EQ(own->at("submissions").size(), 1U);

  auto proctors = m_service->list(m_proctor, {aliceId, std::nullopt, std::nullopt});
  ASSERT_TRUE(proctors.has_value()) << proctors.error().message;
  ASSERT_EQ(proctors->at("submissions").size(), 1U);
  EXPECT_EQ(proctors->at("submissions")[0].at("id"), id);

  auto bad = m_service->list(m_proctor, {"alice", std::nullopt, std::nullopt});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidArgument);
}

// ---- languages ----

TEST_P(SubmissionReadingTest, LanguagesListsIdsNamesAndExtensions) {
  EXPECT_EQ(m_service->languages(),
            (json{{"languages",
                   {{{"id", "cpp17"}, {"name", "C++17"}, {"extensions", {".cpp", ".cc"}}},
                    {{"id", "python3"}, {"name", "Python 3"}, {"extensions", {".py"}}}}}}));
}

ARENA_STORAGE_BACKENDS(SubmissionReadingTest);

}  // namespace
}  // namespace arena::server::submissions::testing
