#pragma once
// Storage-backed matchmaking tests: players with ratings, problems with difficulties, solved
// problems, and a clock the test moves by hand. Runs on both storage backends.

#include <chrono>
#include <memory>
#include <string>

#include "features/matchmaking/matchmaking_service.hpp"
#include "storage_fixture.hpp"

namespace arena::server::matchmaking::testing {

class MatchmakingTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    m_service = std::make_unique<MatchmakingService>(repositories(), PairingRules{},
                                                     [this] { return m_now; });
  }

  MatchmakingRepositories repositories() {
    return {storage().users(), storage().problems(), storage().submissions(), storage().matches()};
  }
  Timestamp now() const { return m_now; }

  MatchmakingService& service() { return *m_service; }
  void advance(std::chrono::milliseconds by) { m_now += by; }

  std::int64_t player(const std::string& name, std::int32_t rating) {
    const std::int64_t id = makeUser(name);
    const storage::RatingChange change{id, rating, 200.0, 0.06, std::nullopt};
    EXPECT_TRUE(storage().users().updateRatings(std::span(&change, 1)).has_value());
    return id;
  }

  std::int64_t problem(const std::string& slug, model::Difficulty difficulty) {
    model::Problem problem;
    problem.slug = slug;
    problem.title = "Problem " + slug;
    problem.difficulty = difficulty;
    problem.description = "Add two numbers.";
    auto created = storage().problems().create(problem);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created ? created->problem.id : 0;
  }

  void solve(std::int64_t user, std::int64_t problemId) {
    auto created = storage().submissions().create({user, problemId, "cpp17", "int main(){}", {}});
    ASSERT_TRUE(created.has_value()) << created.error().message;
    const std::int64_t id = created->record.submission.id;
    auto attempt = storage().submissions().claimForJudging(id);
    ASSERT_TRUE(attempt.has_value());
    storage::JudgeResult result;
    result.verdict = model::Verdict::Accepted;
    result.judgedAt = m_now;
    ASSERT_TRUE(storage().submissions().recordResult(id, *attempt, result).has_value());
  }

 private:
  Timestamp m_now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
  std::unique_ptr<MatchmakingService> m_service;
};

}  // namespace arena::server::matchmaking::testing
