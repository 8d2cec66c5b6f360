// The proctor routes through the real Dispatcher on both storage backends: access, content
// types, body limits, the JSON and HTML answers of an import, rejudge and status.
#include "features/proctor/proctor_routes.hpp"

#include <gtest/gtest.h>

#include "judge_queue_double.hpp"
#include "route_harness.hpp"
#include "storage_fixture.hpp"

namespace arena::server::proctor {
namespace {

using storage::testing::StorageTest;
using testing::RouteHarness;

class ProctorRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    queue = std::make_unique<testing::RecordingJudgeQueue>(storage().submissions());
    importer = std::make_unique<AccountImporter>(
        storage().users(), auth::PasswordHasher(auth::PasswordHashCost::minimum()));
    rejudge = std::make_unique<RejudgeService>(storage().submissions(), storage().problems(),
                                               *queue);
    registerProctorRoutes(harness.router(), *importer, *rejudge, [] {
      ServerStatus status;
      status.queueDepth = 3;
      status.judgesConfigured = 2;
      status.judgesRunning = 1;
      status.liveClients = 7;
      status.serverTime = Timestamp{std::chrono::milliseconds{1'764'115'200'000}};
      status.version = "9.9.9";
      return status;
    });
    harness.addToken("proctor", {makeUser("proctor", model::Role::Proctor), "proctor",
                                 model::Role::Proctor});
    harness.addToken("alice", {makeUser("alice"), "alice", model::Role::Contestant});
  }

  http::Response importCsv(const std::string& body, std::map<std::string, std::string> query = {},
                           const std::string& contentType = "text/csv") {
    return harness.call("POST", "/api/admin/accounts/import", "proctor", std::move(query), body,
                        contentType);
  }

  RouteHarness harness;
  std::unique_ptr<testing::RecordingJudgeQueue> queue;
  std::unique_ptr<AccountImporter> importer;
  std::unique_ptr<RejudgeService> rejudge;
};

TEST_P(ProctorRoutesTest, ImportAnswersTheAccountsWithTheirPasswordsOnce) {
  const auto response = importCsv("username,name\nann,Ann\nbob,Bob\n");
  ASSERT_EQ(response.status, 201) << response.bodyView();
  const auto body = RouteHarness::json(response);
  EXPECT_EQ(body["count"], 2);
  ASSERT_EQ(body["accounts"].size(), 2u);
  EXPECT_EQ(body["accounts"][0]["username"], "ann");
  EXPECT_EQ(body["accounts"][0]["display_name"], "Ann");
  EXPECT_EQ(body["accounts"][0]["email"], "ann@accounts.invalid");
  EXPECT_EQ(body["accounts"][0]["password"].get<std::string>().size(), 14u);
  EXPECT_TRUE(body["accounts"][1]["id"].is_number_integer());
}

TEST_P(ProctorRoutesTest, TsvWithACharsetIsAccepted) {
  const auto response =
      importCsv("ann\tAnn Lee\n", {}, "text/tab-separated-values; charset=utf-8");
  ASSERT_EQ(response.status, 201) << response.bodyView();
  EXPECT_EQ(RouteHarness::json(response)["accounts"][0]["display_name"], "Ann Lee");
}

TEST_P(ProctorRoutesTest, TheHtmlSheetEscapesEverythingFromTheFile) {
  const auto response =
      importCsv("ann,\"<script>alert('x')</script> & co\"\n",
                {{"format", "html"}, {"title", "Finals <2026>"}});
  ASSERT_EQ(response.status, 201) << response.bodyView();
  EXPECT_EQ(response.contentType, "text/html; charset=utf-8");
  const std::string html(response.bodyView());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"),
            std::string::npos);
  EXPECT_NE(html.find("Finals &lt;2026&gt;"), std::string::npos);
  EXPECT_NE(html.find("class=\"card\""), std::string::npos);
}

TEST_P(ProctorRoutesTest, ABadRowIsA400NamingTheLineAndCreatesNothing) {
  const auto response = importCsv("ann\nbob\nann\n");
  EXPECT_EQ(response.status, 400);
  const auto body = RouteHarness::json(response);
  EXPECT_EQ(body["error"]["message"], "line 3: username 'ann' repeats line 1");
  EXPECT_FALSE(storage().users().findByUsername("bob"));
}

TEST_P(ProctorRoutesTest, ImportRefusesOtherContentTypesFormatsAndHugeBodies) {
  EXPECT_EQ(importCsv("ann\n", {}, "application/json").status, 415);
  EXPECT_EQ(importCsv("ann\n", {{"format", "pdf"}}).status, 400);
  EXPECT_EQ(importCsv(std::string(10 * 1024 * 1024, 'a')).status, 413);
  EXPECT_FALSE(storage().users().findByUsername("ann"));
}

TEST_P(ProctorRoutesTest, OnlyProctorsReachTheTools) {
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/api/admin/accounts/import"},
      {"POST", "/api/submissions/1/rejudge"},
      {"POST", "/api/problems/sum/rejudge"},
      {"GET", "/api/admin/status"}};
  for (const auto& [method, path] : routes) {
    EXPECT_EQ(harness.call(method, path).status, 401) << path;
    EXPECT_EQ(harness.call(method, path, "alice", {}, "ann\n", "text/csv").status, 403) << path;
  }
  EXPECT_FALSE(storage().users().findByUsername("ann"));
}

TEST_P(ProctorRoutesTest, RejudgeAnswers202WithTheCount) {
  const std::int64_t user = makeUser("submitter");
  const std::int64_t problem = makeProblem("sum");
  storage::NewSubmission submission;
  submission.userId = user;
  submission.problemId = problem;
  submission.language = "cpp";
  submission.code = "int main(){}";
  const auto id = storage().submissions().create(submission)->record.submission.id;
  (void)storage().submissions().create(submission);

  auto one = harness.call("POST", "/api/submissions/" + std::to_string(id) + "/rejudge", "proctor");
  EXPECT_EQ(one.status, 202) << one.bodyView();
  EXPECT_EQ(RouteHarness::json(one)["rejudged"], 1);
  auto all = harness.call("POST", "/api/problems/sum/rejudge", "proctor");
  EXPECT_EQ(all.status, 202);
  EXPECT_EQ(RouteHarness::json(all)["rejudged"], 2);
  EXPECT_EQ(harness.call("POST", "/api/submissions/abc/rejudge", "proctor").status, 404);
  EXPECT_EQ(harness.call("POST", "/api/submissions/99999/rejudge", "proctor").status, 404);
  EXPECT_EQ(harness.call("POST", "/api/problems/nope/rejudge", "proctor").status, 404);
  EXPECT_EQ(queue->pushed().size(), 3u);
}

TEST_P(ProctorRoutesTest, StatusShowsTheQueueJudgesClientsAndTime) {
  const auto response = harness.call("GET", "/api/admin/status", "proctor");
  ASSERT_EQ(response.status, 200);
  const auto body = RouteHarness::json(response);
  EXPECT_EQ(body["queue_depth"], 3);
  EXPECT_EQ(body["judges"]["configured"], 2);
  EXPECT_EQ(body["judges"]["running"], 1);
  EXPECT_EQ(body["live_clients"], 7);
  EXPECT_EQ(body["server_time"], "2025-11-26T00:00:00.000Z");
  EXPECT_EQ(body["server_time_ms"], 1'764'115'200'000);
  EXPECT_EQ(body["version"], "9.9.9");
}

ARENA_STORAGE_BACKENDS(ProctorRoutesTest);

}  // namespace
}  // namespace arena::server::proctor
