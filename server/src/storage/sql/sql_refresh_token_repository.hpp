#pragma once

#include "storage/refresh_token_repository.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

class SqlRefreshTokenRepository final : public RefreshTokenRepository {
 public:
  explicit SqlRefreshTokenRepository(SqlDatabase& database) : m_database(database) {}

  Result<void> store(const RefreshToken& token) override;
  Result<RefreshToken> find(std::string_view tokenHash) override;
  Result<bool> markUsed(std::string_view tokenHash) override;
  Result<std::int64_t> revokeFamily(std::string_view familyId) override;

 private:
  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
