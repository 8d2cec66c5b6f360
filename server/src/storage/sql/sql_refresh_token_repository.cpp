#include "storage/sql/sql_refresh_token_repository.hpp"

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kSelect =
    "SELECT token_hash, user_id, family_id, issued_at, expires_at, used, revoked FROM "
    "refresh_tokens "
    "WHERE token_hash = ?";

RefreshToken toToken(const SqlRow& row) {
  return {row.text(0),      row.int64(1),   row.text(2),   row.timestamp(3),
          row.timestamp(4), row.boolean(5), row.boolean(6)};
}

}  // namespace

Result<void> SqlRefreshTokenRepository::store(const RefreshToken& token) {
  return m_database.write([&](SqlSession& session) -> Result<void> {
    auto inserted = session.execute(
        "INSERT INTO refresh_tokens (token_hash, user_id, family_id, issued_at, expires_at, used, "
        "revoked) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        {token.tokenHash, token.userId, token.familyId, token.issuedAt, token.expiresAt, token.used,
         token.revoked});
    if (!inserted) {
      if (inserted.error().code == ErrorCode::Conflict)
        return fail(ErrorCode::Conflict, "refresh token already stored");
      return std::unexpected(inserted.error());
    }
    return {};
  });
}

Result<RefreshToken> SqlRefreshTokenRepository::find(std::string_view tokenHash) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(kSelect, {tokenHash}), "refresh token", toToken);
  });
}

Result<bool> SqlRefreshTokenRepository::markUsed(std::string_view tokenHash) {
  return m_database.write([&](SqlSession& session) -> Result<bool> {
    // The `used = 0` guard makes exactly one of two concurrent refreshes win.
    auto updated = session.execute(
        "UPDATE refresh_tokens SET used = 1 WHERE token_hash = ? AND used = 0", {tokenHash});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows > 0) return true;
    auto exists = session.query("SELECT 1 FROM refresh_tokens WHERE token_hash = ?", {tokenHash});
    if (!exists) return std::unexpected(exists.error());
    if (exists->empty()) return fail(ErrorCode::NotFound, "refresh token not found");
    return false;
  });
}

Result<std::int64_t> SqlRefreshTokenRepository::revokeFamily(std::string_view familyId) {
  return m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto updated = session.execute(
        "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ? AND revoked = 0", {familyId});
    if (!updated) return std::unexpected(updated.error());
    return updated->affectedRows;
  });
}

}  // namespace arena::server::storage::sql
