#pragma once

#include "storage/match_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlMatchRepository final : public MatchRepository {
 public:
  explicit SqlMatchRepository(SqlDatabase& database) : m_database(database) {}

  Result<model::Match> create(const NewMatch& match) override;
  Result<model::Match> findById(std::int64_t id) override;
  Result<std::optional<model::Match>> activeFor(std::int64_t userId) override;
  Result<model::Match> finish(std::int64_t id, std::optional<std::int64_t> winnerId,
                              Timestamp endedAt) override;
  Result<model::Match> cancel(std::int64_t id, Timestamp endedAt) override;

 private:
  Result<model::Match> end(std::int64_t id, model::MatchStatus status,
                           std::optional<std::int64_t> winnerId, Timestamp endedAt);

  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
