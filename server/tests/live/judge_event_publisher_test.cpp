// JudgeEvent -> live events, per the contract: which types, which channels, which fields.
#include "live/judge_event_publisher.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace arena::server::live {
namespace {

using judging::JudgeEvent;

JudgeEvent event(JudgeEvent::Stage stage) {
  JudgeEvent e;
  e.stage = stage;
  e.submissionId = 42;
  e.userId = 7;
  e.problemId = 3;
  e.test = 2;
  e.total = 5;
  return e;
}

std::vector<std::string> channels(const std::vector<Event>& events) {
  std::vector<std::string> names;
  for (const Event& e : events) names.push_back(e.channel);
  return names;
}

TEST(JudgeEventPublisherTest, CompilingIsProgressWithTestZeroForTheOwnerAndProctors) {
  const auto events = liveEventsFor(event(JudgeEvent::Stage::Compiling));
  ASSERT_EQ(channels(events), (std::vector<std::string>{"user:7", "submissions"}));
  EXPECT_EQ(events[0].type, "submission.progress");
  EXPECT_EQ(nlohmann::json::parse(events[0].data),
            nlohmann::json::parse(
                R"({"id":42,"problem_id":3,"stage":"compiling","test":0,"total":5})"));
  EXPECT_EQ(events[0].data, events[1].data);
}

TEST(JudgeEventPublisherTest, RunningIsProgressWithTheTestNumber) {
  const auto events = liveEventsFor(event(JudgeEvent::Stage::Running));
  EXPECT_EQ(events[0].type, "submission.progress");
  EXPECT_EQ(nlohmann::json::parse(events[0].data),
            nlohmann::json::parse(R"({"id":42,"problem_id":3,"stage":"running","test":2,"total":5})"));
}

TEST(JudgeEventPublisherTest, AFinishedTestCarriesItsVerdictTimeAndMemory) {
  JudgeEvent finished = event(JudgeEvent::Stage::TestFinished);
  finished.verdict = model::Verdict::TimeLimitExceeded;
  finished.timeMs = 1001;
  finished.memoryKb = 2048;
  const auto events = liveEventsFor(finished);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, "submission.test");
  EXPECT_EQ(nlohmann::json::parse(events[0].data),
            nlohmann::json::parse(R"({"id":42,"problem_id":3,"test":2,"total":5,"verdict":"TLE",
                                      "time_ms":1001,"memory_kb":2048})"));
}

TEST(JudgeEventPublisherTest, AnAcceptedVerdictAlsoChangesTheLeaderboard) {
  JudgeEvent judged = event(JudgeEvent::Stage::Judged);
  judged.verdict = model::Verdict::Accepted;
  judged.timeMs = 12;
  judged.memoryKb = 900;
  const auto events = liveEventsFor(judged);
  ASSERT_EQ(channels(events), (std::vector<std::string>{"user:7", "submissions", "leaderboard"}));
  EXPECT_EQ(events[0].type, "submission.verdict");
  EXPECT_EQ(nlohmann::json::parse(events[0].data),
            nlohmann::json::parse(R"({"id":42,"problem_id":3,"user_id":7,"verdict":"AC",
                                      "exec_time_ms":12,"memory_kb":900})"));
  EXPECT_EQ(events[2].type, "leaderboard.changed");
  EXPECT_EQ(events[2].data, "{}");
}

TEST(JudgeEventPublisherTest, OtherVerdictsLeaveTheLeaderboardAlone) {
  for (auto verdict : {model::Verdict::WrongAnswer, model::Verdict::CompileError,
                       model::Verdict::JudgeError}) {
    JudgeEvent judged = event(JudgeEvent::Stage::Judged);
    judged.verdict = verdict;
    EXPECT_EQ(liveEventsFor(judged).size(), 2u);
  }
}

TEST(JudgeEventPublisherTest, TheListenerPublishesEveryEventOnTheBus) {
  InProcessEventBus bus;
  std::vector<Event> heard;
  bus.subscribe([&heard](const Event& e) { heard.push_back(e); });
  const auto listener = JudgeEventPublisher(bus).listener();  // the publisher is a temporary
  JudgeEvent judged = event(JudgeEvent::Stage::Judged);
  judged.verdict = model::Verdict::Accepted;
  listener(judged);
  EXPECT_EQ(channels(heard), (std::vector<std::string>{"user:7", "submissions", "leaderboard"}));
}

}  // namespace
}  // namespace arena::server::live
