#pragma once
// Theory of operation: the duel queue, on one server or on replicas sharing Redis.
//
// The waiting players live in a QueueBackend (queue_backend.hpp): in process by default, in Redis
// when replicas share one (scaleout/redis_match_queue.hpp). The matches made live in the database
// (`matches`), which every replica shares: a player's match is their pending or active match.
//
// enqueue() refuses (Conflict) a player who is in a match, then puts them in the queue with their
// current rating, then looks at the database once more: a match committed between the first look
// and joining is caught there (the player leaves the queue again and gets the Conflict). Pairing
// rounds run when anyone polls dequeue(), on runPairingRound(), and on the background tick
// (startTicking). A round claims pairs from the backend; for each pair it checks that neither
// player is in a match already (one who is, is dropped from the queue: nobody is ever in two
// matches), picks a problem neither has solved (problem_choice.hpp; none: both go back to their
// places), creates the `matches` row, and only then ends the claims. A player being matched is
// never waiting, so two rounds (two replicas) cannot pair the same player; a player is never
// lost: a claim ends in a match or back in the queue, and claims a dead replica left behind are
// ended by the next round (abandonedClaims: released when their match exists, else restored).
//
// dequeue(): waiting -> none (202); otherwise the player's match from the database, on whichever
// replica made it (asked again, the same match while it lasts); being matched and no match yet
// -> none; else NotFound.
//
// A listener, when set, hears of every match made (the live channel tells both players), after
// the round. Rounds in one process take turns (one mutex); the backend keeps replicas apart.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/match.hpp"
#include "features/matchmaking/problem_choice.hpp"
#include "features/matchmaking/queue_backend.hpp"
#include "storage/match_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/submission_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::matchmaking {

struct MatchAssignment {
  std::int64_t matchId = 0;
  std::int64_t problemId = 0;

  friend bool operator==(const MatchAssignment&, const MatchAssignment&) = default;
};

// Where a player stands, for the lobby (GET /api/match/queue). Read-only: asking runs no round.
enum class QueuePhase { Idle, Queued, Matched };

struct QueueStatus {
  QueuePhase phase = QueuePhase::Idle;
  std::chrono::milliseconds waited{0};  // since joining; 0 unless queued
  std::int32_t rating = 0;              // the queued rating, else the account's
  std::int64_t ratingGap = 0;           // the gap accepted now (pairing_rules.hpp)
  std::size_t queueSize = 0;            // players waiting, on every replica
  // Matched: the player's pending or active match (until it ends, as dequeue hands it out);
  // none while the pair is claimed and the match row not yet committed.
  std::optional<std::int64_t> matchId;
};

struct MatchmakingRepositories {
  storage::UserRepository& users;
  storage::ProblemRepository& problems;
  storage::SubmissionRepository& submissions;
  storage::MatchRepository& matches;
};

class MatchmakingService {
 public:
  using Clock = std::function<Timestamp()>;
  using MatchListener = std::function<void(const model::Match&)>;

  // The in-process queue.
  explicit MatchmakingService(MatchmakingRepositories repositories, PairingRules rules = {},
                              Clock clock = nullptr);
  // A queue of the caller's choosing (Redis, shared by replicas); null: the in-process one.
  MatchmakingService(MatchmakingRepositories repositories, std::shared_ptr<QueueBackend> queue,
                     Clock clock = nullptr);
  ~MatchmakingService();
  MatchmakingService(const MatchmakingService&) = delete;
  MatchmakingService& operator=(const MatchmakingService&) = delete;

  // Joins the queue (again: harmless, the place is kept). NotFound for an unknown user;
  // Conflict while the player is in a match or one is being made for them.
  Result<void> enqueue(std::int64_t userId);
  // Runs a pairing round, then: the player's match, or none while still waiting. NotFound when
  // the player is neither waiting nor in a match.
  Result<std::optional<MatchAssignment>> dequeue(std::int64_t userId);
  // Leaves the queue; true when the player was waiting. A match already made is not undone.
  bool leave(std::int64_t userId);
  // Where the player stands: queued (with waited time and the gap that waiting earns), matched,
  // or idle. NotFound for an unknown user.
  Result<QueueStatus> status(std::int64_t userId);

  // One pairing round now; the number of matches made. Storage failures end the round early
  // (the players not yet paired go back to the queue) and are returned.
  Result<std::size_t> runPairingRound();
  // Runs a round every `every` on a thread of its own until destruction, so matches form
  // while nobody polls. Errors are retried on the next tick.
  void startTicking(std::chrono::milliseconds every);
  // Ends the ticks (waits for a round in progress); also done on destruction.
  void stopTicking();

  std::size_t waitingCount() const;
  void setMatchListener(MatchListener listener);

 private:
  Result<std::size_t> pairLocked(std::vector<model::Match>& made);
  Result<void> endAbandonedClaims(Timestamp now);
  Result<std::optional<model::Match>> matchPair(const Pairing& pair,
                                                const std::vector<ProblemOption>& problems,
                                                Timestamp now);
  Result<std::unordered_set<std::int64_t>> solvedBy(std::int64_t userId);
  Result<std::vector<ProblemOption>> problemOptions();
  void notify(const std::vector<model::Match>& made);

  MatchmakingRepositories m_repositories;
  Clock m_clock;
  std::shared_ptr<QueueBackend> m_queue;
  std::mutex m_roundMutex;  // rounds in this process take turns
  mutable std::mutex m_listenerMutex;
  MatchListener m_listener;

  std::mutex m_tickMutex;
  std::condition_variable m_tickWake;
  bool m_stopping = false;
  std::thread m_ticker;
};

}  // namespace arena::server::matchmaking
