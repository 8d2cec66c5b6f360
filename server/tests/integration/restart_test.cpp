// Nothing is lost: arena-server is killed with SIGKILL while submissions wait to be judged and
// started again on the same data; every submission is then judged, and judged exactly once
// (one verdict event each: a result is recorded only for the attempt that owns the submission).

#include <map>

#include "server_test.hpp"

namespace arena::server::testing {
namespace {

class RestartTest : public ServerTest {};

TEST_P(RestartTest, SubmissionsQueuedAtACrashAreJudgedExactlyOnceAfterRestart) {
  startServer(/*judges=*/1);
  const Account carol = registerUser("carol");
  const HttpResult problem = http().get("/api/problems/sum-of-two");
  ASSERT_EQ(problem.status, 200) << problem.body;
  const std::int64_t problemId = problem.json().at("id");

  constexpr int kSubmissions = 16;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kSubmissions; ++i) {
    const HttpResult submitted = http().post(
        "/api/submissions",
        {{"problem_id", problemId}, {"language", "python3"}, {"code", kSumPython}},
        carol.accessToken);
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    ids.push_back(submitted.json().at("id"));
  }
  int judgedBeforeCrash = 0;
  for (std::int64_t id : ids) {
    const HttpResult reply = http().get("/api/submissions/" + std::to_string(id), carol.accessToken);
    judgedBeforeCrash += reply.json().value("status", "") == "judged" ? 1 : 0;
  }
  server().kill();
  ASSERT_LT(judgedBeforeCrash, kSubmissions) << "nothing was left to recover: the test shows nothing";

  startServer(/*judges=*/1);
  for (std::int64_t id : ids) {
    const nlohmann::json judged = waitJudged(id, carol.accessToken, std::chrono::seconds(120));
    ASSERT_FALSE(judged.is_null()) << "submission " << id << " was never judged after the restart";
    EXPECT_EQ(judged.at("verdict"), "AC") << judged.dump();
  }

  const Account admin = loginAdmin();
  const HttpResult events = http().get("/api/analytics/events?type=verdict&limit=1000",
                                       admin.accessToken);
  ASSERT_EQ(events.status, 200) << events.body;
  std::map<std::int64_t, int> verdictsPerSubmission;
  const nlohmann::json recorded = events.json();
  for (const auto& event : recorded.at("events")) {
    ++verdictsPerSubmission[event.at("metadata").at("submission_id").get<std::int64_t>()];
  }
  for (std::int64_t id : ids) {
    EXPECT_EQ(verdictsPerSubmission[id], 1) << "submission " << id;
  }
  EXPECT_EQ(verdictsPerSubmission.size(), ids.size());
}

ARENA_STORAGE_BACKENDS(RestartTest);

}  // namespace
}  // namespace arena::server::testing
