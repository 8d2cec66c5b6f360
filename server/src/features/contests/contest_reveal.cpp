#include "features/contests/contest_reveal.hpp"

#include <chrono>
#include <optional>

#include "arena/scoring/scoreboard_json.hpp"
#include "features/contests/contest_phase.hpp"

namespace arena::server::contests {

BoardResolver resolverOf(const ContestBoard& board) {
  auto resolver = std::visit(
      [](const auto& b) -> BoardResolver { return scoring::makeResolver(b); }, board.board);
  std::visit(
      [&](auto& r) {
        // A cell that is no longer pending (its team left the board, say) cannot be revealed
        // again; the rest of the ceremony goes on without it.
        for (const auto& cell : board.revealed) static_cast<void>(r.reveal(cell));
      },
      resolver);
  return resolver;
}

std::string revealedRowsJson(const ContestBoard& board, std::span<const std::int64_t> teamIds) {
  const auto resolver = resolverOf(board);
  return std::visit([&](const auto& r) { return scoring::rowsToJson(r, teamIds); }, resolver);
}

void writeRevealedJson(std::string& out, const ContestBoard& board) {
  const auto resolver = resolverOf(board);
  std::visit([&](const auto& r) { scoring::writeJson(out, r); }, resolver);
}

nlohmann::json revealProgress(const ContestBoard& board) {
  const auto resolver = resolverOf(board);
  return std::visit(
      [](const auto& r) {
        return nlohmann::json{{"revealed", r.revealed()}, {"remaining", r.remaining()}};
      },
      resolver);
}

RevealService::RevealService(storage::ContestRepository& contests, ContestBoards& boards,
                             RevealStore& store, live::EventBus* bus,
                             std::function<Timestamp()> now)
    : m_contests(contests), m_boards(boards), m_store(store), m_bus(bus), m_now(std::move(now)) {}

Timestamp RevealService::now() const {
  if (m_now) return m_now();
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Result<nlohmann::json> RevealService::step(std::int64_t contestId) {
  const std::string name = "contest " + std::to_string(contestId);
  auto record = m_contests.findById(contestId);
  if (!record) {
    if (record.error().code == ErrorCode::NotFound)
      return fail(ErrorCode::NotFound, "no contest with id " + std::to_string(contestId));
    return std::unexpected(record.error());
  }
  const Timestamp at = now();
  if (!freezeOf(*record)) return fail(ErrorCode::Conflict, name + " has no freeze to reveal");
  if (record->unfrozenAt) return fail(ErrorCode::Conflict, name + " is already unfrozen");
  if (at < endOf(*record))
    return fail(ErrorCode::Conflict, name + " has not ended (it ends at " +
                                         formatTimestamp(endOf(*record)) +
                                         "); the reveal starts after the end");

  nlohmann::json answer = {{"contest_id", contestId}, {"team_id", nullptr}, {"team", nullptr},
                           {"problem_id", nullptr},   {"problem", nullptr}, {"result", nullptr},
                           {"old_rank", nullptr},     {"new_rank", nullptr}};
  std::optional<Error> failure;
  std::string rows;
  std::size_t remaining = 0;
  std::size_t revealed = 0;
  auto changed = m_boards.updateBoard(contestId, [&](ContestBoard& board) {
    auto resolver = resolverOf(board);
    std::visit(
        [&](auto& r) {
          const auto next = r.next();
          if (!next) {
            revealed = r.revealed();
            return;
          }
          const auto stored = m_store.record(contestId, static_cast<std::int64_t>(
                                                            board.revealed.size() + 1),
                                             *next, at);
          if (!stored) {
            failure = stored.error();
            return;
          }
          board.revealed.push_back(*next);
          auto step = *r.reveal(*next);
          remaining = r.remaining();
          revealed = r.revealed();
          rows = scoring::rowsToJson(r, step.changedRows);
          answer["team_id"] = next->teamId;
          answer["problem_id"] = next->problemId;
          for (const auto& team : board.teams)
            if (team.id == next->teamId) answer["team"] = team.name;
          for (const auto& problem : board.contest.contest.problems)
            if (problem.problemId == next->problemId) answer["problem"] = problem.label;
          answer["result"] = scoring::revealResultName(step.result);
          if (step.result == scoring::RevealResult::Scored) answer["score"] = step.score;
          answer["old_rank"] = step.oldRank;
          answer["new_rank"] = step.newRank;
        },
        resolver);
  });
  if (!changed) return std::unexpected(changed.error());
  if (failure) {
    // Someone else recorded this step first: forget the board so the next read replays theirs.
    m_boards.invalidate(contestId);
    if (failure->code == ErrorCode::Conflict)
      return fail(ErrorCode::Conflict,
                  name + ": that cell was revealed by another request; step again");
    return std::unexpected(*failure);
  }
  if (m_bus != nullptr && !rows.empty() && !answer["team_id"].is_null()) {
    // {"view":...,"rows":[...]} -> {"contest_id":N,"view":...,"rows":[...]}
    std::string data = "{\"contest_id\":" + std::to_string(contestId) + ",";
    data.append(rows, 1, std::string::npos);
    m_bus->publish({contestChannel(contestId), "contest.scoreboard", std::move(data)});
  }
  std::string state = "ended";
  if (remaining == 0) {
    // Everything is out: the same end state as POST /unfreeze (the board is then the truth).
    auto unfrozen = m_contests.setUnfrozenAt(contestId, at);
    if (!unfrozen) return std::unexpected(unfrozen.error());
    m_boards.invalidate(contestId);
    state = "unfrozen";
  }
  answer["revealed"] = revealed;
  answer["remaining"] = remaining;
  answer["state"] = state;
  return answer;
}

}  // namespace arena::server::contests
