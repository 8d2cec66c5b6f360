#include "features/contests/contest_service.hpp"

#include "contest_test_support.hpp"

namespace arena::server::contests::testing {
namespace {

class ContestServiceTest : public ContestTestBase {};

const auto kAc = model::Verdict::Accepted;
const auto kWa = model::Verdict::WrongAnswer;

std::string stateOf(ContestService& service, std::int64_t id, const http::Principal& who) {
  auto contest = service.get(who, id);
  EXPECT_TRUE(contest.has_value()) << contest.error().message;
  return contest ? (*contest)["state"].get<std::string>() : "";
}

TEST_P(ContestServiceTest, StateFollowsTheClockFromScheduledToUnfrozen) {
  const auto id = makeContestWithAdaAndBob();
  const auto ada = principal(m_ada);
  m_now = kStart - 1min;
  EXPECT_EQ(stateOf(*m_service, id, ada), "scheduled");
  m_now = kStart;
  EXPECT_EQ(stateOf(*m_service, id, ada), "running");
  m_now = kStart + 60min;
  EXPECT_EQ(stateOf(*m_service, id, ada), "frozen");
  m_now = kStart + 120min;
  EXPECT_EQ(stateOf(*m_service, id, ada), "ended");
  EXPECT_TRUE((*m_service->get(ada, id))["scoreboard_frozen"].get<bool>());
  ASSERT_TRUE(m_service->unfreeze(id).has_value());
  EXPECT_EQ(stateOf(*m_service, id, ada), "unfrozen");
  EXPECT_FALSE((*m_service->get(ada, id))["scoreboard_frozen"].get<bool>());
  EXPECT_EQ((*m_service->get(ada, id))["server_time"], formatTimestamp(m_now));
}

TEST_P(ContestServiceTest, UnfreezeIsRefusedBeforeTheFreezeTwiceAndWithoutAFreeze) {
  const auto id = makeContestWithAdaAndBob();
  m_now = kStart + 30min;
  EXPECT_EQ(m_service->unfreeze(id).error().code, ErrorCode::Conflict);
  m_now = kStart + 90min;
  EXPECT_TRUE(m_service->unfreeze(id).has_value());
  EXPECT_EQ(m_service->unfreeze(id).error().code, ErrorCode::Conflict);
  auto body = contestBody();
  body.erase("freeze_after_seconds");
  EXPECT_EQ(m_service->unfreeze(makeContest(body)).error().code, ErrorCode::Conflict);
  EXPECT_EQ(m_service->unfreeze(id + 100).error().code, ErrorCode::NotFound);
}

TEST_P(ContestServiceTest, ProblemsAreHiddenFromContestantsBeforeTheStart) {
  const auto id = makeContestWithAdaAndBob();
  m_now = kStart - 1s;
  auto early = m_service->problems(principal(m_ada), id, "127.0.0.1");
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, ErrorCode::PermissionDenied);
  EXPECT_NE(early.error().message.find("has not started"), std::string::npos);
  EXPECT_FALSE((*m_service->get(principal(m_ada), id))["problems"][0].contains("problem_id"));
  const auto earlyBoard = board(id, std::nullopt, principal(m_ada));
  EXPECT_TRUE(earlyBoard["rows"].empty()) << "rows would name the problems";
  EXPECT_FALSE(earlyBoard["problems"][0].contains("problem_id"));
  EXPECT_EQ(earlyBoard["teams"].size(), 2u);
  EXPECT_EQ(board(id)["rows"].size(), 2u);
  // Proctors prepare the contest: they see everything.
  auto proctor = m_service->problems(principal(m_proctor, model::Role::Proctor), id, "");
  ASSERT_TRUE(proctor.has_value());
  m_now = kStart;
  auto open = m_service->problems(principal(m_ada), id, "127.0.0.1");
  ASSERT_TRUE(open.has_value()) << open.error().message;
  ASSERT_EQ((*open)["problems"].size(), 2u);
  EXPECT_EQ((*open)["problems"][0]["label"], "A");
  EXPECT_EQ((*open)["problems"][0]["slug"], "contest-a");
  EXPECT_EQ((*open)["problems"][0]["color"], "#ff0000");
}

TEST_P(ContestServiceTest, PrivateContestsAreInvisibleToOutsidersPublicOnesToNobody) {
  const auto hidden = makeContestWithAdaAndBob("private");
  const auto open = makeContestWithAdaAndBob("public");
  EXPECT_EQ(m_service->get(principal(m_outsider), hidden).error().code, ErrorCode::NotFound);
  EXPECT_EQ(m_service->get(std::nullopt, hidden).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(m_service->get(principal(m_ada), hidden).has_value());
  EXPECT_TRUE(m_service->get(std::nullopt, open).has_value());
  EXPECT_EQ((*m_service->list(principal(m_outsider)))["contests"].size(), 1u);
  EXPECT_EQ((*m_service->list(principal(m_ada)))["contests"].size(), 2u);
  EXPECT_EQ((*m_service->list(std::nullopt))["contests"].size(), 1u);
  EXPECT_TRUE(m_service->mayWatch(principal(m_ada), hidden).has_value());
  EXPECT_FALSE(m_service->mayWatch(principal(m_outsider), hidden).has_value());
  EXPECT_TRUE(m_service->mayWatch(principal(m_outsider), open).has_value());
}

TEST_P(ContestServiceTest, SubmissionsAreAdmittedOnlyWhileRunningByParticipantsForContestProblems) {
  const auto id = makeContestWithAdaAndBob();
  const auto ada = principal(m_ada);
  m_now = kStart - 1s;
  EXPECT_EQ(m_service->admit(ada, id, m_problemA, std::nullopt, "").error().code,
            ErrorCode::Conflict);
  m_now = kStart + 10min;
  auto admitted = m_service->admit(ada, id, m_problemA, std::nullopt, "");
  ASSERT_TRUE(admitted.has_value()) << admitted.error().message;
  EXPECT_EQ(admitted->contestId, id);
  EXPECT_FALSE(admitted->clientTime.has_value());
  // A client time during the contest does not count: the arrival time does.
  EXPECT_FALSE(m_service->admit(ada, id, m_problemA, kStart, "")->clientTime.has_value());
  EXPECT_EQ(m_service->admit(principal(m_outsider), id, m_problemA, std::nullopt, "")
                .error()
                .code,
            ErrorCode::NotFound)
      << "a private contest does not exist for outsiders";
  const auto open = makeContestWithAdaAndBob("public");
  EXPECT_EQ(m_service->admit(principal(m_outsider), open, m_problemA, std::nullopt, "")
                .error()
                .code,
            ErrorCode::PermissionDenied);
  const auto other = makeProblem("not-in-contest");
  EXPECT_EQ(m_service->admit(ada, id, other, std::nullopt, "").error().code,
            ErrorCode::InvalidArgument);
  m_now = kStart + 120min;
  auto late = m_service->admit(ada, id, m_problemA, std::nullopt, "");
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::Conflict);
  EXPECT_NE(late.error().message.find("submissions are closed"), std::string::npos);
}

TEST_P(ContestServiceTest, OfflineSubmissionsCountAtTheirLocalTimeOnlyWithinTheGrace) {
  const auto id = makeContestWithAdaAndBob();  // grace 600 s
  const auto ada = principal(m_ada);
  m_now = kStart + 125min;
  auto synced = m_service->admit(ada, id, m_problemA, kStart + 119min, "");
  ASSERT_TRUE(synced.has_value()) << synced.error().message;
  EXPECT_EQ(synced->clientTime, kStart + 119min);
  // A local time after the end, or before the start, is not an offline submission in time.
  EXPECT_FALSE(m_service->admit(ada, id, m_problemA, kStart + 121min, "").has_value());
  EXPECT_FALSE(m_service->admit(ada, id, m_problemA, kStart - 1min, "").has_value());
  m_now = kStart + 131min;
  auto tooLate = m_service->admit(ada, id, m_problemA, kStart + 119min, "");
  ASSERT_FALSE(tooLate.has_value());
  EXPECT_NE(tooLate.error().message.find("offline submissions were accepted until"),
            std::string::npos)
      << tooLate.error().message;
}

TEST_P(ContestServiceTest, AnAddressLockedContestServesOnlyItsRange) {
  auto body = contestBody();
  body["allowed_cidr"] = "10.1.0.0/16";
  const auto id = makeContest(body);
  ASSERT_TRUE(m_service->addParticipants(id, {{"users", {m_ada}}}).has_value());
  m_now = kStart + 5min;
  const auto ada = principal(m_ada);
  auto outside = m_service->admit(ada, id, m_problemA, std::nullopt, "192.168.0.9");
  ASSERT_FALSE(outside.has_value());
  EXPECT_EQ(outside.error().code, ErrorCode::PermissionDenied);
  EXPECT_NE(outside.error().message.find("10.1.0.0/16"), std::string::npos);
  EXPECT_EQ(m_service->problems(ada, id, "192.168.0.9").error().code,
            ErrorCode::PermissionDenied);
  EXPECT_TRUE(m_service->admit(ada, id, m_problemA, std::nullopt, "10.1.4.2").has_value());
  EXPECT_TRUE(m_service->problems(ada, id, "::ffff:10.1.4.2").has_value());
  EXPECT_TRUE(
      m_service->problems(principal(m_proctor, model::Role::Proctor), id, "8.8.8.8").has_value());
}

TEST_P(ContestServiceTest, ParticipantsJoinAsTeamsOfOneOrAsNamedTeams) {
  const auto id = makeContest(contestBody());
  const auto cy = makeUser("cy");
  auto added = m_service->addParticipants(
      id, {{"users", {m_ada}}, {"teams", {{{"name", "Pair"}, {"user_ids", {m_bob, cy}}}}}});
  ASSERT_TRUE(added.has_value()) << added.error().message;
  EXPECT_EQ((*added)["teams"].size(), 2u);
  EXPECT_EQ((*added)["teams"][0]["name"], "ada");
  EXPECT_TRUE((*added)["errors"].empty());
  // A repeat adds nothing and says why; a mixed batch adds what it can.
  auto again = m_service->addParticipants(id, {{"users", {m_ada}}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  auto mixed = m_service->addParticipants(id, {{"users", {m_ada, m_outsider, 999999}}});
  ASSERT_TRUE(mixed.has_value());
  EXPECT_EQ((*mixed)["teams"].size(), 1u);
  EXPECT_EQ((*mixed)["errors"].size(), 2u);
  EXPECT_EQ((*m_service->participants(id))["teams"].size(), 3u);
  EXPECT_EQ(m_service->addParticipants(id + 50, {{"users", {m_ada}}}).error().code,
            ErrorCode::NotFound);
}

TEST_P(ContestServiceTest, TheFrozenBoardHidesLateVerdictsTheJuryBoardDoesNot) {
  const auto id = makeContestWithAdaAndBob();
  const auto teams = *m_service->participants(id);
  const auto adaTeam = teams["teams"][0]["id"].get<std::int64_t>();
  const auto bobTeam = teams["teams"][1]["id"].get<std::int64_t>();
  m_now = kStart + 90min;
  submit(id, m_ada, m_problemA, 10min, kWa);
  submit(id, m_ada, m_problemA, 20min, kAc);
  submit(id, m_bob, m_problemB, 30min, kAc);
  submit(id, m_bob, m_problemA, 70min, kAc);  // after the freeze
  submit(id, m_ada, m_problemB, 80min, std::nullopt);  // not judged yet

  const auto open = board(id, std::nullopt, principal(m_ada));
  EXPECT_TRUE(open["frozen"].get<bool>());
  EXPECT_EQ(open["view"], "public");
  ASSERT_EQ(open["rows"].size(), 2u);
  // Public: both solved one; bob's penalty 30 < ada's 40, so bob leads; his A is pending.
  EXPECT_EQ(open["rows"][0]["team_id"], bobTeam);
  EXPECT_EQ(open["rows"][0]["score"]["num_solved"], 1);
  EXPECT_EQ(open["rows"][0]["problems"][0]["num_pending"], 1);
  EXPECT_FALSE(open["rows"][0]["problems"][0]["solved"].get<bool>());

  const auto jury = board(id, "jury");
  EXPECT_FALSE(jury["frozen"].get<bool>());
  EXPECT_EQ(jury["rows"][0]["team_id"], bobTeam);
  EXPECT_EQ(jury["rows"][0]["score"]["num_solved"], 2);
  EXPECT_EQ(jury["rows"][1]["team_id"], adaTeam);
  EXPECT_EQ(jury["rows"][1]["score"]["total_time"], 40);

  EXPECT_EQ(m_service->scoreboard(principal(m_ada), id, "jury").error().code,
            ErrorCode::PermissionDenied);
  EXPECT_EQ(m_service->scoreboard(principal(m_ada), id, "everything").error().code,
            ErrorCode::InvalidArgument);

  m_now = kStart + 130min;
  ASSERT_TRUE(m_service->unfreeze(id).has_value());
  const auto revealed = board(id, std::nullopt, principal(m_ada));
  EXPECT_FALSE(revealed["frozen"].get<bool>());
  EXPECT_EQ(revealed["rows"], jury["rows"]);
}

TEST_P(ContestServiceTest, VerdictsArePublishedAsChangedRowsOnThePublicAndJuryChannels) {
  const auto id = makeContestWithAdaAndBob();
  m_now = kStart + 90min;
  static_cast<void>(board(id));  // the board exists, so verdicts are applied incrementally
  m_bus.clear();
  submit(id, m_ada, m_problemA, 10min, kAc);
  auto events = m_bus.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].channel, "contest:" + std::to_string(id));
  EXPECT_EQ(events[0].type, "contest.scoreboard");
  const auto data = nlohmann::json::parse(events[0].data);
  EXPECT_EQ(data["contest_id"], id);
  EXPECT_EQ(data["view"], "public");
  EXPECT_EQ(data["rows"][0]["score"]["num_solved"], 1);
  EXPECT_EQ(events[1].channel, "contest:" + std::to_string(id) + ":jury");

  // After the freeze the public row changes only by a pending cell; the jury row by the solve.
  m_bus.clear();
  submit(id, m_bob, m_problemA, 70min, kAc);
  events = m_bus.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(events[0].data)["rows"][0]["score"]["num_solved"], 0);
  EXPECT_EQ(nlohmann::json::parse(events[1].data)["rows"][0]["score"]["num_solved"], 1);

