#pragma once

#include "storage/problem_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlProblemRepository final : public ProblemRepository {
 public:
  explicit SqlProblemRepository(SqlDatabase& database) : m_database(database) {}

  Result<ProblemRecord> create(const model::Problem& problem) override;
  Result<void> update(const model::Problem& problem) override;
  Result<void> setActive(std::int64_t id, bool active) override;
  Result<std::vector<ProblemRecord>> list(const ProblemFilter& filter) override;
  Result<ProblemRecord> findById(std::int64_t id) override;
  Result<ProblemRecord> findBySlug(std::string_view slug) override;
  Result<void> replaceTestCases(std::int64_t problemId,
                                std::span<const model::TestCase> tests) override;
  Result<std::vector<model::TestCase>> listTestCases(std::int64_t problemId,
                                                     TestCaseScope scope) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
