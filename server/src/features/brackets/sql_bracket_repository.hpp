#pragma once

#include "features/brackets/bracket_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::brackets {

// BracketRepository in SQL both backends accept, over the storage's database.
class SqlBracketRepository final : public BracketRepository {
 public:
  explicit SqlBracketRepository(storage::sql::SqlDatabase& database) : m_database(database) {}

  Result<BracketRecord> create(const NewBracket& bracket) override;
  Result<BracketRecord> find(std::int64_t id) override;
  Result<std::vector<BracketSummary>> list() override;
  Result<std::vector<std::int64_t>> runningIds() override;
  Result<std::optional<std::int64_t>> bracketOfMatch(std::int64_t matchId) override;
  Result<bool> decide(std::int64_t bracketId, int round, int position, std::int64_t winner,
                      Decision decision, const std::optional<Seat>& next, Timestamp at) override;
  Result<bool> attachMatch(std::int64_t bracketId, int round, int position,
                           std::int64_t matchId) override;

 private:
  storage::sql::SqlDatabase& m_database;
};

}  // namespace arena::server::brackets
