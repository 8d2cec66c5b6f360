#pragma once
// The duel queue in Redis, shared by every arena-server replica (matchmaking::QueueBackend).
//
// Theory of operation
//   Keys (under <prefix>:match:):
//     waiting   sorted set: user id scored by rating, exactly the players waiting (its size is
//               the queue's)
//     entries   hash: user id -> "rating:enqueued_at_ms:arrival" (the stamp) for each waiting
//               player, "<stamp>:claimed_at_ms" (a claim) for each player being matched
//     arrivals  counter: the arrival number of the next player (ties within a millisecond)
//     lease     string: the replica running a round now (SET NX PX, a token of its own)
//     recovery  string: the replica ending abandoned claims in this abandonAfter window
//   Every change to waiting/entries is one Lua script (EVALSHA), so each is atomic.
//
//   A round: the replica takes the lease (SET NX PX; held by another replica -> no round here,
//   that replica is pairing), reads every stamp (HGETALL), runs the same deterministic
//   pairRound() in C++ as the in-process queue (so the gap widening, the urgent tier and the
//   tie-breaks are the tested ones, not a second implementation in Lua), then claims the pairs
//   with a compare-and-remove script: a pair is claimed only when *both* players still hold the
//   stamps the round saw; then both leave `waiting` and their stamps become claims, in the same
//   script. Then it gives the lease back. A pair whose player left, re-joined with a new rating,
//   or was claimed meanwhile is skipped whole; its other player keeps waiting. The claim script
//   works in bulk (one HMGET of the stamps, then one ZREM and one HSET per slice of 1,000
//   arguments), not five commands per pair; a claim overwrites the stamp in place rather than
//   moving the player to a hash of its own (one write per player instead of two). Where a
//   round's time goes is printed by bench/pairing (Redis' own time per command beside the
//   round's parts).
//
//   Why nobody is paired twice: a claim needs the player's stamp in `entries`, and replaces it
//   atomically; enqueue refuses a player whose entry is a claim (Conflict). So between a claim and its end
//   no other claim can take the player, whichever replica runs it, whether or not the lease has
//   expired. The lease only spares replicas from computing rounds that would collide; safety
//   rests on the script. (MatchmakingService adds the database side: a player in an active
//   match is never matched again.)
//   Why nobody is lost: a claim ends only by release() (the match row is committed, or the
//   player is dropped because they are already in a match) or restore() (the old stamp back in
//   `entries` and `waiting`, i.e. the old place), both scripts that act only on a claim still
//   present. A replica that dies between claim and end leaves the claim in `entries` with its
//   time; after `abandonAfter` a round ends it (the service releases it when the match exists,
//   restores it otherwise). One replica per abandonAfter window does this (the recovery key,
//   SET NX PX abandonAfter): two restoring the same claim could let the late one undo a fresh
//   claim of the same player. abandonAfter must exceed the longest round's database work
//   (default 60 s; rounds take milliseconds to a second).
//   Clocks: enqueue and claim times come from the replica's clock (the service's); replicas
//   need synchronised clocks (NTP), as the gap widening is measured in seconds.

#include <atomic>
#include <chrono>
#include <string>

#include "features/matchmaking/queue_backend.hpp"
#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout {

struct RedisMatchQueueOptions {
  std::string prefix = "arena";
  matchmaking::PairingRules rules;
  std::chrono::milliseconds lease{5000};          // a round's hold on pairing
  std::chrono::milliseconds abandonAfter{60000};  // a claim older than this was left behind
  std::size_t pairsPerScript = 1000;              // claims per script call (keeps Redis responsive)
};

class RedisMatchQueue final : public matchmaking::QueueBackend {
 public:
  RedisMatchQueue(RedisUrl url, RedisOptions redis = {}, RedisMatchQueueOptions options = {});

  Result<bool> enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) override;
  Result<bool> remove(std::int64_t userId) override;
  Result<matchmaking::QueueState> state(std::int64_t userId) override;
  Result<std::optional<matchmaking::QueueEntry>> find(std::int64_t userId) override;
  Result<std::size_t> size() override;
  Result<std::vector<matchmaking::Pairing>> claimRound(Timestamp now) override;
  Result<void> release(std::int64_t userId) override;
  Result<void> restore(const matchmaking::QueueEntry& entry) override;
  Result<std::vector<matchmaking::QueueEntry>> abandonedClaims(Timestamp now) override;
  const matchmaking::PairingRules& rules() const override { return m_options.rules; }

  // Everyone waiting (a round's view of the queue), in no particular order.
  Result<std::vector<matchmaking::QueueEntry>> waiting();

 private:
  Result<std::vector<matchmaking::Pairing>> claim(
      RedisClient& client, const std::vector<matchmaking::Pairing>& pairs, Timestamp now);
  // A player's entry, waiting or claimed; nothing when absent.
  struct Held {
    matchmaking::QueueEntry entry;
    bool claimed = false;
  };
  Result<std::optional<Held>> held(std::int64_t userId);

  RedisMatchQueueOptions m_options;
  std::string m_waiting;
  std::string m_entries;
  std::string m_arrivals;
  std::string m_lease;
  std::string m_recovery;
  std::string m_owner;  // this queue's lease tokens start with it
  std::atomic<std::uint64_t> m_rounds{0};
  RedisPool m_pool;
};

}  // namespace arena::server::scaleout