  m_bus.clear();
  ASSERT_TRUE(m_service->unfreeze(id).has_value());
  events = m_bus.events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "contest.updated");
}

TEST_P(ContestServiceTest, TheIncrementalBoardEqualsOneRebuiltFromTheDatabase) {
  const auto id = makeContestWithAdaAndBob();
  m_now = kStart + 100min;
  static_cast<void>(board(id));
  submit(id, m_ada, m_problemA, 3min, kWa);
  submit(id, m_bob, m_problemA, 4min, model::Verdict::CompileError);
  submit(id, m_bob, m_problemA, 9min, kAc);
  const auto rejudged = submit(id, m_ada, m_problemB, 65min, kWa);
  submit(id, m_ada, m_problemA, 66min, kAc);
  m_boards->submissionChanged(rejudged);  // a duplicate event changes nothing
  m_boards->drain();
  const auto incremental = board(id, "jury");
  const auto frozen = board(id);

  ContestBoards fresh{storage().contests(), nullptr};
  ContestService restarted{storage().contests(), storage().users(), storage().problems(), fresh,
                           [this] { return m_now; }};
  const auto proctor = principal(m_proctor, model::Role::Proctor);
  EXPECT_EQ(nlohmann::json::parse(*restarted.scoreboard(proctor, id, "jury")), incremental);
  EXPECT_EQ(nlohmann::json::parse(*restarted.scoreboard(proctor, id, std::nullopt)), frozen);
}

