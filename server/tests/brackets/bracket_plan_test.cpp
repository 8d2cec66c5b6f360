// The bracket's shape as pure functions: seeding by rating, the standard line order, byes for the
// top seeds, advancement into the next round, the champion, and the draw rule.

#include "features/brackets/bracket_plan.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace arena::server::brackets {
namespace {

// Players 101.. with ratings falling by 10, so user 100+k is seed k.
std::vector<Entrant> seeded(int count) {
  std::vector<Candidate> candidates;
  for (int i = 1; i <= count; ++i) candidates.push_back({100 + i, 2000 - 10 * i});
  auto entrants = seed(candidates);
  EXPECT_TRUE(entrants.has_value());
  return entrants.value_or(std::vector<Entrant>{});
}

const Slot& at(const std::vector<Slot>& slots, int round, int position) {
  const auto it = std::find_if(slots.begin(), slots.end(), [&](const Slot& slot) {
    return slot.round == round && slot.position == position;
  });
  EXPECT_NE(it, slots.end());
  return *it;
}

std::int64_t userOfSeed(int seed) { return 100 + seed; }

TEST(BracketPlanTest, RoundsAreTheCeilingOfLogTwo) {
  EXPECT_EQ(roundsFor(2), 1);
  EXPECT_EQ(roundsFor(3), 2);
  EXPECT_EQ(roundsFor(4), 2);
  EXPECT_EQ(roundsFor(5), 3);
  EXPECT_EQ(roundsFor(8), 3);
  EXPECT_EQ(roundsFor(9), 4);
  EXPECT_EQ(roundsFor(64), 6);
}

TEST(BracketPlanTest, SeedLinesPutTheTopTwoSeedsInOppositeHalves) {
  EXPECT_EQ(seedLines(2), (std::vector<int>{1, 2}));
  EXPECT_EQ(seedLines(4), (std::vector<int>{1, 4, 2, 3}));
  EXPECT_EQ(seedLines(8), (std::vector<int>{1, 8, 4, 5, 2, 7, 3, 6}));
  const auto lines = seedLines(64);
  for (std::size_t i = 0; i < lines.size(); i += 2) {
    EXPECT_EQ(lines[i] + lines[i + 1], 65) << "every first-round pair is k against 65 - k";
  }
  const auto one = std::find(lines.begin(), lines.end(), 1) - lines.begin();
  const auto two = std::find(lines.begin(), lines.end(), 2) - lines.begin();
  EXPECT_LT(one, 32);
  EXPECT_GE(two, 32);
}

TEST(BracketPlanTest, SeedingSortsByRatingAndKeepsTheListedOrderOnTies) {
  auto entrants = seed({{7, 1400}, {8, 1700}, {9, 1400}, {10, 1900}});
  ASSERT_TRUE(entrants.has_value());
  ASSERT_EQ(entrants->size(), 4u);
  EXPECT_EQ((*entrants)[0].userId, 10);
  EXPECT_EQ((*entrants)[1].userId, 8);
  EXPECT_EQ((*entrants)[2].userId, 7) << "a tie keeps the order the proctor listed";
  EXPECT_EQ((*entrants)[3].userId, 9);
  for (int i = 0; i < 4; ++i) EXPECT_EQ((*entrants)[static_cast<std::size_t>(i)].seed, i + 1);
  EXPECT_EQ((*entrants)[0].rating, 1900);
}

TEST(BracketPlanTest, SeedingRefusesTooFewTooManyAndDuplicates) {
  EXPECT_EQ(seed({}).error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(seed({{1, 1500}}).error().code, ErrorCode::InvalidArgument);
  std::vector<Candidate> many;
  for (int i = 1; i <= 65; ++i) many.push_back({i, 1500});
  EXPECT_EQ(seed(many).error().code, ErrorCode::InvalidArgument);
  many.pop_back();
  EXPECT_TRUE(seed(many).has_value()) << "64 is allowed";
  auto twice = seed({{1, 1500}, {2, 1500}, {1, 1500}});
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message.find("twice"), std::string::npos);
}

TEST(BracketPlanTest, TwoPlayersMakeOneFinal) {
  const auto slots = planSlots(seeded(2));
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].player1, userOfSeed(1));
  EXPECT_EQ(slots[0].player2, userOfSeed(2));
  EXPECT_TRUE(slots[0].readyToStart());
  EXPECT_FALSE(nextSeat(0, 0, 1).has_value()) << "the final leads nowhere";
}

