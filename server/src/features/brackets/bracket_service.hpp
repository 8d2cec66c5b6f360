#pragma once
// Theory of operation: a proctor's single-elimination bracket of duels, driven by the duels'
// own endings.
//
//   create      players (ids or usernames) are resolved, seeded by rating and laid out with byes
//               (bracket_plan.hpp); the bracket, its entrants, problem pool and every slot are
//               written in one transaction, so a create that fails writes nothing. Then the
//               round-0 duels start at once (and any round-1 duel whose two players came through
//               byes): the proctor makes the bracket when the class is ready, and the duel's own
//               countdown gives everyone time to open the page. A duel that cannot start yet (a
//               player is in another duel) is retried by the tick; the bracket waits, it does not
//               fail.
//   reconcile   the one mechanism that moves a bracket: for every slot whose duel has ended,
//               decide the winner (the duel's winner; on a draw the rule in bracket_plan.hpp) and
//               seat them in the next round (or crown the champion); then start the duel of every
//               slot whose two players are known. Each write is guarded (first decision wins, a
//               slot gets one duel), so reconciling twice, or on two replicas at once, is harmless.
//   triggers    `match.finished` on the bus (any replica hears it) queues a reconcile of that
//               match's bracket on the bracket thread: the bus calls subscribers on the
//               publisher's thread, which must not do database work. A tick reconciles every
//               running bracket as a backstop (a lost event, a duel that could not start).
//   live        every change publishes `bracket.changed` {bracket_id, status, champion_id} on
//               the `brackets` channel (any logged-in user may subscribe); clients refetch
//               GET /api/brackets/{id}, or poll it without the live channel.
//
// Tests call runPending() and tick() themselves with an injected clock: no thread, no sleeps.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "arena/core/error.hpp"
#include "features/brackets/bracket_repository.hpp"
#include "features/duels/duel_repository.hpp"
#include "features/duels/duel_service.hpp"
#include "live/event_bus.hpp"
#include "storage/match_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/submission_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::brackets {

inline constexpr std::string_view kBracketsChannel = "brackets";
inline constexpr std::size_t kMaxPoolProblems = 16;

struct BracketDeps {
  BracketRepository& brackets;
  duels::DuelService& duels;
  duels::DuelRepository& duelRecords;
  storage::MatchRepository& matches;
  storage::UserRepository& users;
  storage::ProblemRepository& problems;
  storage::SubmissionRepository& submissions;
  live::EventBus& events;
};

// A player as the proctor named them: by id or by username.
struct PlayerRef {
  std::optional<std::int64_t> id;
  std::string username;
};

struct BracketRequest {
  std::string name;
  std::vector<PlayerRef> players;
  bool rated = false;
  std::vector<std::int64_t> problemIds;  // empty: the duel problem choice per pair
  std::int64_t createdBy = 0;
};

class BracketService {
 public:
  using Clock = std::function<Timestamp()>;

  BracketService(BracketDeps deps, Clock clock = nullptr,
                 std::chrono::milliseconds tick = std::chrono::seconds(2));
  ~BracketService();  // stops
  BracketService(const BracketService&) = delete;
  BracketService& operator=(const BracketService&) = delete;

  // Wiring, before start(): hear `match.finished` from the bus.
  void subscribe();
  void start();
  void stop();  // idempotent

  // InvalidArgument: too few/many players, one twice, a bad pool; NotFound: an unknown player or
  // problem; Conflict: a player is in an open duel, or there is no problem to duel on.
  Result<BracketRecord> create(const BracketRequest& request);
  Result<BracketRecord> find(std::int64_t id);
  Result<std::vector<BracketSummary>> list();

  // Brings the bracket up to date with its duels (see "reconcile" above). Any thread.
  Result<void> reconcile(std::int64_t bracketId);
  // Runs queued reconciles on the caller's thread; how many ran.
  std::size_t runPending();
  // Reconciles every running bracket; failures are logged and retried on the next tick.
  void tick();

 private:
  using Task = std::function<void()>;
  void onEvent(const live::Event& event);
  void loop();
  Result<bool> decideEnded(const BracketRecord& bracket, const Slot& slot);
  Result<void> startDuel(const BracketRecord& bracket, const Slot& slot);
  Result<std::int64_t> problemFor(const BracketRecord& bracket, const Slot& slot);
  Result<std::vector<Candidate>> resolvePlayers(const std::vector<PlayerRef>& players);
  Result<void> checkPool(const std::vector<std::int64_t>& problemIds);
  void publishChanged(std::int64_t bracketId);

  BracketDeps m_deps;
  Clock m_clock;
  std::chrono::milliseconds m_tick;
  std::mutex m_reconcile;  // one reconcile at a time on this replica

  // Queued work for the bracket thread, shared with the bus subscription (which may outlive
  // the service with a Redis bus): once closed, whatever it is handed is dropped.
  struct Inbox {
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Task> tasks;
    bool running = false;
    bool closed = false;
  };
  std::shared_ptr<Inbox> m_inbox = std::make_shared<Inbox>();
  std::thread m_thread;
};

}  // namespace arena::server::brackets
