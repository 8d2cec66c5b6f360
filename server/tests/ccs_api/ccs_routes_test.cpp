// The ICPC Contest API's endpoints through the real Dispatcher on both storage backends: the
// shape of every object (contest, state, problems, teams, languages, judgement types,
// submissions, judgements, runs) as the jury and the public see it.

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ccs_test_support.hpp"

namespace arena::server::contests::testing {
namespace {

using nlohmann::json;

class CcsRoutesTest : public CcsApiTestBase {};

TEST_P(CcsRoutesTest, ApiInformationNamesTheVersion) {
  const json info = getJson("");
  EXPECT_EQ(info["version"], "2023-06");
  EXPECT_EQ(info["provider"]["name"], "CodeArena");
}

TEST_P(CcsRoutesTest, TheContestIsDescribedInTheApiShape) {
  const auto id = std::to_string(makeContestWithAdaAndBob("public"));
  const json contest = getJson("/contests/" + id);
  EXPECT_EQ(contest["id"], id);
  EXPECT_EQ(contest["name"], "Spring Cup");
  EXPECT_EQ(contest["start_time"], "2026-03-15T09:00:00.000Z");
  EXPECT_EQ(contest["duration"], "2:00:00.000");
  EXPECT_EQ(contest["scoreboard_freeze_duration"], "1:00:00.000");
  EXPECT_EQ(contest["scoreboard_type"], "pass-fail");
  EXPECT_EQ(contest["penalty_time"], 20);
  EXPECT_EQ(ids(getJson("/contests")), std::set<std::string>{id});

  const json state = getJson("/contests/" + id + "/state");
  EXPECT_TRUE(state["started"].is_null());  // an hour before the start
  m_now = kStart + 61min;
  const json later = getJson("/contests/" + id + "/state");
  EXPECT_EQ(later["started"], "2026-03-15T09:00:00.000Z");
  EXPECT_EQ(later["frozen"], "2026-03-15T10:00:00.000Z");
  EXPECT_TRUE(later["ended"].is_null());
}

TEST_P(CcsRoutesTest, ProblemsAppearToThePublicOnlyFromTheStart) {
  const auto id = std::to_string(makeContestWithAdaAndBob("public"));
  EXPECT_TRUE(getJson("/contests/" + id + "/problems").empty());
  EXPECT_TRUE(getJson("/contests/" + id + "/problems", "ada").empty());
  EXPECT_EQ(getJson("/contests/" + id + "/problems", "proctor").size(), 2u);
  m_now = kStart + 1min;
  const json problems = getJson("/contests/" + id + "/problems");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0]["id"], std::to_string(m_problemA));
  EXPECT_EQ(problems[0]["label"], "A");
  EXPECT_EQ(problems[0]["rgb"], "#ff0000");
  EXPECT_EQ(problems[0]["ordinal"], 0);
  EXPECT_FALSE(problems[1].contains("rgb"));  // B has no colour
  EXPECT_EQ(problems[1]["label"], "B");
  EXPECT_TRUE(problems[0]["test_data_count"].is_number_integer());
  EXPECT_EQ(getJson("/contests/" + id + "/problems/" + std::to_string(m_problemB))["label"], "B");
}

TEST_P(CcsRoutesTest, TeamsLanguagesAndJudgementTypesAreListed) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  const json teams = getJson("/contests/" + id + "/teams");
  EXPECT_EQ(ids(teams), (std::set<std::string>{std::to_string(teamOf(m_ada, contest)),
                                               std::to_string(teamOf(m_bob, contest))}));
  EXPECT_EQ(getJson("/contests/" + id + "/languages")[0]["id"], "cpp17");
  EXPECT_TRUE(getJson("/contests/" + id + "/organizations").empty());
  const json accepted = getJson("/contests/" + id + "/judgement-types/AC");
  EXPECT_EQ(accepted["solved"], true);
  EXPECT_EQ(accepted["penalty"], false);
  EXPECT_EQ(getJson("/contests/" + id + "/judgement-types/WA")["penalty"], true);
  EXPECT_EQ(getJson("/contests/" + id + "/judgement-types/CE")["penalty"], false);
  EXPECT_EQ(ids(getJson("/contests/" + id + "/judgement-types")),
            (std::set<std::string>{"AC", "WA", "TLE", "MLE", "RTE", "OLE", "CE", "JE", "SV"}));
}

TEST_P(CcsRoutesTest, SubmissionsJudgementsAndRunsCarryContestTimes) {
  const auto contest = makeContestWithAdaAndBob("public");
  const auto id = std::to_string(contest);
  m_now = kStart + 40min;
  const auto adaAc =
      submit(contest, m_ada, m_problemA, 30min, model::Verdict::Accepted,
             {{1, model::Verdict::Accepted, 12, 100}, {2, model::Verdict::Accepted, 34, 100}});
  const json submission = getJson("/contests/" + id + "/submissions/" + std::to_string(adaAc));
  EXPECT_EQ(submission["contest_time"], "0:30:00.000");
  EXPECT_EQ(submission["language_id"], "cpp17");
  EXPECT_EQ(submission["team_id"], std::to_string(teamOf(m_ada, contest)));
  EXPECT_EQ(submission["problem_id"], std::to_string(m_problemA));

  const json judgements = getJson("/contests/" + id + "/judgements");
  ASSERT_EQ(judgements.size(), 1u);
  EXPECT_EQ(judgements[0]["submission_id"], std::to_string(adaAc));
  EXPECT_EQ(judgements[0]["judgement_type_id"], "AC");
  EXPECT_EQ(judgements[0]["end_contest_time"], "0:30:00.000");

  const json runs = getJson("/contests/" + id + "/runs");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["judgement_id"], judgements[0]["id"]);
  EXPECT_EQ(runs[0]["ordinal"], 1);
  EXPECT_DOUBLE_EQ(runs[1]["run_time"].get<double>(), 0.034);

  // A queued submission has no judgement yet.
  submit(contest, m_bob, m_problemB, 35min, std::nullopt);
  EXPECT_EQ(getJson("/contests/" + id + "/submissions").size(), 2u);
  EXPECT_EQ(getJson("/contests/" + id + "/judgements").size(), 1u);
}

ARENA_STORAGE_BACKENDS(CcsRoutesTest);

}  // namespace
}  // namespace arena::server::contests::testing
