#include "features/contests/contest_boards.hpp"

#include <nlohmann/json.hpp>

#include "arena/scoring/scoreboard_json.hpp"
#include "features/contests/contest_phase.hpp"
#include "features/contests/contest_reveal.hpp"
#include "features/contests/reveal_store.hpp"

namespace arena::server::contests {

std::string contestChannel(std::int64_t contestId) {
  return "contest:" + std::to_string(contestId);
}

std::string contestJuryChannel(std::int64_t contestId) {
  return contestChannel(contestId) + ":jury";
}

scoring::ScoredSubmission toScored(const storage::ContestSubmission& submission,
                                   const storage::ContestRecord& contest,
                                   const std::unordered_map<std::int64_t, std::int32_t>& tests) {
  scoring::ScoredSubmission scored;
  scored.id = submission.id;
  scored.teamId = submission.teamId;
  scored.problemId = submission.problemId;
  scored.time = std::chrono::duration_cast<scoring::ContestTime>(submission.countedAt() -
                                                                 contest.contest.startsAt);
  if (submission.status == model::SubmissionStatus::Judged) scored.verdict = submission.verdict;
  if (contest.contest.rules == model::ContestRules::Ioi && scored.verdict &&
      *scored.verdict != model::Verdict::CompileError) {
    const auto count = tests.find(submission.problemId);
    const std::int32_t total = count == tests.end() ? 0 : count->second;
    if (total > 0) {
      scored.subtaskScores.assign(static_cast<std::size_t>(total), 0.0);
      for (const auto& test : submission.tests) {
        if (test.index >= 1 && test.index <= total && test.verdict == model::Verdict::Accepted)
          scored.subtaskScores[static_cast<std::size_t>(test.index - 1)] = 100.0 / total;
      }
    }
  }
  return scored;
}

void feedFromJudgeEvents(live::EventBus& bus, std::weak_ptr<ContestBoards> boards) {
  bus.subscribe([boards = std::move(boards)](const live::Event& event) {
    if (event.channel != "submissions") return;
    const bool verdict = event.type == "submission.verdict";
    const bool compiling = event.type == "submission.progress" &&
                           event.data.find("\"stage\":\"compiling\"") != std::string::npos;
    if (!verdict && !compiling) return;
    auto live = boards.lock();
    if (!live) return;
    const auto data = nlohmann::json::parse(event.data, nullptr, false);
    if (!data.is_object() || !data.contains("id") || !data["id"].is_number_integer()) return;
    live->submissionChanged(data["id"].get<std::int64_t>());
  });
}

ContestBoards::ContestBoards(storage::ContestRepository& contests, live::EventBus* bus)
    : m_contests(contests), m_bus(bus) {}

ContestBoards::~ContestBoards() { stop(); }

void ContestBoards::start() {
  if (m_thread.joinable()) return;
  m_thread = std::thread([this] { run(); });
}

void ContestBoards::stop() {
  {
    std::lock_guard lock(m_queueMutex);
    m_stopping = true;
  }
  m_queueChanged.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void ContestBoards::submissionChanged(std::int64_t submissionId) {
  {
    std::lock_guard lock(m_queueMutex);
    if (!m_queued.insert(submissionId).second) return;
    m_queue.push_back(submissionId);
  }
  m_queueChanged.notify_one();
}

void ContestBoards::drain() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::lock_guard lock(m_queueMutex);
      if (m_queue.empty()) return;
      id = m_queue.front();
      m_queue.pop_front();
      m_queued.erase(id);
    }
    process(id);
  }
}

void ContestBoards::run() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(m_queueMutex);
      m_queueChanged.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
      if (m_stopping) return;
      id = m_queue.front();
      m_queue.pop_front();
      // Erased before the read: a verdict arriving while this one is read queues it again.
      m_queued.erase(id);
    }
    process(id);
  }
}

void ContestBoards::process(std::int64_t submissionId) {
  // Read outside the lock (see the theory of operation for why this loses nothing).
  auto submission = m_contests.findSubmission(submissionId);
  if (!submission) return;  // not a contest submission (NotFound), or the database is away
  std::lock_guard lock(m_boardsMutex);
  const bool existed = m_boards.contains(submission->contestId);
  auto board = boardLocked(submission->contestId);
  if (!board) return;
  scoring::ScoreboardChange change;
  if (existed) {
    const auto scored = toScored(*submission, (*board)->contest, (*board)->testCounts);
    auto applied = std::visit([&](auto& b) { return b.apply(scored); }, (*board)->board);
    if (!applied) {
      // A team added after the board was built, or a problem removed: rebuild on next use.
      m_boards.erase(submission->contestId);
      return;
    }
    change = std::move(*applied);
  } else {
    // Built just now from the database, with this submission: its team's row is what changed.
    change.publicRows = {submission->teamId};
    change.juryRows = {submission->teamId};
  }
  publish(submission->contestId, change, **board);
}

