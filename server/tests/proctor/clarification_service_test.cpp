// Clarifications on both storage backends: who may ask and read what, answers private or to
// all, announcements, the live events each publishes and the text rules.
#include "features/clarifications/clarification_service.hpp"

#include <gtest/gtest.h>

#include "features/clarifications/clarification_text.hpp"
#include "storage_fixture.hpp"

namespace arena::server::clarifications {
namespace {

using storage::testing::StorageTest;

class ClarificationServiceTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    events.subscribe([this](const live::Event& event) { published.push_back(event); });
    service = std::make_unique<ClarificationService>(
        storage().clarifications(), storage().contests(), events,
        [] { return Timestamp{std::chrono::milliseconds{1'800'000'000'000}}; });
    ann = {makeUser("ann"), "ann", model::Role::Contestant};
    bob = {makeUser("bob"), "bob", model::Role::Contestant};
    outsider = {makeUser("outsider"), "outsider", model::Role::Contestant};
    jury = {makeUser("jury", model::Role::Proctor), "jury", model::Role::Proctor};
    problemId = makeProblem("sum");
    otherProblemId = makeProblem("not-in-contest");
    storage::ContestRecord record;
    record.contest.name = "Finals";
    record.contest.startsAt = Timestamp{std::chrono::milliseconds{1'700'000'000'000}};
    record.contest.problems = {{problemId, "A", "#ff0000"}};
    auto contest = storage().contests().create(record);
    ASSERT_TRUE(contest) << contest.error().message;
    contestId = contest->contest.id;
    ASSERT_TRUE(storage().contests().addTeam(contestId, "Ann", {ann.userId}));
    ASSERT_TRUE(storage().contests().addTeam(contestId, "Bob", {bob.userId}));
  }

  std::int64_t askAsAnn(const std::string& question) {
    auto asked = service->ask(ann, contestId, {{"question", question}, {"problem_id", problemId}});
    EXPECT_TRUE(asked) << asked.error().message;
    return asked ? asked->at("id").get<std::int64_t>() : 0;
  }

  std::vector<nlohmann::json> listFor(const http::Principal& who) {
    auto list = service->list(who, contestId);
    EXPECT_TRUE(list) << list.error().message;
    if (!list) return {};
    return list->at("clarifications").get<std::vector<nlohmann::json>>();
  }

  live::InProcessEventBus events;
  std::vector<live::Event> published;
  std::unique_ptr<ClarificationService> service;
  http::Principal ann, bob, outsider, jury;
  std::int64_t problemId = 0;
  std::int64_t otherProblemId = 0;
  std::int64_t contestId = 0;
};

TEST_P(ClarificationServiceTest, AQuestionReachesTheJuryChannelWithItsAsker) {
  const std::int64_t id = askAsAnn("  Is n ever zero?  ");
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].channel, "contest:" + std::to_string(contestId) + ":jury");
  EXPECT_EQ(published[0].type, "clarification.new");
  const auto data = nlohmann::json::parse(published[0].data);
  EXPECT_EQ(data["id"], id);
  EXPECT_EQ(data["question"], "Is n ever zero?") << "surrounding whitespace trimmed";
  EXPECT_EQ(data["from_user_id"], ann.userId);
  EXPECT_EQ(data["problem_id"], problemId);
  EXPECT_EQ(data["kind"], "clarification");
  EXPECT_TRUE(data["answer"].is_null());
}

TEST_P(ClarificationServiceTest, APrivateAnswerGoesOnlyToTheAsker) {
  const std::int64_t id = askAsAnn("Is n ever zero?");
  published.clear();
  auto answered = service->answer(jury, id, {{"answer", "No."}});
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ((*answered)["visibility"], "private");
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].channel, "user:" + std::to_string(ann.userId));
  EXPECT_EQ(published[0].type, "clarification.answered");
  EXPECT_EQ(nlohmann::json::parse(published[0].data)["answer"], "No.");
  EXPECT_EQ(published[1].channel, "contest:" + std::to_string(contestId) + ":jury");

  EXPECT_EQ(listFor(ann).size(), 1u);
  EXPECT_TRUE(listFor(bob).empty()) << "bob sees nothing of ann's private exchange";
  EXPECT_EQ(listFor(jury).size(), 1u);
}

