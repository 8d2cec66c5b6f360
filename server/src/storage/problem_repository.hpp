#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/problem.hpp"

namespace arena::server::storage {

struct ProblemRecord {
  model::Problem problem;
  bool isActive = true;  // inactive problems are hidden from contestants, never deleted
  Timestamp createdAt{};
  // Bumped by every change to what judging reads (update(), replaceTestCases()); activation
  // does not change it. Judges keep one package per revision.
  std::int64_t revision = 1;

  friend bool operator==(const ProblemRecord&, const ProblemRecord&) = default;
};

struct ProblemFilter {
  std::optional<model::Difficulty> difficulty;
  bool activeOnly = true;
};

enum class TestCaseScope { All, PublicOnly };

class ProblemRepository {
 public:
  virtual ~ProblemRepository() = default;

  // problem.id is ignored; Conflict when the slug is taken.
  virtual Result<ProblemRecord> create(const model::Problem& problem) = 0;
  // Rewrites every field of problem.id and bumps its revision. NotFound, or Conflict when the
  // new slug is taken.
  virtual Result<void> update(const model::Problem& problem) = 0;
  virtual Result<void> setActive(std::int64_t id, bool active) = 0;
  // Ordered by id.
  virtual Result<std::vector<ProblemRecord>> list(const ProblemFilter& filter) = 0;
  virtual Result<ProblemRecord> findById(std::int64_t id) = 0;
  virtual Result<ProblemRecord> findBySlug(std::string_view slug) = 0;

  // Replaces all test cases of a problem with `tests`, judged in the given order; all or nothing.
  // The ids and problemIds of `tests` are ignored. Bumps the problem's revision in the same
  // transaction. NotFound for an unknown problem.
  virtual Result<void> replaceTestCases(std::int64_t problemId,
                                        std::span<const model::TestCase> tests) = 0;
  // In judging order.
  virtual Result<std::vector<model::TestCase>> listTestCases(std::int64_t problemId,
                                                             TestCaseScope scope) = 0;
};

}  // namespace arena::server::storage