TEST_P(ContestServiceTest, ExportIsTheFinalJuryBoardAsCsv) {
  const auto id = makeContestWithAdaAndBob();
  m_now = kStart + 100min;
  submit(id, m_ada, m_problemA, 10min, kWa);
  submit(id, m_ada, m_problemA, 20min, kAc);
  submit(id, m_bob, m_problemB, 70min, kAc);
  auto csv = m_service->exportCsv(id);
  ASSERT_TRUE(csv.has_value()) << csv.error().message;
  const auto teams = (*m_service->participants(id))["teams"];
  const std::string ada = std::to_string(teams[0]["id"].get<std::int64_t>());
  const std::string bob = std::to_string(teams[1]["id"].get<std::int64_t>());
  EXPECT_EQ(*csv, std::string("rank,team_id,team,solved,penalty,A,B\r\n") + "1," + ada +
                      ",ada,1,40,20+1,\r\n" + "2," + bob + ",bob,1,70,,70+0\r\n");
  EXPECT_EQ(m_service->exportCsv(id + 77).error().code, ErrorCode::NotFound);
}

TEST_P(ContestServiceTest, IoiContestsScoreTestsAsSubtasksBestPerSubtask) {
  ASSERT_TRUE(storage()
                  .problems()
                  .replaceTestCases(m_problemA, std::vector<model::TestCase>{
                                                    {0, 0, "1", "1", true},
                                                    {0, 0, "2", "2", false},
                                                    {0, 0, "3", "3", false},
                                                    {0, 0, "4", "4", false}})
                  .has_value());
  auto body = contestBody();
  body["rules"] = "ioi";
  body.erase("freeze_after_seconds");
  const auto id = makeContest(body);
  ASSERT_TRUE(m_service->addParticipants(id, {{"users", {m_ada}}}).has_value());
  m_now = kStart + 100min;
  using model::TestResult;
  submit(id, m_ada, m_problemA, 5min, kWa,
         {TestResult{1, kAc, 1, 1}, TestResult{2, kAc, 1, 1}, TestResult{3, kWa, 1, 1}});
  submit(id, m_ada, m_problemA, 6min, kWa,
         {TestResult{1, kAc, 1, 1}, TestResult{2, kWa, 1, 1}, TestResult{3, kAc, 1, 1}});
  const auto result = board(id, "jury");
  EXPECT_DOUBLE_EQ(result["rows"][0]["score"]["total"].get<double>(), 75.0);
  EXPECT_DOUBLE_EQ(result["rows"][0]["problems"][0]["score"].get<double>(), 75.0);
}

// One backend: the rules live above storage, and contest_repository_test covers both backends
// (MariaDB set-up costs seconds per test on a loaded machine).
INSTANTIATE_TEST_SUITE_P(Backends, ContestServiceTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::contests::testing
