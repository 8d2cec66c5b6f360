// Who sees what in the ICPC Contest API, through the real Dispatcher on both storage backends:
// private contests, the freeze (public vs. team vs. jury), private clarifications, and 404s in our
// error shape.

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ccs_test_support.hpp"

namespace arena::server::contests::testing {
namespace {

using nlohmann::json;

class CcsAccessTest : public CcsApiTestBase {};

TEST_P(CcsAccessTest, APrivateContestIsOnlyForItsTeamsAndTheJury) {
  const auto id = std::to_string(makeContestWithAdaAndBob("private"));
  expectNotFound(get("/contests/" + id));
  expectNotFound(get("/contests/" + id, "outsider"));
  expectNotFound(get("/contests/" + id + "/event-feed", "outsider"));
  expectNotFound(get("/contests/" + id + "/teams"));
  EXPECT_EQ(get("/contests/" + id, "ada").status, 200);
  EXPECT_EQ(get("/contests/" + id, "proctor").status, 200);
  EXPECT_TRUE(getJson("/contests").empty());
  EXPECT_TRUE(getJson("/contests", "outsider").empty());
  EXPECT_EQ(ids(getJson("/contests", "bob")), std::set<std::string>{id});
}

TEST_P(CcsAccessTest, UnknownContestsEndpointsAndObjectsAre404InOurErrorShape) {
  const auto id = std::to_string(makeContestWithAdaAndBob("public"));
  expectNotFound(get("/contests/999999"));
  expectNotFound(get("/contests/abc"));
  expectNotFound(get("/contests/-1/state"));
  expectNotFound(get("/contests/" + id + "/nonsense"));
  expectNotFound(get("/contests/" + id + "/judgement-types/XX"));
  expectNotFound(get("/contests/" + id + "/teams/999999", "proctor"));
  expectNotFound(get("/contests/" + id + "/state/1"));
  const auto badToken = get("/contests/" + id + "/event-feed?since_token=x%27", "proctor");
  EXPECT_EQ(badToken.status, 400) << badToken.bodyView();
  EXPECT_EQ(RouteHarness::body(badToken)["error"]["status"], 400);
}

TEST_P(CcsAccessTest, TheFreezeHidesNewerJudgementsFromThePublicButNotTheJuryOrTheTeam) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 80min;
  const auto [adaAc, bobWa] = playTwoSubmissions(contest);
  const std::string adaSub = std::to_string(adaAc);
  const std::string bobSub = std::to_string(bobWa);
  auto judgedSubmissions = [&](std::optional<std::string> who) {
    std::set<std::string> out;
    for (const auto& j : getJson("/contests/" + id + "/judgements", who)) {
      out.insert(j["submission_id"].get<std::string>());
    }
    return out;
  };
  EXPECT_EQ(getJson("/contests/" + id + "/submissions").size(), 2u);  // submissions are public
  EXPECT_EQ(judgedSubmissions(std::nullopt), std::set<std::string>{adaSub});
  EXPECT_EQ(judgedSubmissions("ada"), std::set<std::string>{adaSub});
  EXPECT_EQ(judgedSubmissions("bob"), (std::set<std::string>{adaSub, bobSub}));  // its own
  EXPECT_EQ(judgedSubmissions("proctor"), (std::set<std::string>{adaSub, bobSub}));
  EXPECT_EQ(getJson("/contests/" + id + "/runs").size(), 2u);  // ada's two tests only
  EXPECT_EQ(getJson("/contests/" + id + "/runs", "proctor").size(), 3u);