TEST(BracketPlanTest, FourPlayersPlayOneAgainstFourAndTwoAgainstThree) {
  const auto slots = planSlots(seeded(4));
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(at(slots, 0, 0).player1, userOfSeed(1));
  EXPECT_EQ(at(slots, 0, 0).player2, userOfSeed(4));
  EXPECT_EQ(at(slots, 0, 1).player1, userOfSeed(2));
  EXPECT_EQ(at(slots, 0, 1).player2, userOfSeed(3));
  EXPECT_FALSE(at(slots, 1, 0).player1.has_value());
  EXPECT_FALSE(at(slots, 1, 0).readyToStart());
  for (const Slot& slot : slots) EXPECT_FALSE(slot.decided());
}

TEST(BracketPlanTest, ThreePlayersGiveTheTopSeedABye) {
  const auto slots = planSlots(seeded(3));
  ASSERT_EQ(slots.size(), 3u);
  const Slot& bye = at(slots, 0, 0);
  EXPECT_EQ(bye.player1, userOfSeed(1));
  EXPECT_FALSE(bye.player2.has_value());
  EXPECT_EQ(bye.winnerId, userOfSeed(1));
  EXPECT_EQ(bye.decidedBy, Decision::Bye);
  EXPECT_FALSE(bye.readyToStart()) << "a bye is never played";
  EXPECT_TRUE(at(slots, 0, 1).readyToStart()) << "seed 2 against seed 3";
  EXPECT_EQ(at(slots, 1, 0).player1, userOfSeed(1)) << "seed 1 waits in the final";
  EXPECT_FALSE(at(slots, 1, 0).player2.has_value());
}

TEST(BracketPlanTest, FivePlayersGiveByesToSeedsOneTwoAndThree) {
  const auto slots = planSlots(seeded(5));
  ASSERT_EQ(slots.size(), 7u);
  int byes = 0;
  for (const Slot& slot : slots) byes += slot.decidedBy == Decision::Bye ? 1 : 0;
  EXPECT_EQ(byes, 3);
  EXPECT_EQ(at(slots, 0, 0).winnerId, userOfSeed(1));
  EXPECT_EQ(at(slots, 0, 1).player1, userOfSeed(4));
  EXPECT_EQ(at(slots, 0, 1).player2, userOfSeed(5));
  EXPECT_TRUE(at(slots, 0, 1).readyToStart());
  EXPECT_EQ(at(slots, 0, 2).winnerId, userOfSeed(2));
  EXPECT_EQ(at(slots, 0, 3).winnerId, userOfSeed(3));
  // Seeds 2 and 3 both came through byes: their semifinal can start at once.
  EXPECT_EQ(at(slots, 1, 1).player1, userOfSeed(2));
  EXPECT_EQ(at(slots, 1, 1).player2, userOfSeed(3));
  EXPECT_TRUE(at(slots, 1, 1).readyToStart());
  EXPECT_EQ(at(slots, 1, 0).player1, userOfSeed(1));
  EXPECT_FALSE(at(slots, 1, 0).readyToStart()) << "seed 1 waits for 4 v 5";
}

TEST(BracketPlanTest, SixPlayersGiveByesToTheTopTwoSeeds) {
  const auto slots = planSlots(seeded(6));
  ASSERT_EQ(slots.size(), 7u);
  EXPECT_EQ(at(slots, 0, 0).decidedBy, Decision::Bye);
  EXPECT_EQ(at(slots, 0, 0).winnerId, userOfSeed(1));
  EXPECT_EQ(at(slots, 0, 2).decidedBy, Decision::Bye);
  EXPECT_EQ(at(slots, 0, 2).winnerId, userOfSeed(2));
  EXPECT_TRUE(at(slots, 0, 1).readyToStart());  // 4 v 5
  EXPECT_TRUE(at(slots, 0, 3).readyToStart());  // 3 v 6
  EXPECT_EQ(at(slots, 0, 3).player1, userOfSeed(3));
  EXPECT_EQ(at(slots, 0, 3).player2, userOfSeed(6));
  EXPECT_FALSE(at(slots, 1, 0).readyToStart());
  EXPECT_FALSE(at(slots, 1, 1).readyToStart());
}

