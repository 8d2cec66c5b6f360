#pragma once
// Theory of operation: schema changes are numbered SQL files per backend
// (migrations/<backend>/NNNN_name.sql), compiled into the binary. At start-up every migration
// whose version is not in `schema_migrations` runs, lowest first, and its version is recorded.
//   - SQLite: each migration and its record commit in one transaction (SQLite DDL is
//     transactional), so a failure leaves the schema and the record as they were.
//   - MySQL: DDL commits implicitly, so a migration runs statement by statement and is recorded
//     only when all of them succeeded; migration files are written to be re-runnable
//     (IF NOT EXISTS) so the next start finishes a half-applied one. A named lock (GET_LOCK) keeps
//     two servers starting at once from migrating together.
// A database at a version this binary does not know is refused: an old binary must not write to
// a schema it does not understand.
//
// To change the schema, add NNNN_name.sql with the next number to BOTH migrations/sqlite and
// migrations/mysql (the build embeds them; re-run cmake when adding a file). Never edit a
// migration that has shipped: databases that already ran it will not run it again.

#include <span>
#include <string_view>

#include "arena/core/error.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::storage::sql {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view script;
};

struct MigrationReport {
  int applied = 0;        // migrations run by this call
  int schemaVersion = 0;  // the highest recorded version afterwards
};

Result<MigrationReport> applyMigrations(SqlDatabase& database,
                                        std::span<const Migration> migrations);

// The migrations compiled into this binary (generated from migrations/ at build time).
std::span<const Migration> embeddedMigrations(Dialect dialect);

}  // namespace arena::server::storage::sql
