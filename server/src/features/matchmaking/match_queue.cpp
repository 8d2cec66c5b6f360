#include "features/matchmaking/match_queue.hpp"

namespace arena::server::matchmaking {

bool MatchQueue::enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) {
  const auto [it, inserted] = m_waiting.try_emplace(userId, QueueEntry{userId, rating, now, m_arrivals + 1});
  if (inserted) ++m_arrivals;
  if (!inserted) it->second.rating = rating;
  return inserted;
}

bool MatchQueue::remove(std::int64_t userId) { return m_waiting.erase(userId) > 0; }

std::optional<QueueEntry> MatchQueue::find(std::int64_t userId) const {
  const auto it = m_waiting.find(userId);
  if (it == m_waiting.end()) return std::nullopt;
  return it->second;
}

std::vector<QueueEntry> MatchQueue::entries() const {
  std::vector<QueueEntry> all;
  all.reserve(m_waiting.size());
  for (const auto& [userId, entry] : m_waiting) all.push_back(entry);
  return all;
}

std::vector<Pairing> MatchQueue::pairRound(Timestamp now) {
  const std::vector<QueueEntry> waiting = entries();
  std::vector<Pairing> pairs = matchmaking::pairRound(waiting, now, m_rules);
  for (const Pairing& pair : pairs) {
    m_waiting.erase(pair.first.userId);
    m_waiting.erase(pair.second.userId);
  }
  return pairs;
}

}  // namespace arena::server::matchmaking
