#pragma once
// Theory of operation: the awards-ceremony unfreeze, driven by a proctor one click at a time.
//
// POST /api/contests/{id}/reveal/step reveals the next pending cell of the frozen public board in
// resolver order (scoring::Resolver: the lowest-ranked team with pending cells, its lowest-
// labelled pending problem; pending becomes solved or rejected as the jury board says, and the
// board re-ranks). The revealed cells are the only state: they are written to contest_reveals
// (RevealStore) and kept on the in-memory board (ContestBoard::revealed), and the public board a
// reader sees is the frozen board with those cells replaced by the truth (resolverOf), rebuilt
// from the current boards on every read, so a late verdict or rejudge is reflected too.
//
// Each step publishes the changed public rows as contest.scoreboard on "contest:<id>" (the same
// event every verdict sends). When the last pending cell is revealed (or a step finds none) the
// contest is unfrozen exactly as POST /unfreeze does (unfrozen_at set, board rebuilt from the
// truth, contest.updated sent).
//
// Steps are serialised by the boards' lock; two replicas racing for the same step are told apart
// by the table's keys: the second gets 409 and its board is reloaded from the database.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/scoring/resolver.hpp"
#include "features/contests/contest_boards.hpp"
#include "features/contests/reveal_store.hpp"
#include "live/event_bus.hpp"
#include "storage/contest_repository.hpp"

namespace arena::server::contests {

using BoardResolver = std::variant<scoring::IcpcResolver, scoring::IoiResolver>;

// The board's resolver with `board.revealed` replayed (cells no longer pending are skipped).
BoardResolver resolverOf(const ContestBoard& board);
// The public rows of `teamIds` mid-reveal, as scoring::rowsToJson writes them.
std::string revealedRowsJson(const ContestBoard& board, std::span<const std::int64_t> teamIds);
// The whole public board mid-reveal, as scoring::writeJson writes it.
void writeRevealedJson(std::string& out, const ContestBoard& board);
// {"revealed": N, "remaining": M}: how far the ceremony is.
nlohmann::json revealProgress(const ContestBoard& board);

class RevealService {
 public:
  RevealService(storage::ContestRepository& contests, ContestBoards& boards, RevealStore& store,
                live::EventBus* bus, std::function<Timestamp()> now = {});

  // Reveals the next cell: {contest_id, team_id, team, problem_id, problem, result
  // solved|rejected|pending|scored, score (IOI), old_rank, new_rank, revealed, remaining, state}.
  // The cell fields are null when nothing was left (the contest is then unfrozen).
  // NotFound for an unknown contest; Conflict when it has no freeze, has not ended, or was
  // unfrozen already.
  Result<nlohmann::json> step(std::int64_t contestId);

 private:
  Timestamp now() const;

  storage::ContestRepository& m_contests;
  ContestBoards& m_boards;
  RevealStore& m_store;
  live::EventBus* m_bus;
  std::function<Timestamp()> m_now;
};

}  // namespace arena::server::contests
