#pragma once
// Turns what judge workers report (judging::JudgeEvent) into live events, for the in-process
// workers of arena-server and the standalone arena-judge alike (both link arena_live and hand
// publisher.listener() to their JudgeWorkers):
//   Compiling     -> submission.progress {id, problem_id, stage:"compiling", test:0, total}
//   Running       -> submission.progress {id, problem_id, stage:"running", test, total}
//   TestFinished  -> submission.test     {id, problem_id, test, total, verdict, time_ms, memory_kb}
//   Judged        -> submission.verdict  {id, problem_id, user_id, verdict, exec_time_ms, memory_kb}
// each on "user:<owner>" and on "submissions"; an accepted verdict adds leaderboard.changed {}
// on "leaderboard". The data of both copies is serialised once.

#include <vector>

#include "features/judging/judge_events.hpp"
#include "live/event_bus.hpp"

namespace arena::server::live {

// The events one JudgeEvent becomes (pure: tests read it directly).
std::vector<Event> liveEventsFor(const judging::JudgeEvent& event);

class JudgeEventPublisher {
 public:
  // The bus must outlive every listener made here.
  explicit JudgeEventPublisher(EventBus& bus) : m_bus(bus) {}

  void publish(const judging::JudgeEvent& event) const;
  // For JudgeWorkers: publishes each JudgeEvent's live events on the bus.
  judging::JudgeListener listener() const;

 private:
  EventBus& m_bus;
};

}  // namespace arena::server::live
