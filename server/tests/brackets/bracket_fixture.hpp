#pragma once
// Bracket tests on both storage backends, over the duel fixture (players, problems, submissions
// at chosen instants, a recording bus, a hand-moved clock): a BracketService on the fixture's
// DuelService, and helpers that end a bracket duel the ways duels end.

#include <memory>
#include <string>
#include <vector>

#include "duel_fixture.hpp"
#include "features/brackets/bracket_service.hpp"
#include "features/brackets/sql_bracket_repository.hpp"

namespace arena::server::brackets::testing {

class BracketTest : public duels::testing::DuelTest {
 protected:
  void SetUp() override {
    DuelTest::SetUp();
    if (IsSkipped()) return;
    m_brackets = std::make_unique<SqlBracketRepository>(storage().database());
    m_service = makeBracketService();
  }

  // A replica's bracket service on the same database, bus and duel service.
  std::unique_ptr<BracketService> makeBracketService() {
    auto made = std::make_unique<BracketService>(
        BracketDeps{*m_brackets, service(), repository(), storage().matches(), storage().users(),
                    storage().problems(), storage().submissions(), bus()},
        [this] { return now(); });
    made->subscribe();
    return made;
  }

  BracketService& brackets() { return *m_service; }
  BracketRepository& bracketRepository() { return *m_brackets; }

  // Runs the duel thread's and the bracket thread's queued work until both are quiet.
  void settle() {
    for (int round = 0; round < 20; ++round) {
      if (service().runPending() + brackets().runPending() == 0) return;
    }
  }

  static BracketRequest request(std::vector<std::int64_t> ids, std::vector<std::int64_t> pool = {},
                                const std::string& name = "Class 7B") {
    BracketRequest made;
    made.name = name;
    for (std::int64_t id : ids) made.players.push_back({id, {}});
    made.problemIds = std::move(pool);
    return made;
  }

  BracketRecord create(BracketRequest made) {
    made.createdBy =
        m_creator ? m_creator : (m_creator = makeUser("teacher", model::Role::Proctor));
    auto created = brackets().create(made);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    settle();
    return bracketOf(created.value_or(BracketRecord{}).summary.id);
  }

  BracketRecord bracketOf(std::int64_t id) {
    auto found = brackets().find(id);
    EXPECT_TRUE(found.has_value()) << (found ? "" : found.error().message);
    return found.value_or(BracketRecord{});
  }

  static const Slot& slotAt(const BracketRecord& bracket, int round, int position) {
    for (const Slot& slot : bracket.slots) {
      if (slot.round == round && slot.position == position) return slot;
    }
    ADD_FAILURE() << "no slot (" << round << ", " << position << ")";
    static const Slot none;
    return none;
  }

  // `winner` solves the slot's duel: after the countdown, an AC judged and announced.
  void winBySubmission(std::int64_t bracketId, int round, int position, std::int64_t winner) {
    const Slot slot = slotAt(bracketOf(bracketId), round, position);
    ASSERT_TRUE(slot.matchId.has_value()) << "the duel has not started";
    const duels::Duel duel = reload(*slot.matchId);
    if (now() < *duel.match.startedAt) advance(*duel.match.startedAt - now());
    advance(std::chrono::seconds(1));
    const std::int64_t id = submit(winner, duel.match.problemId, now(), model::Verdict::Accepted);
    announceVerdict(id, winner, duel.match.problemId, model::Verdict::Accepted);
    settle();
  }

 private:
  std::unique_ptr<SqlBracketRepository> m_brackets;
  std::unique_ptr<BracketService> m_service;
  std::int64_t m_creator = 0;
};

}  // namespace arena::server::brackets::testing
