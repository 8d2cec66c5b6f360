#pragma once
// Theory of operation: a scoreboard's rows kept in ranking order under single-row updates.
//
// One verdict changes one team's row, so instead of sorting the board again the changed row is
// moved by adjacent swaps to where it now belongs (it usually moves a few places; at worst the
// whole board, which is still linear), and ranks are then renumbered in one pass. Rows compare
// by Row::rankKey() (smaller is better); rows with equal keys share a rank and are listed by
// team id so the order is deterministic. Every row whose content or rank changed is reported,
// which is what a live client needs to redraw.
//
// Row needs: `std::int64_t teamId`, `std::int32_t rank`, and `auto rankKey() const` returning
// something with operator< and operator== (a std::tuple of integers, typically).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace arena::scoring {

template <class Row>
class RankedRows {
 public:
  // Sorts `rows` fully and ranks them (construction and full recomputation).
  void reset(std::vector<Row> rows) {
    m_rows = std::move(rows);
    std::sort(m_rows.begin(), m_rows.end(), &RankedRows::before);
    m_position.clear();
    m_position.reserve(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i) m_position[m_rows[i].teamId] = i;
    std::vector<std::int64_t> ignored;
    renumber(0, ignored);
  }

  const std::vector<Row>& rows() const { return m_rows; }
  bool contains(std::int64_t teamId) const { return m_position.contains(teamId); }
  const Row& row(std::int64_t teamId) const { return m_rows[m_position.at(teamId)]; }

  // Adds a team's row where it belongs; the new row and every row whose rank moved go to `changed`.
  void insert(Row row, std::vector<std::int64_t>& changed) {
    m_position[row.teamId] = m_rows.size();
    changed.push_back(row.teamId);
    const std::int64_t teamId = row.teamId;
    m_rows.push_back(std::move(row));
    settle(m_rows.size() - 1, teamId, changed);
  }

  // Replaces a team's row with `row` (same team id) and restores the order. Reports the team
  // when its content differs, and every team whose rank changed.
  void replace(Row row, std::vector<std::int64_t>& changed) {
    const std::size_t at = m_position.at(row.teamId);
    const std::int32_t oldRank = m_rows[at].rank;
    row.rank = oldRank;
    if (row == m_rows[at]) return;  // nothing visible changed: no reorder, no redraw
    const std::int64_t teamId = row.teamId;
    changed.push_back(teamId);
    m_rows[at] = std::move(row);
    settle(at, teamId, changed);
  }

 private:
  static bool before(const Row& a, const Row& b) {
    const auto keyA = a.rankKey();
    const auto keyB = b.rankKey();
    if (keyA < keyB) return true;
    if (keyB < keyA) return false;
    return a.teamId < b.teamId;
  }

  void swapRows(std::size_t i, std::size_t j) {
    std::swap(m_rows[i], m_rows[j]);
    m_position[m_rows[i].teamId] = i;
    m_position[m_rows[j].teamId] = j;
  }

  // `reported` is the team already in `changed` (the one that moved), so it is not listed twice.
  void settle(std::size_t at, std::int64_t reported, std::vector<std::int64_t>& changed) {
    while (at > 0 && before(m_rows[at], m_rows[at - 1])) {
      swapRows(at, at - 1);
      --at;
    }
    while (at + 1 < m_rows.size() && before(m_rows[at + 1], m_rows[at])) {
      swapRows(at, at + 1);
      ++at;
    }
    renumber(reported, changed);
  }

  // Shared ranks: a row equal in key to the one above takes its rank, otherwise its position.
  void renumber(std::int64_t reported, std::vector<std::int64_t>& changed) {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
      const bool tied = i > 0 && m_rows[i].rankKey() == m_rows[i - 1].rankKey();
      const std::int32_t rank = tied ? m_rows[i - 1].rank : static_cast<std::int32_t>(i + 1);
      if (m_rows[i].rank != rank) {
        m_rows[i].rank = rank;
        if (m_rows[i].teamId != reported) changed.push_back(m_rows[i].teamId);
      }
    }
  }

  std::vector<Row> m_rows;
  std::unordered_map<std::int64_t, std::size_t> m_position;
};

}  // namespace arena::scoring
