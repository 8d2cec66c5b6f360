// Theory of operation: see bracket_plan.hpp.
#include "features/brackets/bracket_plan.hpp"

#include <algorithm>
#include <set>

namespace arena::server::brackets {

int roundsFor(int players) {
  int rounds = 0;
  while ((1 << rounds) < players) ++rounds;
  return rounds;
}

std::vector<int> seedLines(int size) {
  std::vector<int> lines{1};
  for (int lineCount = 2; lineCount <= size; lineCount *= 2) {
    std::vector<int> doubled;
    doubled.reserve(lines.size() * 2);
    // Each seed meets its mirror in the doubled tree: s against lineCount + 1 - s.
    for (int seed : lines) {
      doubled.push_back(seed);
      doubled.push_back(lineCount + 1 - seed);
    }
    lines = std::move(doubled);
  }
  return lines;
}

Result<void> checkPlayerCount(std::size_t count) {
  if (count < static_cast<std::size_t>(kMinPlayers) ||
      count > static_cast<std::size_t>(kMaxPlayers)) {
    return fail(ErrorCode::InvalidArgument,
                "players: a bracket needs " + std::to_string(kMinPlayers) + " to " +
                    std::to_string(kMaxPlayers) + " players, got " + std::to_string(count));
  }
  return {};
}

Result<std::vector<Entrant>> seed(const std::vector<Candidate>& candidates) {
  if (auto counted = checkPlayerCount(candidates.size()); !counted) {
    return std::unexpected(counted.error());
  }
  std::set<std::int64_t> seen;
  for (const Candidate& candidate : candidates) {
    if (!seen.insert(candidate.userId).second) {
      return fail(ErrorCode::InvalidArgument,
                  "players: user " + std::to_string(candidate.userId) + " is listed twice");
    }
  }
  std::vector<Candidate> sorted = candidates;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Candidate& a, const Candidate& b) { return a.rating > b.rating; });
  std::vector<Entrant> entrants;
  entrants.reserve(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    entrants.push_back({sorted[i].userId, static_cast<int>(i) + 1, sorted[i].rating, {}});
  }
  return entrants;
}

std::optional<Seat> nextSeat(int round, int position, int rounds) {
  if (round + 1 >= rounds) return std::nullopt;
  return Seat{round + 1, position / 2, position % 2 == 0 ? 1 : 2};
}

namespace {

Slot* find(std::vector<Slot>& slots, int round, int position) {
  for (Slot& slot : slots) {
    if (slot.round == round && slot.position == position) return &slot;
  }
  return nullptr;
}

}  // namespace

std::vector<Slot> planSlots(const std::vector<Entrant>& seeded) {
  const int rounds = roundsFor(static_cast<int>(seeded.size()));
  const int size = 1 << rounds;
  std::vector<Slot> slots;
  for (int round = 0; round < rounds; ++round) {
    for (int position = 0; position < (size >> (round + 1)); ++position) {
      slots.push_back({round, position, {}, {}, {}, {}, {}});
    }
  }
  const std::vector<int> lines = seedLines(size);
  auto playerOf = [&](int seedNumber) -> std::optional<std::int64_t> {
    if (seedNumber > static_cast<int>(seeded.size())) return std::nullopt;  // a bye
    return seeded[static_cast<std::size_t>(seedNumber - 1)].userId;
  };
  for (int position = 0; position < size / 2; ++position) {
    Slot& slot = *find(slots, 0, position);
    slot.player1 = playerOf(lines[static_cast<std::size_t>(2 * position)]);
    slot.player2 = playerOf(lines[static_cast<std::size_t>(2 * position + 1)]);
  }
  for (int position = 0; position < size / 2; ++position) {
    const Slot& slot = *find(slots, 0, position);
    if (slot.player1 && slot.player2) continue;
    const std::int64_t present = slot.player1 ? *slot.player1 : *slot.player2;
    (void)advance(slots, 0, position, present, Decision::Bye);
  }
  return slots;
}

Result<void> advance(std::vector<Slot>& slots, int round, int position, std::int64_t winner,
                     Decision decision) {
  Slot* slot = find(slots, round, position);
  const std::string name = "slot (" + std::to_string(round) + ", " + std::to_string(position) + ")";
  if (slot == nullptr) return fail(ErrorCode::InvalidArgument, name + " does not exist");
  if (slot->decided()) return fail(ErrorCode::InvalidArgument, name + " is already decided");
  if (slot->player1 != winner && slot->player2 != winner) {
    return fail(ErrorCode::InvalidArgument,
                "user " + std::to_string(winner) + " does not play in " + name);
  }
  slot->winnerId = winner;
  slot->decidedBy = decision;
  int rounds = 0;
  for (const Slot& each : slots) rounds = std::max(rounds, each.round + 1);
  if (const auto next = nextSeat(round, position, rounds)) {
    Slot* parent = find(slots, next->round, next->position);
    (next->seat == 1 ? parent->player1 : parent->player2) = winner;
  }
  return {};
}

std::optional<std::int64_t> championOf(const std::vector<Slot>& slots) {
  int rounds = 0;
  for (const Slot& slot : slots) rounds = std::max(rounds, slot.round + 1);
  for (const Slot& slot : slots) {
    if (slot.round == rounds - 1 && slot.position == 0) return slot.winnerId;
  }
  return std::nullopt;
}

std::pair<std::int64_t, Decision> breakDraw(const DrawSide& first, const DrawSide& second) {
  if (first.wrongTries != second.wrongTries) {
    return {first.wrongTries < second.wrongTries ? first.userId : second.userId,
            Decision::FewerWrongTries};
  }
  return {first.seed < second.seed ? first.userId : second.userId, Decision::HigherSeed};
}

}  // namespace arena::server::brackets