void ContestBoards::publish(std::int64_t contestId, const scoring::ScoreboardChange& change,
                            const ContestBoard& board) {
  if (m_bus == nullptr) return;
  const auto send = [&](const std::vector<std::int64_t>& rows, scoring::ScoreboardView view,
                        const std::string& channel) {
    if (rows.empty()) return;
    // Mid-ceremony the public rows are the frozen board with the revealed cells shown.
    const std::string json =
        view == scoring::ScoreboardView::Public && !board.revealed.empty()
            ? revealedRowsJson(board, rows)
            : std::visit([&](const auto& b) { return scoring::rowsToJson(b, view, rows); },
                         board.board);
    // {"view":...,"rows":[...]} -> {"contest_id":N,"view":...,"rows":[...]}
    std::string data = "{\"contest_id\":" + std::to_string(contestId) + ",";
    data.append(json, 1, std::string::npos);
    m_bus->publish({channel, "contest.scoreboard", std::move(data)});
  };
  send(change.publicRows, scoring::ScoreboardView::Public, contestChannel(contestId));
  send(change.juryRows, scoring::ScoreboardView::Jury, contestJuryChannel(contestId));
}

void ContestBoards::invalidate(std::int64_t contestId) {
  {
    std::lock_guard lock(m_boardsMutex);
    m_boards.erase(contestId);
  }
  if (m_bus == nullptr) return;
  const std::string data = nlohmann::json{{"contest_id", contestId}}.dump();
  m_bus->publish({contestChannel(contestId), "contest.updated", data});
  m_bus->publish({contestJuryChannel(contestId), "contest.updated", data});
}

Result<void> ContestBoards::withBoard(std::int64_t contestId,
                                      const std::function<void(const ContestBoard&)>& read) {
  std::lock_guard lock(m_boardsMutex);
  auto board = boardLocked(contestId);
  if (!board) return std::unexpected(board.error());
  read(**board);
  return {};
}

Result<void> ContestBoards::updateBoard(std::int64_t contestId,
                                        const std::function<void(ContestBoard&)>& change) {
  std::lock_guard lock(m_boardsMutex);
  auto board = boardLocked(contestId);
  if (!board) return std::unexpected(board.error());
  change(**board);
  return {};
}

Result<std::shared_ptr<ContestBoard>> ContestBoards::boardLocked(std::int64_t contestId) {
  if (const auto found = m_boards.find(contestId); found != m_boards.end()) return found->second;
  auto built = build(contestId);
  if (!built) return built;
  m_boards[contestId] = *built;
  return built;
}

Result<std::shared_ptr<ContestBoard>> ContestBoards::build(std::int64_t contestId) {
  auto contest = m_contests.findById(contestId);
  if (!contest) return std::unexpected(contest.error());
  auto teams = m_contests.teams(contestId);
  if (!teams) return std::unexpected(teams.error());
  auto counts = m_contests.testCounts(contestId);
  if (!counts) return std::unexpected(counts.error());
  auto submissions = m_contests.submissions(contestId);
  if (!submissions) return std::unexpected(submissions.error());

  std::vector<std::int64_t> problemIds;
  for (const auto& problem : contest->contest.problems) problemIds.push_back(problem.problemId);
  std::vector<std::int64_t> teamIds;
  for (const auto& team : *teams) teamIds.push_back(team.id);
  const auto freeze = boardFreeze(*contest);

  auto make = [&]() -> std::variant<scoring::IcpcScoreboard, scoring::IoiScoreboard> {
    if (contest->contest.rules == model::ContestRules::Ioi) {
      return scoring::IoiScoreboard(problemIds, teamIds, {contest->ioiScoring, freeze});
    }
    return scoring::IcpcScoreboard(problemIds, teamIds, {20, freeze});
  };
  auto board = std::make_shared<ContestBoard>(
      ContestBoard{*contest, std::move(*teams), std::move(*counts), make(), {}});
  if (m_reveals != nullptr && freeze && !contest->unfrozenAt) {
    auto revealed = m_reveals->revealed(contestId);
    if (!revealed) return std::unexpected(revealed.error());
    board->revealed = std::move(*revealed);
  }
  for (const auto& submission : *submissions) {
    // Submissions to a problem since removed from the contest, or made before the start by a
    // proctor's clock change, are not on the board; the rest apply.
    static_cast<void>(std::visit(
        [&](auto& b) { return b.apply(toScored(submission, board->contest, board->testCounts)); },
        board->board));
  }
  return board;
}

}  // namespace arena::server::contests
