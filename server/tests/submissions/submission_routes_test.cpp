// The submission routes through the real Dispatcher, on both storage backends.

#include "features/submissions/submission_routes.hpp"

#include <gtest/gtest.h>

#include "judge_queue_double.hpp"
#include "route_harness.hpp"
#include "storage_fixture.hpp"

namespace arena::server::submissions {
namespace {

using nlohmann::json;
using storage::testing::StorageTest;

class SubmissionRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_harness.addToken("alice", {makeUser("alice"), "alice", model::Role::Contestant});
    m_harness.addToken("bob", {makeUser("bob"), "bob", model::Role::Contestant});
    m_problemId = makeProblem("a-plus-b");
    m_queue = std::make_unique<testing::RecordingJudgeQueue>(storage().submissions());
    m_service = std::make_unique<SubmissionService>(
        storage().submissions(), storage().problems(), storage().analytics(), *m_queue,
        [](const judging::PlaygroundRequest& request) -> Result<judging::PlaygroundResult> {
          return judging::PlaygroundResult{"OK", request.stdinData, "", "", 0, 1, 2};
        },
        std::vector<LanguageInfo>{{"cpp17", "C++17", {".cpp"}, {}}});
    registerSubmissionRoutes(m_harness.router(), *m_service);
  }

  http::Response post(const json& body, std::optional<std::string> token = "alice") {
    return m_harness.call("POST", "/api/submissions", std::move(token), {}, body.dump());
  }
  json submission(std::string code = "int main() {}") const {
    return {{"problem_id", m_problemId}, {"language", "cpp17"}, {"code", std::move(code)}};
  }

  testing::RouteHarness m_harness;
  std::int64_t m_problemId = 0;
  std::unique_ptr<testing::RecordingJudgeQueue> m_queue;
  std::unique_ptr<SubmissionService> m_service;
};

TEST_P(SubmissionRoutesTest, PostQueuesAndAnswers202ThenGetReturnsItToTheOwnerOnly) {
  const auto posted = post(submission("int main() { return 1; }"));
  ASSERT_EQ(posted.status, 202) << posted.bodyView();
  const auto id = testing::RouteHarness::json(posted).at("id").get<std::int64_t>();
  EXPECT_EQ(m_queue->pushed(), std::vector<std::int64_t>{id});

  const auto path = "/api/submissions/" + std::to_string(id);
  const auto owners = m_harness.call("GET", path, "alice");
  ASSERT_EQ(owners.status, 200) << owners.bodyView();
  EXPECT_EQ(testing::RouteHarness::json(owners).at("code"), "int main() { return 1; }");

  const auto bobs = m_harness.call("GET", path, "bob");
  EXPECT_EQ(bobs.status, 404);
  EXPECT_EQ(testing::RouteHarness::json(bobs).at("error").at("status"), 404);
  EXPECT_EQ(m_harness.call("GET", "/api/submissions/abc", "alice").status, 404);
  EXPECT_EQ(m_harness.call("GET", "/api/submissions/-1", "alice").status, 404);
  EXPECT_EQ(m_harness.call("GET", path).status, 401);
}

TEST_P(SubmissionRoutesTest, PostNeedsATokenAndAJsonBody) {
  EXPECT_EQ(post(submission(), std::nullopt).status, 401);
  const auto notJson = m_harness.call("POST", "/api/submissions", "alice", {}, "code=1",
                                      "application/x-www-form-urlencoded");
  EXPECT_EQ(notJson.status, 415);
  const auto malformed =
      m_harness.call("POST", "/api/submissions", "alice", {}, "{\"problem_id\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(m_queue->pushed().empty());
}

TEST_P(SubmissionRoutesTest, BadFieldsAnswer400WithTheErrorShape) {
  auto body = submission();
  body["language"] = "cobol";
  const auto refused = post(body);
  ASSERT_EQ(refused.status, 400);
  const auto error = testing::RouteHarness::json(refused).at("error");
  EXPECT_EQ(error.at("status"), 400);
  EXPECT_NE(error.at("message").get<std::string>().find("'cobol'"), std::string::npos);
  EXPECT_TRUE(error.at("type").is_string());

  body = submission();
  body["problem_id"] = m_problemId + 50;
  EXPECT_EQ(post(body).status, 404);
}

TEST_P(SubmissionRoutesTest, APlaygroundRunWithAMegabyteOfStdinFitsTheBodyLimit) {
  auto body = submission(std::string(60 * 1024, 'c'));
  body["stdin"] = std::string(1024 * 1024, '7');
  const auto ran = post(body);
  ASSERT_EQ(ran.status, 200) << ran.bodyView().substr(0, 300);
  const auto result = testing::RouteHarness::json(ran);
  EXPECT_TRUE(result.at("id").is_null());
  EXPECT_EQ(result.at("stdout").get<std::string>().size(), 1024U * 1024U);

  body["stdin"] = std::string(1024 * 1024 + 1, '7');
  EXPECT_EQ(post(body).status, 400);
  body["stdin"] = std::string(3 * 1024 * 1024, '7');
  EXPECT_EQ(post(body).status, 413);
}

TEST_P(SubmissionRoutesTest, ListPagesWithAnOpaqueCursor) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(post(submission()).status, 202);
  const auto first =
      m_harness.call("GET", "/api/submissions", "alice", {{"mine", "1"}, {"limit", "2"}});
  ASSERT_EQ(first.status, 200) << first.bodyView();
  const auto page = testing::RouteHarness::json(first);
  ASSERT_EQ(page.at("submissions").size(), 2U);
  const auto cursor = page.at("next_cursor").get<std::string>();

  const auto second = m_harness.call("GET", "/api/submissions", "alice",
                                     {{"mine", "1"}, {"limit", "2"}, {"cursor", cursor}});
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(testing::RouteHarness::json(second).at("submissions").size(), 1U);
  EXPECT_TRUE(testing::RouteHarness::json(second).at("next_cursor").is_null());

  EXPECT_EQ(m_harness.call("GET", "/api/submissions", "alice", {{"cursor", "garbage"}}).status,
            400);
  EXPECT_EQ(m_harness.call("GET", "/api/submissions", "bob").status, 200);
  EXPECT_EQ(testing::RouteHarness::json(m_harness.call("GET", "/api/submissions", "bob"))
                .at("submissions")
                .size(),
            0U);
}

TEST_P(SubmissionRoutesTest, LanguagesArePublic) {
  const auto response = m_harness.call("GET", "/api/languages");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(testing::RouteHarness::json(response).at("languages")[0].at("id"), "cpp17");
}

ARENA_STORAGE_BACKENDS(SubmissionRoutesTest);

}  // namespace
}  // namespace arena::server::submissions
