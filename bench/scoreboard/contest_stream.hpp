#pragma once
// A simulated five-hour ICPC contest for the scoreboard benchmarks: the same seeded stream of
// submissions for every variant, so each replays exactly the same events on its own board.
//
// A team's strength decides how often it is accepted; the contest minute grows through the
// stream. The first `judgedBefore` submissions are the contest so far (judged, untimed); each
// later one arrives pending and is then judged (the timed part).

#include <chrono>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "arena/scoring/icpc_scoreboard.hpp"

namespace arena::bench {

struct ContestStream {
  std::vector<std::int64_t> problemIds;
  std::vector<std::int64_t> teamIds;
  // Each submission (without its verdict) and the verdict it will get.
  std::vector<std::pair<scoring::ScoredSubmission, model::Verdict>> submissions;
  std::size_t judgedBefore = 0;

  static constexpr auto kFreezeAt = std::chrono::minutes(240);

  // A board holding the contest so far: the first `judgedBefore` submissions, judged.
  scoring::IcpcScoreboard boardSoFar(scoring::IcpcOptions options = {20, kFreezeAt}) const {
    scoring::IcpcScoreboard board(problemIds, teamIds, options);
    for (std::size_t i = 0; i < judgedBefore; ++i) (void)board.apply(judged(i));
    return board;
  }

  scoring::ScoredSubmission pending(std::size_t i) const { return submissions[i].first; }
  scoring::ScoredSubmission judged(std::size_t i) const {
    scoring::ScoredSubmission s = submissions[i].first;
    s.verdict = submissions[i].second;
    return s;
  }
};

inline ContestStream simulateContest(int teams, int problems, int judgedBefore, int further) {
  using model::Verdict;
  ContestStream stream;
  for (int p = 1; p <= problems; ++p) stream.problemIds.push_back(p);
  for (int t = 1; t <= teams; ++t) stream.teamIds.push_back(t);
  stream.judgedBefore = static_cast<std::size_t>(judgedBefore);

  std::mt19937 random(42);
  std::vector<double> strength(static_cast<std::size_t>(teams));
  for (auto& s : strength) s = std::uniform_real_distribution<double>(0.1, 0.7)(random);
  const int total = judgedBefore + further;
  for (std::int64_t id = 1; id <= total; ++id) {
    const auto team = static_cast<std::size_t>(random() % static_cast<unsigned>(teams));
    const std::int64_t minute = 300 * id / (total + 1);
    scoring::ScoredSubmission s{
        id, stream.teamIds[team],
        stream.problemIds[random() % stream.problemIds.size()],
        std::chrono::minutes(minute) + std::chrono::seconds(random() % 60), std::nullopt, {}};
    const double roll = std::uniform_real_distribution<double>(0, 1)(random);
    const Verdict verdict = roll < strength[team]          ? Verdict::Accepted
                            : roll < strength[team] + 0.05 ? Verdict::CompileError
                            : roll < 0.85                  ? Verdict::WrongAnswer
                                                           : Verdict::TimeLimitExceeded;
    stream.submissions.emplace_back(s, verdict);
  }
  return stream;
}

}  // namespace arena::bench
