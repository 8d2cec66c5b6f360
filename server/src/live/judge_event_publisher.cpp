#include "live/judge_event_publisher.hpp"

#include <nlohmann/json.hpp>

#include "arena/model/verdict.hpp"
#include "live/channels.hpp"

namespace arena::server::live {

namespace {

// A verdict the event should carry but does not: reported as JE rather than dropped.
std::string verdictName(const std::optional<model::Verdict>& verdict) {
  return std::string(model::enumName(verdict.value_or(model::Verdict::JudgeError)));
}

}  // namespace

std::vector<Event> liveEventsFor(const judging::JudgeEvent& event) {
  using Stage = judging::JudgeEvent::Stage;
  std::string type;
  nlohmann::json data = {{"id", event.submissionId}, {"problem_id", event.problemId}};
  switch (event.stage) {
    case Stage::Compiling:
      type = "submission.progress";
      data["stage"] = "compiling";
      data["test"] = 0;
      data["total"] = event.total;
      break;
    case Stage::Running:
      type = "submission.progress";
      data["stage"] = "running";
      data["test"] = event.test;
      data["total"] = event.total;
      break;
    case Stage::TestFinished:
      type = "submission.test";
      data["test"] = event.test;
      data["total"] = event.total;
      data["verdict"] = verdictName(event.verdict);
      data["time_ms"] = event.timeMs;
      data["memory_kb"] = event.memoryKb;
      break;
    case Stage::Judged:
      type = "submission.verdict";
      data["user_id"] = event.userId;
      data["verdict"] = verdictName(event.verdict);
      data["exec_time_ms"] = event.timeMs;
      data["memory_kb"] = event.memoryKb;
      break;
  }
  const std::string serialised = data.dump();
  std::vector<Event> events = {{userChannel(event.userId), type, serialised},
                               {std::string(kSubmissionsChannel), type, serialised}};
  if (event.stage == Stage::Judged && event.verdict == model::Verdict::Accepted) {
    events.push_back({std::string(kLeaderboardChannel), "leaderboard.changed", "{}"});
  }
  return events;
}

void JudgeEventPublisher::publish(const judging::JudgeEvent& event) const {
  for (const Event& live : liveEventsFor(event)) m_bus.publish(live);
}

judging::JudgeListener JudgeEventPublisher::listener() const {
  // Holds the bus, not the publisher: the listener may outlive a temporary publisher.
  return [&bus = m_bus](const judging::JudgeEvent& event) {
    for (const Event& live : liveEventsFor(event)) bus.publish(live);
  };
}

}  // namespace arena::server::live
