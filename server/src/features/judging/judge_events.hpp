#pragma once
// What judge workers tell the rest of the server while they judge: the live channel (WebSocket,
// scale-out issue), metrics and analytics listen to these.

#include <cstdint>
#include <functional>
#include <optional>

#include "arena/model/verdict.hpp"

namespace arena::server::judging {

struct JudgeEvent {
  enum class Stage { Compiling, Running, TestFinished, Judged };
  Stage stage = Stage::Compiling;
  std::int64_t submissionId = 0;
  std::int64_t userId = 0;
  std::int64_t problemId = 0;
  std::int32_t test = 0;                  // 1-based (Running, TestFinished)
  std::int32_t total = 0;                 // test cases that may run
  std::optional<model::Verdict> verdict;  // of the test (TestFinished) or submission (Judged)
  std::int32_t timeMs = 0;
  std::int32_t memoryKb = 0;
};

using JudgeListener = std::function<void(const JudgeEvent&)>;

}  // namespace arena::server::judging
