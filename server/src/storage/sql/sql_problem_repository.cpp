#include "storage/sql/sql_problem_repository.hpp"

#include "storage/sql/sql_helpers.hpp"

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, slug, title, difficulty, description, time_limit_ms, memory_limit_kb, "
    "output_limit_kb, "
    "is_active, created_at, revision FROM problems ";

ProblemRecord toRecord(const SqlRow& row) {
  ProblemRecord record;
  auto& problem = record.problem;
  problem.id = row.int64(0);
  problem.slug = row.text(1);
  problem.title = row.text(2);
  problem.difficulty = enumColumn(row, 3, model::Difficulty::Easy);
  problem.description = row.text(4);
  problem.limits = {row.int32(5), row.int32(6), row.int32(7)};
  record.isActive = row.boolean(8);
  record.createdAt = row.timestamp(9);
  record.revision = row.int64(10);
  return record;
}

Error slugTaken(const Error& error, std::string_view slug) {
  if (error.code != ErrorCode::Conflict) return error;
  return Error{ErrorCode::Conflict, "problem slug '" + std::string{slug} + "' already taken",
               false};
}

}  // namespace

Result<ProblemRecord> SqlProblemRepository::create(const model::Problem& problem) {
  ProblemRecord record{problem, true, now()};
  const auto& limits = problem.limits;
  auto id = m_database.write([&](SqlSession& session) -> Result<std::int64_t> {
    auto inserted = session.execute(
        "INSERT INTO problems (slug, title, difficulty, description, time_limit_ms, "
        "memory_limit_kb, "
        "output_limit_kb, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {problem.slug, problem.title, enumText(problem.difficulty), problem.description,
         limits.timeLimitMs, limits.memoryLimitKb, limits.outputLimitKb, true, record.createdAt});
    if (!inserted) return std::unexpected(slugTaken(inserted.error(), problem.slug));
    return inserted->lastInsertId;
  });
  if (!id) return std::unexpected(id.error());
  record.problem.id = *id;
  return record;
}

Result<void> SqlProblemRepository::update(const model::Problem& problem) {
  const auto& limits = problem.limits;
  return m_database.write([&](SqlSession& session) -> Result<void> {
    auto updated = session.execute(
        "UPDATE problems SET slug = ?, title = ?, difficulty = ?, description = ?, time_limit_ms = "
        "?, "
        "memory_limit_kb = ?, output_limit_kb = ?, revision = revision + 1 WHERE id = ?",
        {problem.slug, problem.title, enumText(problem.difficulty), problem.description,
         limits.timeLimitMs, limits.memoryLimitKb, limits.outputLimitKb, problem.id});
    if (!updated) return std::unexpected(slugTaken(updated.error(), problem.slug));
    if (updated->affectedRows == 0)
      return fail(ErrorCode::NotFound, "problem " + std::to_string(problem.id) + " not found");
    return {};
  });
}

Result<void> SqlProblemRepository::setActive(std::int64_t id, bool active) {
  return m_database.write([&](SqlSession& session) -> Result<void> {
    auto updated = session.execute("UPDATE problems SET is_active = ? WHERE id = ?", {active, id});
    if (!updated) return std::unexpected(updated.error());
    if (updated->affectedRows == 0)
      return fail(ErrorCode::NotFound, "problem " + std::to_string(id) + " not found");
    return {};
  });
}

Result<std::vector<ProblemRecord>> SqlProblemRepository::list(const ProblemFilter& filter) {
  // Optional filters as "? IS NULL OR column = ?" keep one statement text for every combination.
  const std::optional<std::string> difficulty =
      filter.difficulty ? std::optional{enumText(*filter.difficulty)} : std::nullopt;
  const std::optional<std::int64_t> active =
      filter.activeOnly ? std::optional<std::int64_t>{1} : std::nullopt;
  return m_database.read([&](SqlSession& session) -> Result<std::vector<ProblemRecord>> {
    auto rows = session.query(
        std::string{kSelect} +
            "WHERE (? IS NULL OR difficulty = ?) AND (? IS NULL OR is_active = ?) ORDER BY id",
        {difficulty, difficulty, active, active});
    if (!rows) return std::unexpected(rows.error());
    std::vector<ProblemRecord> records;
    records.reserve(rows->size());
    for (const auto& row : *rows) records.push_back(toRecord(row));
    return records;
  });
}

Result<ProblemRecord> SqlProblemRepository::findById(std::int64_t id) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(std::string{kSelect} + "WHERE id = ?", {id}),
                    "problem " + std::to_string(id), toRecord);
  });
}

Result<ProblemRecord> SqlProblemRepository::findBySlug(std::string_view slug) {
  return m_database.read([&](SqlSession& session) {
    return firstRow(session.query(std::string{kSelect} + "WHERE slug = ?", {slug}),
                    "problem '" + std::string{slug} + "'", toRecord);
  });
}

Result<void> SqlProblemRepository::replaceTestCases(std::int64_t problemId,
                                                    std::span<const model::TestCase> tests) {
  return m_database.write([&](SqlSession& session) -> Result<void> {
    // Lock the problem row first (MySQL), so two imports of the same problem queue up.
    auto exists = session.query(m_database.dialect() == Dialect::Mysql
                                    ? "SELECT id FROM problems WHERE id = ? FOR UPDATE"
                                    : "SELECT id FROM problems WHERE id = ?",
                                {problemId});
    if (!exists) return std::unexpected(exists.error());
    if (exists->empty())
      return fail(ErrorCode::NotFound, "problem " + std::to_string(problemId) + " not found");
    if (auto removed = session.execute("DELETE FROM test_cases WHERE problem_id = ?", {problemId});
        !removed) {
      return std::unexpected(removed.error());
    }
    if (auto bumped = session.execute("UPDATE problems SET revision = revision + 1 WHERE id = ?",
                                      {problemId});
        !bumped) {
      return std::unexpected(bumped.error());
    }
    std::int64_t ordinal = 0;
    for (const auto& test : tests) {
      ++ordinal;
      auto inserted = session.execute(
          "INSERT INTO test_cases (problem_id, ordinal, input, expected_output, is_public) VALUES "
          "(?, ?, ?, ?, ?)",
          {problemId, ordinal, test.input, test.expectedOutput, test.isPublic});
      if (!inserted) {
        auto error = inserted.error();
        error.message = "test case " + std::to_string(ordinal) + ": " + error.message;
        return std::unexpected(std::move(error));
      }
    }
    return {};
  });
}

Result<std::vector<model::TestCase>> SqlProblemRepository::listTestCases(std::int64_t problemId,
                                                                         TestCaseScope scope) {
  return m_database.read([&](SqlSession& session) -> Result<std::vector<model::TestCase>> {
    auto rows = session.query(
        "SELECT id, problem_id, input, expected_output, is_public FROM test_cases "
        "WHERE problem_id = ? AND (is_public = 1 OR ? = 0) ORDER BY ordinal",
        {problemId, scope == TestCaseScope::PublicOnly});
    if (!rows) return std::unexpected(rows.error());
    std::vector<model::TestCase> tests;
    tests.reserve(rows->size());
    for (const auto& row : *rows) {
      tests.push_back({row.int64(0), row.int64(1), row.text(2), row.text(3), row.boolean(4)});
    }
    return tests;
  });
}

}  // namespace arena::server::storage::sql
