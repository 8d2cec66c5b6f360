#pragma once

#include "storage/sql/sql_database.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::storage::sql {

class SqlSubmissionRepository final : public SubmissionRepository {
 public:
  explicit SqlSubmissionRepository(SqlDatabase& database) : m_database(database) {}

  Result<CreatedSubmission> create(const NewSubmission& submission) override;
  Result<SubmissionRecord> findById(std::int64_t id) override;
  Result<SubmissionPage> listByUser(std::int64_t userId, std::optional<SubmissionCursor> after,
                                    int limit) override;
  Result<std::int64_t> claimForJudging(std::int64_t id) override;
  Result<bool> markRunning(std::int64_t id, std::int64_t attempt) override;
  Result<RecordOutcome> recordResult(std::int64_t id, std::int64_t attempt,
                                     const JudgeResult& result) override;
  Result<std::vector<SubmissionRecord>> listUnfinished() override;
  Result<void> resetForRejudge(std::int64_t id) override;
  Result<std::vector<std::int64_t>> resetProblemForRejudge(std::int64_t problemId) override;

 private:
  Result<SubmissionRecord> findByClientId(std::int64_t userId, const std::string& clientId);

  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
