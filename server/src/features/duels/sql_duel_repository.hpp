#pragma once

#include "features/duels/duel_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::duels {

// DuelRepository in SQL both backends accept, over the storage's database.
class SqlDuelRepository final : public DuelRepository {
 public:
  explicit SqlDuelRepository(storage::sql::SqlDatabase& database) : m_database(database) {}

  Result<Duel> schedule(std::int64_t matchId, const DuelSchedule& schedule) override;
  Result<Duel> find(std::int64_t matchId) override;
  Result<std::vector<Duel>> listOpen() override;
  Result<std::vector<Duel>> openFor(std::int64_t userId, std::int64_t problemId) override;
  Result<std::vector<Attempt>> attempts(std::int64_t problemId,
                                        std::array<std::int64_t, 2> players, Timestamp from,
                                        Timestamp to) override;
  Result<Duel> end(std::int64_t matchId, const DuelEnding& ending) override;
  Result<std::vector<RatingPoint>> ratingHistory(std::int64_t userId) override;
  Result<std::vector<RatingPoint>> ratingChanges(std::int64_t matchId) override;

 private:
  storage::sql::SqlDatabase& m_database;
};

}  // namespace arena::server::duels
