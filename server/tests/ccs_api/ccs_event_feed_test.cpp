// The Contest API's event feed on both storage backends: every object type appears, resuming
// with since_token has no gaps nor duplicates, updates are events, end_of_updates ends a finished
// contest, the route hands the connection over (or answers 503 past the open-feed bound) after
// checking the caller and the token; and every
// endpoint's answer and every feed line validates against our JSON schemas (schemas/, by Python's
// jsonschema).

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ccs_test_support.hpp"

namespace arena::server::contests::testing {
namespace {

using nlohmann::json;

class CcsEventFeedTest : public CcsApiTestBase {};

TEST_P(CcsEventFeedTest, TheFeedHasEveryObjectTypeAndEndsWithEndOfUpdates) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 20min;
  ASSERT_TRUE(storage()
                  .clarifications()
                  .announce({contest, std::nullopt, m_proctor, "Welcome."}, m_now)
                  .has_value());
  playTwoSubmissions(contest);
  m_now = kStart + 3h;
  ASSERT_TRUE(m_service->unfreeze(contest).has_value());

  for (const char* who : {"proctor", "ada"}) {
    const auto events = feed(id, who);
    std::set<std::string> types;
    for (const auto& event : events) types.insert(event["type"].get<std::string>());
    EXPECT_EQ(types, (std::set<std::string>{"contest", "judgement-types", "languages", "problems",
                                            "teams", "submissions", "judgements", "runs",
                                            "clarifications", "state"}))
        << who;
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back()["type"], "state");
    EXPECT_TRUE(events.back()["data"]["end_of_updates"].is_string()) << events.back().dump();
    EXPECT_TRUE(events.back()["id"].is_null());
    // After end_of_updates the feed is complete: resuming gives nothing.
    EXPECT_TRUE(feed(id, who, events.back()["token"].get<std::string>()).empty());
  }
}

TEST_P(CcsEventFeedTest, ResumingWithSinceTokenHasNoGapsNorDuplicatesAndShowsUpdates) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 10min;
  const auto first = feed(id, "proctor");
  ASSERT_FALSE(first.empty());
  const std::string token = first.back()["token"];

  // A queued submission, then its verdict, then the freeze: each is an event after `token`.
  const auto queued = submit(contest, m_ada, m_problemA, 12min, std::nullopt);
  auto claimed = storage().submissions().claimForJudging(queued);
  ASSERT_TRUE(claimed.has_value());
  const auto second = feed(id, "proctor", token);
  ASSERT_FALSE(second.empty());
  std::optional<json> started;
  for (const auto& event : second) {
    if (event["type"] == "judgements") started = event;
  }
  ASSERT_TRUE(started) << "a judgement that started is an event";
  EXPECT_TRUE((*started)["data"]["end_time"].is_null());

  storage::JudgeResult result;
  result.verdict = model::Verdict::WrongAnswer;
  result.judgedAt = m_now;
  ASSERT_TRUE(storage().submissions().recordResult(queued, *claimed, result).has_value());
  m_now = kStart + 61min;
  const auto third = feed(id, "proctor", second.back()["token"].get<std::string>());
  bool ended = false;
  bool frozen = false;
  for (const auto& event : third) {
    if (event["type"] == "judgements" && event["id"] == (*started)["id"]) {
      ended = event["data"]["end_time"].is_string() && event["data"]["judgement_type_id"] == "WA";
    }
    if (event["type"] == "state") frozen = event["data"]["frozen"].is_string();
  }
  EXPECT_TRUE(ended) << "the judgement's end is an update of the same object";
  EXPECT_TRUE(frozen) << "the freeze is a state update";

  // The three windows are exactly the whole feed read from the start: no gap, no duplicate.
  std::vector<json> windows = first;
  windows.insert(windows.end(), second.begin(), second.end());
  windows.insert(windows.end(), third.begin(), third.end());
  const auto whole = feed(id, "proctor");
  ASSERT_EQ(windows.size(), whole.size());
  EXPECT_EQ(json(windows), json(whole));
  std::set<std::string> tokens;
  for (const auto& event : whole) {
    EXPECT_TRUE(tokens.insert(event["token"].get<std::string>()).second) << event.dump();
  }
  // Asking again adds nothing: nothing changed.
  EXPECT_TRUE(feed(id, "proctor", whole.back()["token"].get<std::string>()).empty());
}

TEST_P(CcsEventFeedTest, FeedsBeyondTheOpenFeedBoundAnswerUnavailableInTheErrorShape) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 10min;
  const std::string path = "/contests/" + id + "/event-feed";
  // shortWaits() allows 4 open feeds: four handed-over responses hold their places.
  std::vector<http::Response> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(get(path, "proctor"));
    ASSERT_EQ(open.back().status, 200) << open.back().bodyView();
  }
  const auto refused = get(path, "ada");
  EXPECT_EQ(refused.status, 503);
  EXPECT_FALSE(refused.stream);
  const json body = RouteHarness::body(refused);
  EXPECT_EQ(body["error"]["status"], 503) << refused.bodyView();
  EXPECT_TRUE(body["error"]["message"].get<std::string>().find("since_token") != std::string::npos);
  EXPECT_EQ(m_ccs->feeds().reservedSlots(), 4u);
  // A response that never reached the handoff gives its place back when dropped.
  open.pop_back();
  EXPECT_EQ(get(path, "ada").status, 200);
  // The checks come first: a bad token or an unknown contest is refused even when full.
  open.push_back(get(path, "proctor"));
  EXPECT_EQ(get(path + "?since_token=abc", "proctor").status, 400);
  expectNotFound(get("/contests/999999/event-feed", "proctor"));
}

