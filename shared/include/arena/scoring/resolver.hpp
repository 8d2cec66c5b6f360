#pragma once
// Theory of operation: the awards-ceremony reveal of a frozen board ("resolver" order).
//
// After the freeze the public board shows pending cells; the jury board is the truth. The
// resolver turns the first into the second one cell at a time, the way the ICPC resolver does:
//   - the next cell is on the lowest-ranked row that still has an unrevealed pending cell (rows in
//     ranking order, ties listed by team id, so the last of tied rows goes first);
//   - on that row, the pending cell of the problem that comes first in the contest's order (the
//     lowest label);
//   - revealing replaces the public cell by the jury's, the row's totals are recomputed and the
//     row moves to its new place (it may overtake others, so the next step may pick another row);
//   - a row with nothing left to reveal is passed over: the reveal moves up the board.
// When nothing is left the rows equal the jury's.
//
// The cells to reveal are fixed at construction: the public cells with pending submissions. A
// revealed cell is the jury's as it was at construction, so a cell the jury still has pending
// (a submission not judged yet) is revealed as pending and counts as revealed all the same.
//
// Pure: no clocks, no I/O. A server keeps the cells revealed so far and replays them on a fresh
// resolver (reveal(team, problem)) to continue after a restart. ICPC and IOI boards share the
// mechanism; only what a cell's result is and how a row's totals are summed differ.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/scoring/icpc_scoreboard.hpp"
#include "arena/scoring/ioi_scoreboard.hpp"
#include "arena/scoring/ranked_rows.hpp"

namespace arena::scoring {

// What a revealed cell turned out to be.
enum class RevealResult {
  Solved,    // ICPC: accepted (possibly after rejected tries)
  Rejected,  // ICPC: every hidden try failed
  Pending,   // the jury has not judged it either
  Scored     // IOI: the cell's score is in RevealStep::score
};

const char* revealResultName(RevealResult result);

struct RevealedCell {
  std::int64_t teamId = 0;
  std::int64_t problemId = 0;

  friend bool operator==(const RevealedCell&, const RevealedCell&) = default;
};

struct RevealStep {
  RevealedCell cell;
  RevealResult result = RevealResult::Rejected;
  double score = 0.0;          // IOI: the revealed cell's score; ICPC: 0
  std::int32_t oldRank = 0;
  std::int32_t newRank = 0;
  std::vector<std::int64_t> changedRows;  // teams whose row content or rank changed (live delta)
};

// The parts of the reveal that depend on the rules.
bool isPending(const IcpcCell& cell);
bool isPending(const IoiCell& cell);
RevealResult resultOf(const IcpcCell& cell);
RevealResult resultOf(const IoiCell& cell);
double scoreOf(const IcpcCell& cell);
double scoreOf(const IoiCell& cell);

template <class Row>
class Resolver {
 public:
  // `publicRows` and `juryRows` as the board shows them (same teams, cells in `problemIds` order).
  Resolver(std::vector<std::int64_t> problemIds, std::vector<Row> publicRows,
           const std::vector<Row>& juryRows)
      : m_problemIds(std::move(problemIds)) {
    for (std::size_t i = 0; i < m_problemIds.size(); ++i) m_problemIndex[m_problemIds[i]] = i;
    for (const auto& row : juryRows) m_jury[row.teamId] = row;
    for (const auto& row : publicRows) {
      auto& pending = m_pending[row.teamId];
      pending.assign(row.cells.size(), false);
      for (std::size_t p = 0; p < row.cells.size(); ++p) {
        if (isPending(row.cells[p]) && m_jury.contains(row.teamId)) {
          pending[p] = true;
          ++m_remaining;
        }
      }
    }
    m_rows.reset(std::move(publicRows));
  }

  const std::vector<std::int64_t>& problemIds() const { return m_problemIds; }
  // The board as revealed so far, in ranking order (the view argument lets the JSON writers take
  // a resolver like a board; every view is the revealed public one).
  const std::vector<Row>& rows(ScoreboardView = ScoreboardView::Public) const {
    return m_rows.rows();
  }
  std::size_t remaining() const { return m_remaining; }
  std::size_t revealed() const { return m_revealed; }

  // The cell the next step reveals; none when everything is revealed.
  std::optional<RevealedCell> next() const {
    const auto& rows = m_rows.rows();
    for (auto row = rows.rbegin(); row != rows.rend(); ++row) {
      const auto& pending = m_pending.at(row->teamId);
      for (std::size_t p = 0; p < pending.size(); ++p) {
        if (pending[p]) return RevealedCell{row->teamId, m_problemIds[p]};
      }
    }
    return std::nullopt;
  }

  // Reveals the next cell in resolver order; none when nothing is left.
  std::optional<RevealStep> step() {
    const auto cell = next();
    if (!cell) return std::nullopt;
    return *reveal(*cell);
  }

  // Reveals one given cell (replaying what was revealed before). InvalidArgument for a cell
  // that is not pending (unknown, or revealed already).
  Result<RevealStep> reveal(const RevealedCell& cell) {
    const auto team = m_pending.find(cell.teamId);
    const auto problem = m_problemIndex.find(cell.problemId);
    if (team == m_pending.end() || problem == m_problemIndex.end() ||
        !team->second[problem->second]) {
      return fail(ErrorCode::InvalidArgument,
                  "team " + std::to_string(cell.teamId) + " has no pending cell on problem " +
                      std::to_string(cell.problemId));
    }
    const std::size_t p = problem->second;
    team->second[p] = false;
    --m_remaining;
    ++m_revealed;
    Row row = m_rows.row(cell.teamId);
    RevealStep step;
    step.cell = cell;
    step.oldRank = row.rank;
    row.cells[p] = m_jury.at(cell.teamId).cells[p];
    step.result = resultOf(row.cells[p]);
    step.score = scoreOf(row.cells[p]);
    row.recomputeTotals();
    m_rows.replace(std::move(row), step.changedRows);
    step.newRank = m_rows.row(cell.teamId).rank;
    return step;
  }

 private:
  std::vector<std::int64_t> m_problemIds;
  std::unordered_map<std::int64_t, std::size_t> m_problemIndex;
  std::unordered_map<std::int64_t, Row> m_jury;
  std::unordered_map<std::int64_t, std::vector<bool>> m_pending;  // [team][problem] still hidden
  RankedRows<Row> m_rows;
  std::size_t m_remaining = 0;
  std::size_t m_revealed = 0;
};

using IcpcResolver = Resolver<IcpcRow>;
using IoiResolver = Resolver<IoiRow>;

// A resolver over a board's public and jury views.
IcpcResolver makeResolver(const IcpcScoreboard& board);
IoiResolver makeResolver(const IoiScoreboard& board);

}  // namespace arena::scoring
