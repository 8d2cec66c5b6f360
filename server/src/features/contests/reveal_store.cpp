#include "features/contests/reveal_store.hpp"

namespace arena::server::contests {

using storage::sql::SqlSession;

Result<std::vector<scoring::RevealedCell>> RevealStore::revealed(std::int64_t contestId) {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<scoring::RevealedCell>> {
    auto rows = session.query(
        "SELECT team_id, problem_id FROM contest_reveals WHERE contest_id = ? ORDER BY step",
        {contestId});
    if (!rows) return std::unexpected(rows.error());
    std::vector<scoring::RevealedCell> cells;
    cells.reserve(rows->size());
    for (const auto& row : *rows) cells.push_back({row.int64(0), row.int64(1)});
    return cells;
  });
}

Result<void> RevealStore::record(std::int64_t contestId, std::int64_t step,
                                 const scoring::RevealedCell& cell, Timestamp at) {
  return m_database.write([&](SqlSession& session) -> Result<void> {
    auto done = session.execute(
        "INSERT INTO contest_reveals (contest_id, team_id, problem_id, step, revealed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {contestId, cell.teamId, cell.problemId, step, at});
    if (!done) return std::unexpected(done.error());
    return {};
  });
}

}  // namespace arena::server::contests