TEST_P(CcsEventFeedTest, ThePublicFeedGetsFrozenJudgementsOnlyAfterTheThaw) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 80min;
  const auto [adaAc, bobWa] = playTwoSubmissions(contest);
  auto judgedIn = [](const std::vector<json>& events) {
    std::set<std::string> out;
    for (const auto& event : events) {
      if (event["type"] == "judgements")
        out.insert(event["data"]["submission_id"].get<std::string>());
    }
    return out;
  };
  const auto before = feed(id);
  EXPECT_EQ(judgedIn(before), std::set<std::string>{std::to_string(adaAc)});
  m_now = kStart + 3h;
  ASSERT_TRUE(m_service->unfreeze(contest).has_value());
  const auto after = feed(id, std::nullopt, before.back()["token"].get<std::string>());
  EXPECT_EQ(judgedIn(after), std::set<std::string>{std::to_string(bobWa)});
  EXPECT_TRUE(after.back()["data"]["thawed"].is_string());
}

// Every endpoint (jury and public) and every feed line against our schemas, by jsonschema.
TEST_P(CcsEventFeedTest, EveryAnswerValidatesAgainstTheSchemas) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 20min;
  auto& clars = storage().clarifications();
  auto question = clars.ask({contest, m_problemA, m_ada, "Is n positive?"}, m_now);
  ASSERT_TRUE(question.has_value());
  ASSERT_TRUE(clars.answer(question->id, m_proctor, "Yes.", false, m_now).has_value());
  ASSERT_TRUE(clars.announce({contest, std::nullopt, m_proctor, "Hi."}, m_now).has_value());
  m_now = kStart + 80min;
  playTwoSubmissions(contest);
  submit(contest, m_ada, m_problemB, 75min, std::nullopt);

  const std::string backend =
      GetParam() == storage::testing::TestBackend::Sqlite ? "sqlite" : "mysql";
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    ("ccs-" + std::to_string(::getpid()) + "-" + backend);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int n = 0;
  auto dump = [&](const std::string& schema, const std::string& text) {
    std::ofstream(dir / (schema + "." + std::to_string(n++) + ".json")) << text;
  };
  const std::vector<std::pair<std::string, std::string>> endpoints{
      {"contest", ""},
      {"state", "/state"},
      {"scoreboard", "/scoreboard"},
      {"judgement-type", "/judgement-types"},
      {"language", "/languages"},
      {"problem", "/problems"},
      {"organization", "/organizations"},
      {"team", "/teams"},
      {"submission", "/submissions"},
      {"judgement", "/judgements"},
      {"run", "/runs"},
      {"clarification", "/clarifications"}};
  for (const std::optional<std::string>& who :
       {std::optional<std::string>{}, std::optional<std::string>{"ada"},
        std::optional<std::string>{"proctor"}}) {
    dump("api-info", std::string(get("", who).bodyView()));
    dump("contest", std::string(get("/contests", who).bodyView()));
    for (const auto& [schema, path] : endpoints) {
      const auto response = get("/contests/" + id + path, who);
      ASSERT_EQ(response.status, 200) << path;
      dump(schema, std::string(response.bodyView()));
    }
    std::ofstream(dir / ("feed." + std::to_string(n++) + ".ndjson"))
        << get("/contests/" + id + "/event-feed", who).bodyView();
  }
  m_now = kStart + 3h;  // the end, the thaw and end_of_updates
  ASSERT_TRUE(m_service->unfreeze(contest).has_value());
  storage::JudgeResult result;
  const auto pending = storage().contests().submissions(contest);
  for (const auto& submission : *pending) {
    if (submission.status == model::SubmissionStatus::Judged) continue;
    auto attempt = storage().submissions().claimForJudging(submission.id);
    ASSERT_TRUE(attempt.has_value());
    result.judgedAt = m_now;
    ASSERT_TRUE(storage().submissions().recordResult(submission.id, *attempt, result).has_value());
  }
  std::ofstream(dir / "feed.final.ndjson")
      << get("/contests/" + id + "/event-feed", "proctor").bodyView();
  dump("scoreboard", std::string(get("/contests/" + id + "/scoreboard").bodyView()));

  const std::string command = std::string("python3 '") + ARENA_CCS_VALIDATOR + "' '" +
                              ARENA_CCS_SCHEMAS_DIR + "' '" + dir.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;

  // The validator can fail: a submission whose id is a number is refused.
  std::ofstream(dir / "submission.broken.json")
      << R"({"id":1,"language_id":"cpp17","problem_id":"1","team_id":"1","time":"2026-03-15T09:00:00.000Z","contest_time":"0:01:00.000","files":[]})";
  EXPECT_NE(std::system((command + " > /dev/null").c_str()), 0);
  std::filesystem::remove_all(dir);
}

ARENA_STORAGE_BACKENDS(CcsEventFeedTest);

}  // namespace
}  // namespace arena::server::contests::testing