TEST_P(ClarificationServiceTest, AnAnswerToAllReachesTheContestWithoutNamingTheAsker) {
  const std::int64_t id = askAsAnn("Is n ever zero?");
  published.clear();
  ASSERT_TRUE(service->answer(jury, id, {{"answer", "No, n >= 1."}, {"to_all", true}}));
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0].channel, "contest:" + std::to_string(contestId));
  const auto data = nlohmann::json::parse(published[0].data);
  EXPECT_TRUE(data["from_user_id"].is_null());
  EXPECT_EQ(data["visibility"], "all");

  const auto bobs = listFor(bob);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0]["answer"], "No, n >= 1.");
  EXPECT_TRUE(bobs[0]["from_user_id"].is_null());
  EXPECT_EQ(listFor(ann)[0]["from_user_id"], ann.userId) << "the asker sees it is theirs";
}

TEST_P(ClarificationServiceTest, AnnouncementsAreVisibleToEveryParticipant) {
  auto announced = service->announce(jury, contestId, {{"text", "Problem A: n <= 10^9."}});
  ASSERT_TRUE(announced) << announced.error().message;
  EXPECT_EQ((*announced)["kind"], "announcement");
  EXPECT_TRUE((*announced)["question"].is_null());
  ASSERT_FALSE(published.empty());
  EXPECT_EQ(published[0].channel, "contest:" + std::to_string(contestId));
  EXPECT_EQ(published[0].type, "announcement");
  EXPECT_EQ(listFor(bob).size(), 1u);
  EXPECT_EQ(listFor(ann).size(), 1u);

  auto answered = service->answer(jury, (*announced)["id"].get<std::int64_t>(), {{"answer", "x"}});
  ASSERT_FALSE(answered);
  EXPECT_EQ(answered.error().code, ErrorCode::Conflict);
}

TEST_P(ClarificationServiceTest, OutsidersMayNeitherAskNorRead) {
  auto asked = service->ask(outsider, contestId, {{"question", "Hello?"}});
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().code, ErrorCode::PermissionDenied);
  auto listed = service->list(outsider, contestId);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, ErrorCode::PermissionDenied);
  EXPECT_TRUE(published.empty());
}

TEST_P(ClarificationServiceTest, UnknownContestsProblemsAndClarificationsAreNotFound) {
  EXPECT_EQ(service->ask(ann, contestId + 1000, {{"question", "?"}}).error().code,
            ErrorCode::NotFound);
  EXPECT_EQ(service->ask(ann, contestId, {{"question", "?"}, {"problem_id", otherProblemId}})
                .error()
                .code,
            ErrorCode::NotFound);
  EXPECT_EQ(service->answer(jury, 424242, {{"answer", "x"}}).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(published.empty());
}

TEST_P(ClarificationServiceTest, BadTextIsRefusedBeforeAnythingIsStored) {
  for (const nlohmann::json& body :
       {nlohmann::json{{"question", "   \n\t "}}, nlohmann::json{{"question", std::string(2001, 'q')}},
        nlohmann::json{{"question", "bell\x07"}}, nlohmann::json{{"question", 42}},
        nlohmann::json{{"question", "ok"}, {"problem_id", "A"}}, nlohmann::json::object()}) {
    auto asked = service->ask(ann, contestId, body);
    ASSERT_FALSE(asked) << body.dump();
    EXPECT_EQ(asked.error().code, ErrorCode::InvalidArgument) << body.dump();
  }
  EXPECT_TRUE(listFor(jury).empty());
  EXPECT_TRUE(published.empty());
}

TEST_P(ClarificationServiceTest, ASecondAnswerReplacesTheFirst) {
  const std::int64_t id = askAsAnn("Is n ever zero?");
  ASSERT_TRUE(service->answer(jury, id, {{"answer", "No."}}));
  ASSERT_TRUE(service->answer(jury, id, {{"answer", "No; see the statement."}, {"to_all", true}}));
  const auto bobs = listFor(bob);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0]["answer"], "No; see the statement.");
}

TEST(ClarificationTextTest, KeepsLineBreaksAndUnicodeAndRefusesControls) {
  EXPECT_EQ(checkClarificationText(" a\nb\tc ", "q", 10).value_or(""), "a\nb\tc");
  EXPECT_EQ(checkClarificationText("n ≤ 10⁹", "q", 100).value_or(""), "n ≤ 10⁹");
  EXPECT_FALSE(checkClarificationText("\xc3", "q", 10));
  EXPECT_FALSE(checkClarificationText(std::string("a\0b", 3), "q", 10));
  EXPECT_FALSE(checkClarificationText("x\x7f", "q", 10));
  EXPECT_FALSE(checkClarificationText("abcdefghijk", "q", 10));
}

ARENA_STORAGE_BACKENDS(ClarificationServiceTest);

}  // namespace
}  // namespace arena::server::clarifications
