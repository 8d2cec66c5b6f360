#pragma once
// What a bracket keeps: its entrants (seeded), its problem pool, and its slots (see
// bracket_plan.hpp). Creation is one transaction; every later change is a guarded update, so
// replicas racing to advance the same slot change it once.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "features/brackets/bracket_plan.hpp"

namespace arena::server::brackets {

enum class BracketStatus { Running, Finished };

}  // namespace arena::server::brackets

namespace arena::model {
template <>
struct EnumNames<server::brackets::BracketStatus> {
  static constexpr std::array kNames{
      std::pair{server::brackets::BracketStatus::Running, "running"},
      std::pair{server::brackets::BracketStatus::Finished, "finished"},
  };
};
}  // namespace arena::model

namespace arena::server::brackets {

struct BracketSummary {
  std::int64_t id = 0;
  std::string name;
  bool rated = false;
  BracketStatus status = BracketStatus::Running;
  std::optional<std::int64_t> championId;
  std::int64_t createdBy = 0;
  Timestamp createdAt{};
  std::optional<Timestamp> finishedAt;
  int playerCount = 0;
  friend bool operator==(const BracketSummary&, const BracketSummary&) = default;
};

struct BracketRecord {
  BracketSummary summary;
  std::vector<Entrant> entrants;       // by seed
  std::vector<std::int64_t> problems;  // the pool in order; empty: the duel problem choice
  std::vector<Slot> slots;             // by round, then position

  int rounds() const {
    int count = 0;
    for (const Slot& slot : slots) count = std::max(count, slot.round + 1);
    return count;
  }
  const Entrant* entrant(std::int64_t userId) const {
    for (const Entrant& each : entrants) {
      if (each.userId == userId) return &each;
    }
    return nullptr;
  }
};

struct NewBracket {
  std::string name;
  bool rated = false;
  std::int64_t createdBy = 0;
  Timestamp createdAt{};
  std::vector<Entrant> entrants;
  std::vector<std::int64_t> problems;
  std::vector<Slot> slots;  // from planSlots(): byes already decided
};

class BracketRepository {
 public:
  virtual ~BracketRepository() = default;

  // Everything in one transaction: on any failure nothing is written. A bracket whose plan is
  // already decided (impossible for 2+ players) would be created finished.
  virtual Result<BracketRecord> create(const NewBracket& bracket) = 0;
  virtual Result<BracketRecord> find(std::int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<BracketSummary>> list() = 0;
  virtual Result<std::vector<std::int64_t>> runningIds() = 0;
  // The bracket a match is a duel of; none for other matches.
  virtual Result<std::optional<std::int64_t>> bracketOfMatch(std::int64_t matchId) = 0;
  // Decides the slot for `winner`, seats the winner at `next` or, for the final (no next), makes
  // them champion and finishes the bracket; one transaction. False (nothing changed) when the
  // slot was already decided: the first decision wins.
  virtual Result<bool> decide(std::int64_t bracketId, int round, int position, std::int64_t winner,
                              Decision decision, const std::optional<Seat>& next, Timestamp at) = 0;
  // Gives the slot its duel; false when it already has one (another replica started it).
  virtual Result<bool> attachMatch(std::int64_t bracketId, int round, int position,
                                   std::int64_t matchId) = 0;
};

}  // namespace arena::server::brackets
