#pragma once
// The players waiting for a duel, and the pairing rounds that take them out in pairs. Pure
// logic and not thread-safe: MatchmakingService holds the one lock around it (in process), and a
// Redis-backed queue replaces it when replicas share the queue.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "features/matchmaking/pairing_round.hpp"

namespace arena::server::matchmaking {

class MatchQueue {
 public:
  explicit MatchQueue(PairingRules rules = {}) : m_rules(rules) {}

  // True when the player joined now; false when already waiting (the first enqueue time is
  // kept, so enqueueing again never costs a player their place; the rating is refreshed).
  bool enqueue(std::int64_t userId, std::int32_t rating, Timestamp now);
  // Puts back a player taken out by a round whose match could not be made, at the old place.
  void restore(const QueueEntry& entry) { m_waiting.insert_or_assign(entry.userId, entry); }
  // True when the player was waiting.
  bool remove(std::int64_t userId);
  std::optional<QueueEntry> find(std::int64_t userId) const;
  std::size_t size() const { return m_waiting.size(); }
  const PairingRules& rules() const { return m_rules; }

  // One pairing round at `now` (pairing_round.hpp); the paired players leave the queue.
  std::vector<Pairing> pairRound(Timestamp now);

  // Everyone waiting, in no particular order.
  std::vector<QueueEntry> entries() const;

 private:
  PairingRules m_rules;
  std::unordered_map<std::int64_t, QueueEntry> m_waiting;
  std::uint64_t m_arrivals = 0;
};

}  // namespace arena::server::matchmaking
