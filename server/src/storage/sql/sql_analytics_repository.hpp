#pragma once

#include "storage/analytics_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

// Inserts `event` within the caller's transaction (a verdict and its event are written together).
Result<std::int64_t> insertAnalyticsEvent(SqlSession& session, const AnalyticsEvent& event);

class SqlAnalyticsRepository final : public AnalyticsRepository {
 public:
  explicit SqlAnalyticsRepository(SqlDatabase& database) : m_database(database) {}

  Result<std::int64_t> record(const AnalyticsEvent& event) override;
  Result<std::vector<AnalyticsEvent>> query(const AnalyticsQuery& query) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
