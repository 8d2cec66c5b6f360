// Glicko-2 against Glickman's worked example ("Example of the Glicko-2 system", 2013), plus the
// rating period without games and the inputs a caller could get wrong.

#include "arena/rating/glicko2.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace arena::rating {
namespace {

const Glicko2Settings kPaperSettings{0.5, 1e-6, 350.0, 200};

// The paper's player: 1500 / 200 / 0.06 beats 1400/30, loses to 1550/100 and 1700/300.
const Glicko2Rating kPaperPlayer{1500.0, 200.0, 0.06};
const std::array kPaperGames{Glicko2Game{1400.0, 30.0, 1.0}, Glicko2Game{1550.0, 100.0, 0.0},
                             Glicko2Game{1700.0, 300.0, 0.0}};

TEST(Glicko2Test, ReproducesThePapersWorkedExample) {
  const auto after = rate(kPaperPlayer, kPaperGames, kPaperSettings);
  ASSERT_TRUE(after.has_value()) << after.error().message;
  const double mu = (after->rating - 1500.0) / 173.7178;
  const double phi = after->deviation / 173.7178;
  // The paper works on the Glicko-2 scale to four decimals: mu' = -0.2069, phi' = 0.8722,
  // and converts those rounded values back: r' = 173.7178 * -0.2069 + 1500 = 1464.06,
  // RD' = 173.7178 * 0.8722 = 151.52. Each figure, rounded as the paper rounds it:
  EXPECT_EQ(std::round(mu * 1e4) / 1e4, -0.2069);
  EXPECT_EQ(std::round(phi * 1e4) / 1e4, 0.8722);
  EXPECT_EQ(std::round((173.7178 * (std::round(mu * 1e4) / 1e4) + 1500.0) * 100.0) / 100.0,
            1464.06);
  EXPECT_EQ(std::round(after->deviation * 100.0) / 100.0, 151.52);
  // sigma' = 0.05999 in the paper: its first five decimals (0.0599960 unrounded).
  EXPECT_EQ(std::trunc(after->volatility * 1e5) / 1e5, 0.05999);
  // Without the paper's intermediate rounding: r' = 1464.0507, RD' = 151.5165, sigma' =
  // 0.0599960, the figures independent implementations of the paper print.
  EXPECT_NEAR(after->rating, 1464.0507, 0.0001);
  EXPECT_NEAR(after->deviation, 151.5165, 0.0001);
  EXPECT_NEAR(after->volatility, 0.0599960, 0.0000001);
}

TEST(Glicko2Test, GameOrderWithinAPeriodDoesNotMatter) {
  const std::array reversed{kPaperGames[2], kPaperGames[1], kPaperGames[0]};
  const auto forward = rate(kPaperPlayer, kPaperGames, kPaperSettings);
  const auto backward = rate(kPaperPlayer, reversed, kPaperSettings);
  ASSERT_TRUE(forward && backward);
  EXPECT_NEAR(forward->rating, backward->rating, 1e-9);
  EXPECT_NEAR(forward->deviation, backward->deviation, 1e-9);
}

TEST(Glicko2Test, APlayerWithoutGamesKeepsTheRatingButGrowsUncertain) {
  const auto after = rate(kPaperPlayer, {}, kPaperSettings);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->rating, 1500.0);
  EXPECT_EQ(after->volatility, 0.06);
  // phi* = sqrt(phi^2 + sigma^2): 200 -> sqrt((200/173.7178)^2 + 0.06^2) * 173.7178.
  const double phi = 200.0 / 173.7178;
  EXPECT_NEAR(after->deviation, std::sqrt(phi * phi + 0.06 * 0.06) * 173.7178, 1e-9);
  EXPECT_GT(after->deviation, 200.0);
}

TEST(Glicko2Test, DeviationNeverGrowsPastTheCap) {
  const auto newcomer = rate(Glicko2Rating{1500.0, 350.0, 0.06}, {}, kPaperSettings);
  ASSERT_TRUE(newcomer.has_value());
  EXPECT_EQ(newcomer->deviation, 350.0);

  Glicko2Rating absent{1700.0, 340.0, 0.06};
  for (int period = 0; period < 200; ++period) absent = *rate(absent, {}, kPaperSettings);
  EXPECT_EQ(absent.deviation, 350.0);
  EXPECT_EQ(absent.rating, 1700.0);
}

