#pragma once

#include "storage/sql/sql_database.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::storage::sql {

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(SqlDatabase& database) : m_database(database) {}

  Result<UserAccount> create(const NewUser& user) override;
  Result<std::vector<UserAccount>> createMany(std::span<const NewUser> users) override;
  Result<UserAccount> findById(std::int64_t id) override;
  Result<UserAccount> findByEmail(std::string_view email) override;
  Result<UserAccount> findByUsername(std::string_view username) override;
  Result<void> updateRatings(std::span<const RatingChange> changes) override;

 private:
  Result<UserAccount> findBy(std::string_view column, SqlParam value, const std::string& what);

  SqlDatabase& m_database;
};

}  // namespace arena::server::storage::sql
