#include "arena/rating/glicko2.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace arena::rating {
namespace {

// The paper's conversion between the Glicko scale and the Glicko-2 scale.
constexpr double kScale = 173.7178;
constexpr double kCentre = 1500.0;

double g(double phi) {
  return 1.0 / std::sqrt(1.0 + 3.0 * phi * phi / (std::numbers::pi * std::numbers::pi));
}

double expectedScore(double mu, double muOpponent, double phiOpponent) {
  return 1.0 / (1.0 + std::exp(-g(phiOpponent) * (mu - muOpponent)));
}

Result<void> validate(const Glicko2Rating& player, std::span<const Glicko2Game> games,
                      const Glicko2Settings& settings) {
  const auto finitePositive = [](double value) { return std::isfinite(value) && value > 0.0; };
  if (!std::isfinite(player.rating) || !finitePositive(player.deviation) ||
      !finitePositive(player.volatility))
    return fail(ErrorCode::InvalidArgument,
                "a rating must be finite with a deviation and volatility above zero");
  if (!finitePositive(settings.tau) || !finitePositive(settings.convergence) ||
      !finitePositive(settings.maxDeviation) || settings.maxIterations < 1)
    return fail(ErrorCode::InvalidArgument, "Glicko-2 settings must be positive");
  for (const Glicko2Game& game : games) {
    if (!std::isfinite(game.opponentRating) || !finitePositive(game.opponentDeviation))
      return fail(ErrorCode::InvalidArgument,
                  "an opponent's rating must be finite with a deviation above zero");
    if (!(game.score >= 0.0 && game.score <= 1.0))
      return fail(ErrorCode::InvalidArgument, "a game's score must be between 0 and 1");
  }
  return {};
}

// Step 5 of the paper: the new volatility, by the Illinois iteration on f(x) = 0, x = ln(s^2).
Result<double> newVolatility(double sigma, double phi, double v, double delta,
                             const Glicko2Settings& settings) {
  const double a = std::log(sigma * sigma);
  const double tau2 = settings.tau * settings.tau;
  const auto f = [&](double x) {
    const double ex = std::exp(x);
    const double denominator = phi * phi + v + ex;
    return ex * (delta * delta - phi * phi - v - ex) / (2.0 * denominator * denominator) -
           (x - a) / tau2;
  };

  double lower = a;
  double upper = 0.0;
  if (delta * delta > phi * phi + v) {
    upper = std::log(delta * delta - phi * phi - v);
  } else {
    int k = 1;
    while (f(a - k * settings.tau) < 0.0) {
      if (++k > settings.maxIterations)
        return fail(ErrorCode::Internal, "Glicko-2: no bracket for the volatility");
    }
    upper = a - k * settings.tau;
  }

  double fLower = f(lower);
  double fUpper = f(upper);
  for (int i = 0; std::abs(upper - lower) > settings.convergence; ++i) {
    if (i == settings.maxIterations)
      return fail(ErrorCode::Internal, "Glicko-2: the volatility iteration did not converge");
    const double c = lower + (lower - upper) * fLower / (fUpper - fLower);
    const double fC = f(c);
    if (fC * fUpper <= 0.0) {
      lower = upper;
      fLower = fUpper;
    } else {
      fLower /= 2.0;
    }
    upper = c;
    fUpper = fC;
  }
  return std::exp(lower / 2.0);
}

}  // namespace

Result<Glicko2Rating> rate(const Glicko2Rating& player, std::span<const Glicko2Game> games,
                           const Glicko2Settings& settings) {
  if (auto valid = validate(player, games, settings); !valid) return std::unexpected(valid.error());

  const double mu = (player.rating - kCentre) / kScale;
  const double phi = player.deviation / kScale;
  const double maxPhi = settings.maxDeviation / kScale;

  if (games.empty()) {
    // Step 6 alone: the rating stands, its uncertainty grows.
    const double grown = std::sqrt(phi * phi + player.volatility * player.volatility);
    return Glicko2Rating{player.rating, std::min(grown, maxPhi) * kScale, player.volatility};
  }

  // Steps 3 and 4: the estimated variance v and improvement delta.
  double inverseV = 0.0;
  double improvement = 0.0;  // sum of g(phi_j) (s_j - E_j)
  for (const Glicko2Game& game : games) {
    const double muJ = (game.opponentRating - kCentre) / kScale;
    const double phiJ = game.opponentDeviation / kScale;
    const double gJ = g(phiJ);
    const double expected = expectedScore(mu, muJ, phiJ);
    inverseV += gJ * gJ * expected * (1.0 - expected);
    improvement += gJ * (game.score - expected);
  }
  const double v = 1.0 / inverseV;
  const double delta = v * improvement;

  auto sigma = newVolatility(player.volatility, phi, v, delta, settings);
  if (!sigma) return std::unexpected(sigma.error());

  // Steps 6 to 8.
  const double phiStar = std::sqrt(phi * phi + *sigma * *sigma);
  const double newPhi = std::min(1.0 / std::sqrt(1.0 / (phiStar * phiStar) + 1.0 / v), maxPhi);
  const double newMu = mu + newPhi * newPhi * improvement;
  return Glicko2Rating{kScale * newMu + kCentre, kScale * newPhi, *sigma};
}

Result<std::pair<Glicko2Rating, Glicko2Rating>> rateDuel(const Glicko2Rating& first,
                                                         const Glicko2Rating& second,
                                                         double scoreOfFirst,
                                                         const Glicko2Settings& settings) {
  const Glicko2Game firstGame{second.rating, second.deviation, scoreOfFirst};
  const Glicko2Game secondGame{first.rating, first.deviation, 1.0 - scoreOfFirst};
  auto firstAfter = rate(first, std::span(&firstGame, 1), settings);
  if (!firstAfter) return std::unexpected(firstAfter.error());
  auto secondAfter = rate(second, std::span(&secondGame, 1), settings);
  if (!secondAfter) return std::unexpected(secondAfter.error());
  return std::pair{*firstAfter, *secondAfter};
}

}  // namespace arena::rating
