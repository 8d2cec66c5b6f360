#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "arena/model/enum_names.hpp"

namespace arena::model {

enum class Difficulty { Easy, Medium, Hard };

template <>
struct EnumNames<Difficulty> {
  static constexpr std::array kNames{
      std::pair{Difficulty::Easy, "easy"},
      std::pair{Difficulty::Medium, "medium"},
      std::pair{Difficulty::Hard, "hard"},
  };
};

// Per-test limits. The judge applies the same numbers on the server and in the desktop runner.
struct Limits {
  std::int32_t timeLimitMs = 1000;
  std::int32_t memoryLimitKb = 262144;
  std::int32_t outputLimitKb = 65536;

  friend bool operator==(const Limits&, const Limits&) = default;
};

struct Problem {
  std::int64_t id = 0;
  std::string slug;  // url-safe short name, unique: "two-sum"
  std::string title;
  Difficulty difficulty = Difficulty::Easy;
  std::string description;  // Markdown with math
  Limits limits;

  friend bool operator==(const Problem&, const Problem&) = default;
};

struct TestCase {
  std::int64_t id = 0;
  std::int64_t problemId = 0;
  std::string input;
  std::string expectedOutput;
  bool isPublic = false;  // samples are public; hidden tests never leave the server

  friend bool operator==(const TestCase&, const TestCase&) = default;
};

}  // namespace arena::model