TEST(BracketPlanTest, EveryPlayerCountPlaysEachPlayerOnceInRoundZeroOrByes) {
  for (int count = 2; count <= 64; ++count) {
    const auto slots = planSlots(seeded(count));
    const int size = 1 << roundsFor(count);
    EXPECT_EQ(static_cast<int>(slots.size()), size - 1) << count;
    std::vector<std::int64_t> seen;
    int byes = 0;
    for (const Slot& slot : slots) {
      if (slot.round != 0) continue;
      EXPECT_TRUE(slot.player1 || slot.player2) << "never two byes in one slot, n=" << count;
      if (slot.player1) seen.push_back(*slot.player1);
      if (slot.player2) seen.push_back(*slot.player2);
      byes += slot.decidedBy == Decision::Bye ? 1 : 0;
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(static_cast<int>(seen.size()), count);
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
    EXPECT_EQ(byes, size - count) << "n=" << count;
  }
}

TEST(BracketPlanTest, AWinnerTakesTheSeatOfTheNextRound) {
  EXPECT_EQ(nextSeat(0, 0, 3), (Seat{1, 0, 1}));
  EXPECT_EQ(nextSeat(0, 1, 3), (Seat{1, 0, 2}));
  EXPECT_EQ(nextSeat(0, 3, 3), (Seat{1, 1, 2}));
  EXPECT_EQ(nextSeat(1, 1, 3), (Seat{2, 0, 2}));
  EXPECT_FALSE(nextSeat(2, 0, 3).has_value());

  auto slots = planSlots(seeded(4));
  ASSERT_TRUE(advance(slots, 0, 1, userOfSeed(3), Decision::Solved).has_value());
  EXPECT_EQ(at(slots, 1, 0).player2, userOfSeed(3));
  EXPECT_FALSE(at(slots, 1, 0).readyToStart());
  ASSERT_TRUE(advance(slots, 0, 0, userOfSeed(1), Decision::Forfeit).has_value());
  EXPECT_EQ(at(slots, 1, 0).player1, userOfSeed(1));
  EXPECT_TRUE(at(slots, 1, 0).readyToStart());
  EXPECT_FALSE(championOf(slots).has_value());
  ASSERT_TRUE(advance(slots, 1, 0, userOfSeed(3), Decision::Solved).has_value());
  EXPECT_EQ(championOf(slots), userOfSeed(3));
}

TEST(BracketPlanTest, AdvanceRefusesStrangersRepeatsAndUnknownSlots) {
  auto slots = planSlots(seeded(4));
  EXPECT_EQ(advance(slots, 0, 0, userOfSeed(2), Decision::Solved).error().code,
            ErrorCode::InvalidArgument)
      << "seed 2 does not play in slot (0, 0)";
  EXPECT_EQ(advance(slots, 5, 0, userOfSeed(1), Decision::Solved).error().code,
            ErrorCode::InvalidArgument);
  ASSERT_TRUE(advance(slots, 0, 0, userOfSeed(4), Decision::Solved).has_value());
  EXPECT_EQ(advance(slots, 0, 0, userOfSeed(1), Decision::Solved).error().code,
            ErrorCode::InvalidArgument)
      << "a decided slot stays decided";
  EXPECT_EQ(at(slots, 1, 0).player1, userOfSeed(4));
}

TEST(BracketPlanTest, ADrawGoesToFewerWrongTriesThenTheHigherSeed) {
  EXPECT_EQ(breakDraw({11, 1, 3}, {12, 4, 1}),
            (std::pair<std::int64_t, Decision>{12, Decision::FewerWrongTries}))
      << "fewer wrong tries beats the seed";
  EXPECT_EQ(breakDraw({11, 4, 0}, {12, 1, 2}),
            (std::pair<std::int64_t, Decision>{11, Decision::FewerWrongTries}));
  EXPECT_EQ(breakDraw({11, 4, 2}, {12, 1, 2}),
            (std::pair<std::int64_t, Decision>{12, Decision::HigherSeed}));
  EXPECT_EQ(breakDraw({11, 2, 0}, {12, 3, 0}),
            (std::pair<std::int64_t, Decision>{11, Decision::HigherSeed}))
      << "nobody tried: the higher seed";
  // The order the two are given in does not matter.
  EXPECT_EQ(breakDraw({12, 3, 0}, {11, 2, 0}).first, 11);
  EXPECT_EQ(breakDraw({12, 4, 1}, {11, 1, 3}).first, 12);
}

TEST(BracketPlanTest, DecisionsHaveStableNames) {
  EXPECT_EQ(model::enumName(Decision::FewerWrongTries), "fewer_wrong_tries");
  EXPECT_EQ(model::enumName(Decision::HigherSeed), "higher_seed");
  EXPECT_EQ(model::enumFromName<Decision>("bye"), Decision::Bye);
}

}  // namespace
}  // namespace arena::server::brackets
