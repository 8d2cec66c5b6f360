#include "storage/sql/sql_user_repository.hpp"

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kColumns =
    "SELECT id, email, username, role, rating, password_hash, rating_deviation, volatility, "
    "created_at "
    "FROM users ";

UserAccount toAccount(const SqlRow& row) {
  UserAccount account;
  account.user.id = row.int64(0);
  account.user.email = row.text(1);
  account.user.username = row.text(2);
  account.user.role = enumColumn(row, 3, model::Role::Contestant);
  account.user.rating = row.int32(4);
  account.passwordHash = row.text(5);
  account.ratingDeviation = row.real(6);
  account.volatility = row.real(7);
  account.createdAt = row.timestamp(8);
  return account;
}

}  // namespace

Result<UserAccount> SqlUserRepository::create(const NewUser& user) {
  UserAccount account;
  account.user.email = user.email;
  account.user.username = user.username;
  account.user.role = user.role;
  account.passwordHash = user.passwordHash;
  account.createdAt = now();
  auto id = m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto inserted = session.execute(
        "INSERT INTO users (email, username, password_hash, role, rating, rating_deviation, "
        "volatility, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {user.email, user.username, user.passwordHash, enumText(user.role), account.user.rating,
         account.ratingDeviation, account.volatility, account.createdAt});
    if (!inserted) {
      if (inserted.error().code == ErrorCode::Conflict) {
        return fail(ErrorCode::Conflict, "email or username already taken");
      }
      return std::unexpected(inserted.error());
    }
    return inserted->lastInsertId;
  });
  if (!id) return std::unexpected(id.error());
  account.user.id = *id;
  return account;
}

Result<std::vector<UserAccount>> SqlUserRepository::createMany(std::span<const NewUser> users) {
  const Timestamp createdAt = now();
  return m_database.write([&](SqlSession& session) -> Result<std::vector<UserAccount>> {
    // Rebuilt on every run: a backend retries the whole callback after a deadlock.
    std::vector<UserAccount> accounts;
    accounts.reserve(users.size());
    for (const NewUser& user : users) {
      UserAccount account;
      account.user.email = user.email;
      account.user.username = user.username;
      account.user.role = user.role;
      account.passwordHash = user.passwordHash;
      account.createdAt = createdAt;
      auto inserted = session.execute(
          "INSERT INTO users (email, username, password_hash, role, rating, rating_deviation, "
          "volatility, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {user.email, user.username, user.passwordHash, enumText(user.role),
           account.user.rating, account.ratingDeviation, account.volatility, createdAt});
      if (!inserted) {
        if (inserted.error().code == ErrorCode::Conflict) {
          return fail(ErrorCode::Conflict,
                      "username '" + user.username + "' or email '" + user.email +
                          "' is already taken");
        }
        return std::unexpected(inserted.error());
      }
      account.user.id = inserted->lastInsertId;
      accounts.push_back(std::move(account));
    }
    return accounts;
  });
}

Result<UserAccount> SqlUserRepository::findBy(std::string_view column, SqlParam value,
                                              const std::string& what) {
  // `column` is one of three literals below, never caller input.
  const std::string sql = std::string{kColumns} + "WHERE " + std::string{column} + " = ?";
  return m_database.read(
      [&](SqlSession& session) { return firstRow(session.query(sql, {value}), what, toAccount); });
}

Result<UserAccount> SqlUserRepository::findById(std::int64_t id) {
  return findBy("id", id, "user " + std::to_string(id));
}

Result<UserAccount> SqlUserRepository::findByEmail(std::string_view email) {
  return findBy("email", email, "user with that email");
}

Result<UserAccount> SqlUserRepository::findByUsername(std::string_view username) {
  return findBy("username", username, "user '" + std::string{username} + "'");
}

Result<void> SqlUserRepository::updateRatings(std::span<const RatingChange> changes) {
  const auto changedAt = now();
  return m_database.write([&](SqlSession& session) -> Result<void> {
    for (const auto& change : changes) {
      auto updated = session.execute(
          "UPDATE users SET rating = ?, rating_deviation = ?, volatility = ? WHERE id = ?",
          {change.rating, change.ratingDeviation, change.volatility, change.userId});
      if (!updated) return std::unexpected(updated.error());
      if (updated->affectedRows == 0)
        return fail(ErrorCode::NotFound, "user " + std::to_string(change.userId) + " not found");
      auto logged = session.execute(
          "INSERT INTO rating_history (user_id, match_id, rating, rating_deviation, volatility, "
          "changed_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {change.userId, change.matchId, change.rating, change.ratingDeviation, change.volatility,
           changedAt});
      if (!logged) return std::unexpected(logged.error());
    }
    return {};
  });
}

}  // namespace arena::server::storage::sql
