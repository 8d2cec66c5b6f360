#pragma once
// Where an awards-ceremony reveal stands, persisted (table contest_reveals, migration 0007): the
// cells revealed so far, in reveal order. The server replays them on the frozen board
// (scoring::Resolver::reveal) after a restart, so the ceremony continues where it stopped.

#include <cstdint>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/scoring/resolver.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::contests {

class RevealStore {
 public:
  explicit RevealStore(storage::sql::SqlDatabase& database) : m_database(database) {}

  // The contest's revealed cells in the order they were revealed (empty: none yet).
  Result<std::vector<scoring::RevealedCell>> revealed(std::int64_t contestId);
  // Records `cell` as reveal number `step` (1, 2, ...). Conflict when that step or that cell is
  // recorded already (another proctor or replica got there first).
  Result<void> record(std::int64_t contestId, std::int64_t step, const scoring::RevealedCell& cell,
                      Timestamp at);

 private:
  storage::sql::SqlDatabase& m_database;
};

}  // namespace arena::server::contests
