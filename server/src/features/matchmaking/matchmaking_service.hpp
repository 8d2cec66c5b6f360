#pragma once
// Theory of operation: the in-process duel queue (one server; replicas sharing Redis replace
// the queue, not this contract).
//
// enqueue() puts a player in the MatchQueue with their current rating. Pairing rounds run when
// anyone polls dequeue() (and whenever runPairingRound() is called, e.g. by a timer): each pair
// gets a problem neither has solved (problem_choice.hpp), a `matches` row (active, started now),
// and both players an assignment that their next dequeue() collects once. Everything happens
// under one lock, so nobody is ever in two pairs and no pair is formed twice. A pair for which no
// problem can be found goes back to the queue with its original places.
//
// A listener, when set, hears of every match made (the live channel tells both players); it is
// called after the lock is released.

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/match.hpp"
#include "features/matchmaking/match_queue.hpp"
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

  explicit MatchmakingService(MatchmakingRepositories repositories, PairingRules rules = {},
                              Clock clock = nullptr);

  // Joins the queue (again: harmless, the place is kept). NotFound for an unknown user;
  // Conflict while a match made for the player has not been collected by dequeue().
  Result<void> enqueue(std::int64_t userId);
  // Runs a pairing round, then: the player's match (collected: it is handed out once), or none
  // while still waiting. NotFound when the player is neither waiting nor matched.
  Result<std::optional<MatchAssignment>> dequeue(std::int64_t userId);
  // Leaves the queue; true when the player was waiting. A match already made is not undone.
  bool leave(std::int64_t userId);

  // One pairing round now; the number of matches made. Storage failures end the round early
  // (the players not yet paired stay queued) and are returned.
  Result<std::size_t> runPairingRound();

  std::size_t waitingCount() const;
  void setMatchListener(MatchListener listener);

 private:
  Result<std::size_t> pairLocked(std::vector<model::Match>& made);
  Result<std::unordered_set<std::int64_t>> solvedBy(std::int64_t userId);
  Result<std::optional<std::int64_t>> problemFor(const Pairing& pair);
  void notify(const std::vector<model::Match>& made);

  MatchmakingRepositories m_repositories;
  Clock m_clock;
  mutable std::mutex m_mutex;
  MatchQueue m_queue;
  std::unordered_map<std::int64_t, MatchAssignment> m_ready;  // made, not yet collected
  MatchListener m_listener;
};

}  // namespace arena::server::matchmaking