TEST(Glicko2Test, AWinRaisesAndALossLowersTheRating) {
  const Glicko2Rating player{1500.0, 200.0, 0.06};
  const std::array win{Glicko2Game{1500.0, 200.0, 1.0}};
  const std::array loss{Glicko2Game{1500.0, 200.0, 0.0}};
  const std::array draw{Glicko2Game{1500.0, 200.0, 0.5}};
  EXPECT_GT(rate(player, win)->rating, 1500.0);
  EXPECT_LT(rate(player, loss)->rating, 1500.0);
  EXPECT_NEAR(rate(player, draw)->rating, 1500.0, 1e-9);
  // Any game makes the rating more certain than it was.
  EXPECT_LT(rate(player, draw)->deviation, 200.0);
}

TEST(Glicko2Test, DuelRatesBothPlayersFromTheirRatingsBeforeTheGame) {
  const Glicko2Rating strong{1800.0, 80.0, 0.06};
  const Glicko2Rating weak{1400.0, 120.0, 0.06};
  const auto upset = rateDuel(strong, weak, 0.0);
  ASSERT_TRUE(upset.has_value());
  const std::array strongGame{Glicko2Game{1400.0, 120.0, 0.0}};
  const std::array weakGame{Glicko2Game{1800.0, 80.0, 1.0}};
  EXPECT_EQ(upset->first, *rate(strong, strongGame));
  EXPECT_EQ(upset->second, *rate(weak, weakGame));
  // An upset moves both a long way; the expected result barely moves either.
  const auto expected = rateDuel(strong, weak, 1.0);
  EXPECT_GT(strong.rating - upset->first.rating, expected->first.rating - strong.rating);
  EXPECT_GT(upset->second.rating - weak.rating, weak.rating - expected->second.rating);
}

TEST(Glicko2Test, ExtremeUpsetStaysFinite) {
  // A 1000 beats a certain 3000: delta^2 > phi^2 + v takes the other bracket in step 5.
  const std::array games{Glicko2Game{3000.0, 30.0, 1.0}};
  const auto after = rate(Glicko2Rating{1000.0, 30.0, 0.06}, games, kPaperSettings);
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_TRUE(std::isfinite(after->rating));
  EXPECT_TRUE(std::isfinite(after->deviation));
  EXPECT_GT(after->rating, 1000.0);
  EXPECT_GT(after->volatility, 0.06);  // a surprise makes the player look more erratic
}

TEST(Glicko2Test, ManyPeriodsOfTheSameResultConverge) {
  Glicko2Rating player{1500.0, 350.0, 0.06};
  const std::array beatsEqual{Glicko2Game{1500.0, 50.0, 1.0}};
  for (int period = 0; period < 200; ++period) {
    const auto after = rate(player, beatsEqual);
    ASSERT_TRUE(after.has_value()) << "period " << period;
    player = *after;
  }
  EXPECT_TRUE(std::isfinite(player.rating));
  EXPECT_GT(player.rating, 1500.0);
  EXPECT_GT(player.deviation, 0.0);
}

TEST(Glicko2Test, RefusesInputsThatHaveNoMeaning) {
  const std::array badScore{Glicko2Game{1500.0, 100.0, 1.5}};
  const std::array negativeScore{Glicko2Game{1500.0, 100.0, -0.1}};
  const std::array nanScore{Glicko2Game{1500.0, 100.0, std::nan("")}};
  const std::array zeroOpponentDeviation{Glicko2Game{1500.0, 0.0, 1.0}};
  const std::array infiniteOpponent{Glicko2Game{std::numeric_limits<double>::infinity(), 100.0, 1.0}};
  for (const auto& games : {badScore, negativeScore, nanScore, zeroOpponentDeviation,
                            infiniteOpponent}) {
    const auto after = rate(kPaperPlayer, games);
    ASSERT_FALSE(after.has_value());
    EXPECT_EQ(after.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_FALSE(rate(Glicko2Rating{1500.0, 0.0, 0.06}, kPaperGames).has_value());
  EXPECT_FALSE(rate(Glicko2Rating{1500.0, 200.0, 0.0}, kPaperGames).has_value());
  EXPECT_FALSE(rate(Glicko2Rating{std::nan(""), 200.0, 0.06}, kPaperGames).has_value());
  EXPECT_FALSE(rate(kPaperPlayer, kPaperGames, Glicko2Settings{0.0, 1e-6, 350.0, 200}).has_value());
  EXPECT_FALSE(rateDuel(kPaperPlayer, kPaperPlayer, 2.0).has_value());
}

}  // namespace
}  // namespace arena::rating
