#pragma once

#include "storage/clarification_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlClarificationRepository final : public ClarificationRepository {
 public:
  explicit SqlClarificationRepository(SqlDatabase& database) : m_database(database) {}

  Result<Clarification> ask(const NewQuestion& question, Timestamp at) override;
  Result<Clarification> announce(const NewAnnouncement& announcement, Timestamp at) override;
  Result<Clarification> answer(std::int64_t id, std::int64_t answeredBy, const std::string& answer,
                               bool toAll, Timestamp at) override;
  Result<Clarification> findById(std::int64_t id) override;
  Result<std::vector<Clarification>> listForContest(std::int64_t contestId) override;
  Result<std::vector<Clarification>> listVisibleTo(std::int64_t contestId,
                                                   std::int64_t userId) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
