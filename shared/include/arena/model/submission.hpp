#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/timestamp.hpp"
#include "arena/model/verdict.hpp"

namespace arena::model {

// The outcome of one test case.
struct TestResult {
  std::int32_t index = 0;  // 1-based position in the judging order
  Verdict verdict = Verdict::Accepted;
  std::int32_t timeMs = 0;
  std::int32_t memoryKb = 0;

  friend bool operator==(const TestResult&, const TestResult&) = default;
};

struct Submission {
  std::int64_t id = 0;
  std::int64_t userId = 0;
  std::int64_t problemId = 0;
  std::string language;  // an id of the language table: "cpp17", "python3", ...
  std::string code;
  SubmissionStatus status = SubmissionStatus::Queued;
  std::optional<Verdict> verdict;  // set once judged
  std::int32_t execTimeMs = 0;     // the slowest test
  std::int32_t memoryKb = 0;       // the largest test
  std::vector<TestResult> tests;
  Timestamp createdAt{};

  friend bool operator==(const Submission&, const Submission&) = default;
};

}  // namespace arena::model
