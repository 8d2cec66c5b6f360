#pragma once
// The queue of one server: a MatchQueue and the players claimed by the round in progress, under
// one mutex. Claims never outlive the round that made them (the service ends each one before the
// round returns), so none is ever abandoned.

#include <mutex>
#include <unordered_map>

#include "features/matchmaking/match_queue.hpp"
#include "features/matchmaking/queue_backend.hpp"

namespace arena::server::matchmaking {

class InProcessQueueBackend final : public QueueBackend {
 public:
  explicit InProcessQueueBackend(PairingRules rules = {}) : m_queue(rules) {}

  Result<bool> enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) override;
  Result<bool> remove(std::int64_t userId) override;
  Result<QueueState> state(std::int64_t userId) override;
  Result<std::optional<QueueEntry>> find(std::int64_t userId) override;
  Result<std::size_t> size() override;
  Result<std::vector<Pairing>> claimRound(Timestamp now) override;
  Result<void> release(std::int64_t userId) override;
  Result<void> restore(const QueueEntry& entry) override;
  Result<std::vector<QueueEntry>> abandonedClaims(Timestamp now) override;
  const PairingRules& rules() const override { return m_queue.rules(); }

 private:
  std::mutex m_mutex;
  MatchQueue m_queue;
  std::unordered_map<std::int64_t, QueueEntry> m_claimed;
};

}  // namespace arena::server::matchmaking
