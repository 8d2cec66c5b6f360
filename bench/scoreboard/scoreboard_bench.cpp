// Scoreboard cost per verdict for an ICPC contest of 500 teams x 12 problems (issue 9's target:
// recomputation and broadcast under 5 ms per verdict).
//
// A five-hour contest is simulated (contest_stream.hpp): 9,000 submissions already judged, then
// each further submission arrives pending and its verdict follows. Each variant replays the same
// stream on its own board; timed per verdict, in the same run:
//   incremental      apply()
//   + delta JSON     apply() and the changed rows of both views as JSON (what a live push sends)
//   + full JSON      apply() and the whole public board as JSON (into a reused buffer)
//   baseline         rebuild() from every submission and the whole public board as JSON
//                    (a fresh string, as a naive implementation would)
// Usage: arena-scoreboard-bench [teams=500] [problems=12] [verdicts=3000]
// The same deltas pushed to 500 WebSocket clients: arena-ws-fanout-bench --scoreboard.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "arena/scoring/icpc_scoreboard.hpp"
#include "arena/scoring/scoreboard_json.hpp"
#include "contest_stream.hpp"

using namespace arena::scoring;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
  std::vector<double> micros;
  void add(Clock::duration d) {
    micros.push_back(std::chrono::duration<double, std::micro>(d).count());
  }
  double percentile(double p) {
    std::sort(micros.begin(), micros.end());
    return micros[static_cast<std::size_t>(p * static_cast<double>(micros.size() - 1))];
  }
  double mean() const {
    double sum = 0;
    for (double m : micros) sum += m;
    return sum / static_cast<double>(micros.size());
  }
};

void print(const char* name, Stats& stats) {
  std::printf("%-34s mean %9.1f us   p50 %9.1f us   p99 %9.1f us   max %9.1f us\n", name,
              stats.mean(), stats.percentile(0.5), stats.percentile(0.99),
              stats.percentile(1.0));
}

}  // namespace

int main(int argc, char** argv) {
  const int teams = argc > 1 ? std::atoi(argv[1]) : 500;
  const int problems = argc > 2 ? std::atoi(argv[2]) : 12;
  const int verdicts = argc > 3 ? std::atoi(argv[3]) : 3000;
  constexpr int kWarmSubmissions = 9000;

  const arena::bench::ContestStream stream =
      arena::bench::simulateContest(teams, problems, kWarmSubmissions, verdicts);
  // Replays the timed part: each submission arrives pending (untimed), then its verdict is
  // applied and handled by `timed`, which returns the time it took.
  const auto replay = [&](auto timed) {
    IcpcScoreboard replayed = stream.boardSoFar();
    for (std::size_t i = stream.judgedBefore; i < stream.submissions.size(); ++i) {
      (void)replayed.apply(stream.pending(i));
      timed(replayed, stream.judged(i), static_cast<int>(i - stream.judgedBefore));
    }
    return replayed;
  };

  Stats incremental, withDelta, withFull, baseline;
  std::size_t deltaBytes = 0, fullBytes = 0, changedRows = 0;
  const IcpcScoreboard finalBoard =
      replay([&](IcpcScoreboard& board, const ScoredSubmission& s, int) {
        const auto t0 = Clock::now();
        (void)board.apply(s);
        incremental.add(Clock::now() - t0);
      });
  replay([&](IcpcScoreboard& board, const ScoredSubmission& s, int) {
    const auto t0 = Clock::now();
    const auto change = board.apply(s);
    const std::string pub = rowsToJson(board, ScoreboardView::Public, change->publicRows);
    const std::string jury = rowsToJson(board, ScoreboardView::Jury, change->juryRows);
    withDelta.add(Clock::now() - t0);
    deltaBytes += pub.size() + jury.size();
    changedRows += change->publicRows.size() + change->juryRows.size();
  });
  std::string buffer;  // one buffer reused across verdicts, as a live server would
  replay([&](IcpcScoreboard& board, const ScoredSubmission& s, int) {
    const auto t0 = Clock::now();
    (void)board.apply(s);
    writeJson(buffer, board, ScoreboardView::Public);
    withFull.add(Clock::now() - t0);
    fullBytes += buffer.size();
  });
  // The baseline is slow: it times every tenth verdict (the others are applied untimed).
  const IcpcScoreboard rebuiltBoard =
      replay([&](IcpcScoreboard& board, const ScoredSubmission& s, int index) {
        (void)board.apply(s);
        if (index % 10 != 0) return;
        const auto t0 = Clock::now();
        board.rebuild();
        const std::string full = toJson(board, ScoreboardView::Public);
        baseline.add(Clock::now() - t0);
      });
  if (toJson(finalBoard, ScoreboardView::Jury) != toJson(rebuiltBoard, ScoreboardView::Jury)) {
    std::fprintf(stderr, "incremental board differs from the rebuilt one\n");
    return 1;
  }

  std::printf("ICPC scoreboard: %d teams x %d problems, %d judged before, %d verdicts timed\n",
              teams, problems, kWarmSubmissions, verdicts);
  print("incremental apply", incremental);
  print("apply + delta JSON (both views)", withDelta);
  print("apply + full public JSON", withFull);
  print("baseline: rebuild + full JSON", baseline);
  std::printf("delta: %.1f rows, %.0f bytes per verdict; full board %.0f bytes\n",
              static_cast<double>(changedRows) / verdicts,
              static_cast<double>(deltaBytes) / verdicts,
              static_cast<double>(fullBytes) / verdicts);
  std::printf("speed-up (mean): apply+delta %.0fx, apply+full %.1fx over the baseline\n",
              baseline.mean() / withDelta.mean(), baseline.mean() / withFull.mean());
  return 0;
}
