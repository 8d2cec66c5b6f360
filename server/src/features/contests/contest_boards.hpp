#pragma once
// Theory of operation: one in-memory scoreboard per contest, kept up to date verdict by verdict.
//
// A board is built from the database on first use, by a reader or by the first verdict that
// concerns it (so after a restart every board is rebuilt from the submissions table), and then
// fed incrementally: submissionChanged(id) queues the id
// (any thread, never blocks, never touches the database: it is called from the event bus on a
// judge worker's thread), and the board thread reads the submission and applies it. apply() of
// the scoring library is idempotent (same id replaces), so a duplicate or reordered event is
// harmless, and with several replicas each keeps its own board from the same events.
//
// Builds and applies run under one mutex: an event read after its verdict was committed is
// either applied to a board built earlier, or the board is built later and already has it, so
// no verdict is lost between the two.
//
// After each change the changed rows go out on the live channel:
//   "contest:<id>"       contest.scoreboard {contest_id, view:"public", rows:[...]}
//   "contest:<id>:jury"  contest.scoreboard {contest_id, view:"jury", rows:[...]}
// Settings or team changes drop the board (invalidate) and announce contest.updated
// {contest_id} on both channels: clients refetch the whole board.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/scoring/icpc_scoreboard.hpp"
#include "arena/scoring/ioi_scoreboard.hpp"
#include "arena/scoring/resolver.hpp"
#include "live/event_bus.hpp"
#include "storage/contest_repository.hpp"

namespace arena::server::contests {

class RevealStore;

std::string contestChannel(std::int64_t contestId);
std::string contestJuryChannel(std::int64_t contestId);

// One contest's board and what it needs to be shown.
struct ContestBoard {
  storage::ContestRecord contest;
  std::vector<storage::ContestTeam> teams;
  std::unordered_map<std::int64_t, std::int32_t> testCounts;
  std::variant<scoring::IcpcScoreboard, scoring::IoiScoreboard> board;
  // Cells of the frozen public board revealed one by one so far (the awards ceremony, see
  // contest_reveal.hpp), in reveal order; empty when no ceremony is under way.
  std::vector<scoring::RevealedCell> revealed;
};

// What scoring sees of a stored submission (IOI: each test is a subtask worth 100/tests).
scoring::ScoredSubmission toScored(const storage::ContestSubmission& submission,
                                   const storage::ContestRecord& contest,
                                   const std::unordered_map<std::int64_t, std::int32_t>& tests);

class ContestBoards {
 public:
  // `bus` may be null (no live updates).
  ContestBoards(storage::ContestRepository& contests, live::EventBus* bus);
  ~ContestBoards();
  ContestBoards(const ContestBoards&) = delete;
  ContestBoards& operator=(const ContestBoards&) = delete;

  // Starts the board thread; without it, drain() applies queued changes (tests).
  void start();
  void stop();

  // A submission was created or judged. Any thread; never blocks on the database.
  void submissionChanged(std::int64_t submissionId);
  // Applies everything queued so far on the caller's thread (tests and start-up).
  void drain();
  // Forgets the contest's board (its settings, problems or teams changed) and tells clients.
  void invalidate(std::int64_t contestId);

  // Runs `read` on the contest's board (built first if needed) under the boards' lock.
  Result<void> withBoard(std::int64_t contestId,
                         const std::function<void(const ContestBoard&)>& read);
  // The same with leave to change the board (the reveal records its cells this way).
  Result<void> updateBoard(std::int64_t contestId,
                           const std::function<void(ContestBoard&)>& change);
  // Boards built from now on load the reveal progress from `store` (null: none is kept).
  void setRevealStore(RevealStore* store) { m_reveals = store; }

 private:
  Result<std::shared_ptr<ContestBoard>> boardLocked(std::int64_t contestId);
  Result<std::shared_ptr<ContestBoard>> build(std::int64_t contestId);
  void process(std::int64_t submissionId);
  void run();
  void publish(std::int64_t contestId, const scoring::ScoreboardChange& change,
               const ContestBoard& board);

  storage::ContestRepository& m_contests;
  live::EventBus* m_bus;
  RevealStore* m_reveals = nullptr;

  std::mutex m_boardsMutex;  // guards m_boards and every board in it
  std::unordered_map<std::int64_t, std::shared_ptr<ContestBoard>> m_boards;

  std::mutex m_queueMutex;
  std::condition_variable m_queueChanged;
  std::deque<std::int64_t> m_queue;
  std::unordered_set<std::int64_t> m_queued;  // coalesces repeats while waiting
  bool m_stopping = false;
  std::thread m_thread;
};

// Feeds `boards` from the judge's events on `bus`: "submission.verdict" and the compiling
// "submission.progress" (so a new submission shows as pending) on channel "submissions". Only
// queues the id on the publisher's thread. Holds the boards weakly: the bus may outlive them.
void feedFromJudgeEvents(live::EventBus& bus, std::weak_ptr<ContestBoards> boards);

}  // namespace arena::server::contests
