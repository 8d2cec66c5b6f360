#pragma once
// Where the waiting players live: in this process (InProcessQueueBackend) or in Redis, shared by
// every replica (scaleout/redis_match_queue.hpp). MatchmakingService works with either.
//
// The contract both keep, and MatchmakingService relies on:
//   - A player is in one of three states: absent, waiting, or being matched (claimed).
//   - claimRound() runs one pairing round (pairing_round.hpp) over everyone waiting and takes
//     the pairs out of the line *as claims*: a claimed player is no longer waiting, so no other
//     round (in this process or on another replica) can pair them, yet they are not forgotten.
//     Every claim ends with release() (the player is in a match now, or is dropped) or
//     restore() (back in the line at the old place: same enqueue time and arrival).
//   - enqueue() refuses (Conflict) a player being matched: a player re-enqueued during the
//     claim would otherwise be waiting while their match is being made.
//   - abandonedClaims() names claims held longer than the backend's limit: the replica that
//     made them died between claiming and ending them; the service ends them (release when the
//     match exists, restore when it does not), so nobody is lost.
// Errors are those of the store (Unavailable when Redis cannot be reached).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "arena/core/error.hpp"
#include "features/matchmaking/pairing_round.hpp"

namespace arena::server::matchmaking {

enum class QueueState { Absent, Waiting, BeingMatched };

class QueueBackend {
 public:
  virtual ~QueueBackend() = default;

  // True when the player joined now; false when already waiting (place kept, rating
  // refreshed). Conflict while the player is being matched.
  virtual Result<bool> enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) = 0;
  // True when the player was waiting (a claim is not undone by leaving).
  virtual Result<bool> remove(std::int64_t userId) = 0;
  virtual Result<QueueState> state(std::int64_t userId) = 0;
  // The player's place in the line while waiting (none when absent or being matched).
  virtual Result<std::optional<QueueEntry>> find(std::int64_t userId) = 0;
  // Players waiting (not those being matched).
  virtual Result<std::size_t> size() = 0;

  // One pairing round at `now`; the pairs returned are claimed. May be empty while another
  // replica runs its round.
  virtual Result<std::vector<Pairing>> claimRound(Timestamp now) = 0;
  // Ends the player's claim: they are in a match now, or dropped from the queue.
  virtual Result<void> release(std::int64_t userId) = 0;
  // Ends the player's claim by putting them back in the line where they were.
  virtual Result<void> restore(const QueueEntry& entry) = 0;
  // Claims that have outlived any round (their replica died); empty in process.
  virtual Result<std::vector<QueueEntry>> abandonedClaims(Timestamp now) = 0;

  virtual const PairingRules& rules() const = 0;
};

}  // namespace arena::server::matchmaking
