#pragma once
// Glicko-2 ratings, as in Mark Glickman's "Example of the Glicko-2 system" (2013): a rating, a
// rating deviation (how unsure the rating is) and a volatility (how erratic the player is).
// One call rates one rating period: all the player's games in it, judged against the
// opponents' ratings from before the period. A duel is a rating period of one game.
//
// The volatility is found with the paper's Illinois (regula falsi) iteration to `convergence`.
// `maxDeviation` caps the deviation (the paper suggests never exceeding a new player's 350), so
// a long absence makes a player uncertain, never more uncertain than a newcomer.

#include <span>
#include <utility>

#include "arena/core/error.hpp"

namespace arena::rating {

struct Glicko2Rating {
  double rating = 1500.0;
  double deviation = 350.0;
  double volatility = 0.06;

  friend bool operator==(const Glicko2Rating&, const Glicko2Rating&) = default;
};

struct Glicko2Game {
  double opponentRating = 1500.0;
  double opponentDeviation = 350.0;
  double score = 0.5;  // 1 win, 0.5 draw, 0 loss
};

struct Glicko2Settings {
  double tau = 0.5;  // the system constant: smaller keeps volatility from moving much
  double convergence = 1e-6;
  double maxDeviation = 350.0;
  int maxIterations = 200;  // safety net; the iteration converges in a few dozen steps
};

// The player's rating after the period. With no games only the deviation grows (by the
// volatility). InvalidArgument for non-finite values, a deviation or volatility not above zero,
// a score outside [0, 1], or a tau not above zero.
Result<Glicko2Rating> rate(const Glicko2Rating& player, std::span<const Glicko2Game> games,
                           const Glicko2Settings& settings = {});

// Both players of one game, each rated against the other's rating from before it.
// `scoreOfFirst` is 1 when the first won, 0.5 for a draw, 0 when the second won.
Result<std::pair<Glicko2Rating, Glicko2Rating>> rateDuel(const Glicko2Rating& first,
                                                         const Glicko2Rating& second,
                                                         double scoreOfFirst,
                                                         const Glicko2Settings& settings = {});

}  // namespace arena::rating