  auto bobCellB = [&](const json& board) {
    for (const auto& row : board["rows"]) {
      if (row["team_id"] != std::to_string(teamOf(m_bob, contest))) continue;
      for (const auto& cell : row["problems"]) {
        if (cell["problem_id"] == std::to_string(m_problemB)) return cell;
      }
    }
    return json{};
  };
  const json publicBoard = getJson("/contests/" + id + "/scoreboard");
  EXPECT_EQ(bobCellB(publicBoard)["num_pending"], 1);
  EXPECT_EQ(bobCellB(publicBoard)["num_judged"], 0);
  const json juryBoard = getJson("/contests/" + id + "/scoreboard", "proctor");
  EXPECT_EQ(bobCellB(juryBoard)["num_judged"], 1);
  EXPECT_EQ(bobCellB(juryBoard)["num_pending"], 0);
  EXPECT_EQ(juryBoard["rows"][0]["team_id"], std::to_string(teamOf(m_ada, contest)));
  EXPECT_EQ(juryBoard["rows"][0]["score"]["num_solved"], 1);
  EXPECT_EQ(juryBoard["rows"][0]["score"]["total_time"], 30);

  m_now = kStart + 3h;
  ASSERT_TRUE(m_service->unfreeze(contest).has_value());
  EXPECT_EQ(judgedSubmissions(std::nullopt), (std::set<std::string>{adaSub, bobSub}));
  EXPECT_EQ(bobCellB(getJson("/contests/" + id + "/scoreboard"))["num_judged"], 1);
}

TEST_P(CcsAccessTest, ClarificationsArePrivateToTheirTeamUntilAnsweredToAll) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 10min;
  auto& clars = storage().clarifications();
  auto adaQ = clars.ask({contest, m_problemA, m_ada, "Is n positive?"}, m_now);
  ASSERT_TRUE(adaQ.has_value());
  ASSERT_TRUE(clars.answer(adaQ->id, m_proctor, "Yes.", false, m_now + 1min).has_value());
  auto bobQ = clars.ask({contest, std::nullopt, m_bob, "Can I leave?"}, m_now);
  ASSERT_TRUE(bobQ.has_value());
  auto note = clars.announce({contest, std::nullopt, m_proctor, "Lunch at noon."}, m_now);
  ASSERT_TRUE(note.has_value());
  const std::string a = std::to_string(adaQ->id);
  const std::string b = std::to_string(bobQ->id);
  const std::string n = std::to_string(note->id);

  EXPECT_EQ(ids(getJson("/contests/" + id + "/clarifications")), std::set<std::string>{"n" + n});
  EXPECT_EQ(ids(getJson("/contests/" + id + "/clarifications", "ada")),
            (std::set<std::string>{"q" + a, "a" + a, "n" + n}));
  EXPECT_EQ(ids(getJson("/contests/" + id + "/clarifications", "bob")),
            (std::set<std::string>{"q" + b, "n" + n}));
  EXPECT_EQ(ids(getJson("/contests/" + id + "/clarifications", "proctor")),
            (std::set<std::string>{"q" + a, "a" + a, "q" + b, "n" + n}));
  const json answer = getJson("/contests/" + id + "/clarifications/a" + a, "ada");
  EXPECT_EQ(answer["reply_to_id"], "q" + a);
  EXPECT_EQ(answer["to_team_id"], std::to_string(teamOf(m_ada, contest)));
  EXPECT_TRUE(answer["from_team_id"].is_null());
  EXPECT_EQ(getJson("/contests/" + id + "/clarifications/q" + a, "ada")["from_team_id"],
            std::to_string(teamOf(m_ada, contest)));
  expectNotFound(get("/contests/" + id + "/clarifications/q" + a, "bob"));

  // Answered to all: the public sees the question and the answer.
  ASSERT_TRUE(clars.answer(bobQ->id, m_proctor, "No.", true, m_now + 2min).has_value());
  EXPECT_EQ(ids(getJson("/contests/" + id + "/clarifications")),
            (std::set<std::string>{"q" + b, "a" + b, "n" + n}));
  EXPECT_TRUE(getJson("/contests/" + id + "/clarifications/a" + b)["to_team_id"].is_null());
}
ARENA_STORAGE_BACKENDS(CcsAccessTest);

}  // namespace
}  // namespace arena::server::contests::testing
