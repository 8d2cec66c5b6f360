#pragma once
// Theory of operation: the shape of a single-elimination bracket, as pure functions (no storage,
// no clock), so seeding, byes, advancement and the draw rule are tested on their own.
//
//   seeding   entrants sorted by rating, strongest first (seed 1); equal ratings keep the order
//             the proctor listed them in. The tree has size = the next power of two >= N lines;
//             seeds go on the lines in the standard order (1 v size, then the halves mirrored:
//             for 8 lines 1-8, 4-5, 2-7, 3-6), so seeds 1 and 2 can only meet in the final.
//   byes      seeds N+1..size do not exist; standard order puts them against the top seeds, so
//             the top (size - N) seeds skip round 0. Since N > size/2, a round-0 slot never has
//             two byes, and byes happen only in round 0.
//   slots     round r has size >> (r + 1) slots; the winner of (r, p) takes seat 1 of
//             (r + 1, p / 2) when p is even, seat 2 when odd. The final is (rounds - 1, 0) and its
//             winner is the champion.
//   draw      a duel that ends on time with nobody solving still needs a winner. The rule, as in
//             ICPC where wrong tries cost penalty: fewer wrong tries (judged, not accepted, compile
//             errors not counted) advances; equal tries: the higher seed (lower number) advances,
//             as seeding rewards the stronger record. Deterministic: the same duel always gives
//             the same winner, on every replica.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/enum_names.hpp"

namespace arena::server::brackets {

inline constexpr int kMinPlayers = 2;
inline constexpr int kMaxPlayers = 64;

// How a slot's winner was found.
enum class Decision { Bye, Solved, Forfeit, Disconnect, FewerWrongTries, HigherSeed };

}  // namespace arena::server::brackets

namespace arena::model {
template <>
struct EnumNames<server::brackets::Decision> {
  static constexpr std::array kNames{
      std::pair{server::brackets::Decision::Bye, "bye"},
      std::pair{server::brackets::Decision::Solved, "solved"},
      std::pair{server::brackets::Decision::Forfeit, "forfeit"},
      std::pair{server::brackets::Decision::Disconnect, "disconnect"},
      std::pair{server::brackets::Decision::FewerWrongTries, "fewer_wrong_tries"},
      std::pair{server::brackets::Decision::HigherSeed, "higher_seed"},
  };
};
}  // namespace arena::model

namespace arena::server::brackets {

struct Candidate {
  std::int64_t userId = 0;
  std::int32_t rating = 1500;
};

struct Entrant {
  std::int64_t userId = 0;
  int seed = 0;                // 1 = the strongest
  std::int32_t rating = 1500;  // at seeding
  std::string username;        // filled when read back, for display
  friend bool operator==(const Entrant&, const Entrant&) = default;
};

struct Slot {
  int round = 0;
  int position = 0;
  std::optional<std::int64_t> player1;
  std::optional<std::int64_t> player2;
  std::optional<std::int64_t> matchId;
  std::optional<std::int64_t> winnerId;
  std::optional<Decision> decidedBy;

  bool decided() const { return winnerId.has_value(); }
  // Both players known, no duel yet, not decided: its duel should start.
  bool readyToStart() const { return player1 && player2 && !matchId && !winnerId; }
  friend bool operator==(const Slot&, const Slot&) = default;
};

// Where a slot's winner goes next.
struct Seat {
  int round = 0;
  int position = 0;
  int seat = 1;  // 1 or 2
  friend bool operator==(const Seat&, const Seat&) = default;
};

// Rounds for n players: ceil(log2 n); 0 for n < 2.
int roundsFor(int players);
// The seed on each line of a tree of `size` lines (a power of two), top to bottom.
std::vector<int> seedLines(int size);
// InvalidArgument unless 2 <= count <= 64.
Result<void> checkPlayerCount(std::size_t count);
// Entrants in seed order. InvalidArgument for fewer than 2, more than 64, or a user twice.
Result<std::vector<Entrant>> seed(const std::vector<Candidate>& candidates);
// Every slot of the tree, round by round: round 0 filled, byes decided and their winners seated.
std::vector<Slot> planSlots(const std::vector<Entrant>& seeded);
// None for the final.
std::optional<Seat> nextSeat(int round, int position, int rounds);
// Decides (round, position) for `winner` in `slots` and seats the winner in the next round.
// InvalidArgument when the slot is unknown, decided, or `winner` is not one of its players.
Result<void> advance(std::vector<Slot>& slots, int round, int position, std::int64_t winner,
                     Decision decision);
// The champion: the final's winner, once decided.
std::optional<std::int64_t> championOf(const std::vector<Slot>& slots);

struct DrawSide {
  std::int64_t userId = 0;
  int seed = 0;
  int wrongTries = 0;
};
// The winner of a duel nobody solved in time, and why (see "draw" above).
std::pair<std::int64_t, Decision> breakDraw(const DrawSide& first, const DrawSide& second);

}  // namespace arena::server::brackets
