#pragma once

#include "storage/contest_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlContestRepository final : public ContestRepository {
 public:
  explicit SqlContestRepository(SqlDatabase& database) : m_database(database) {}

  Result<ContestRecord> create(const ContestRecord& contest) override;
  Result<ContestRecord> update(std::int64_t id, const ContestRecord& contest) override;
  Result<ContestRecord> findById(std::int64_t id) override;
  Result<std::vector<ContestRecord>> list() override;
  Result<ContestRecord> setUnfrozenAt(std::int64_t id, std::optional<Timestamp> at) override;

  Result<ContestTeam> addTeam(std::int64_t contestId, const std::string& name,
                              const std::vector<std::int64_t>& userIds) override;
  Result<std::vector<ContestTeam>> teams(std::int64_t contestId) override;
  Result<std::optional<std::int64_t>> teamOf(std::int64_t contestId, std::int64_t userId) override;

  Result<std::vector<ContestSubmission>> submissions(std::int64_t contestId) override;
  Result<ContestSubmission> findSubmission(std::int64_t submissionId) override;
  Result<std::unordered_map<std::int64_t, std::int32_t>> testCounts(
      std::int64_t contestId) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
