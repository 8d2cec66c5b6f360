#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arena/core/timestamp.hpp"
#include "arena/model/enum_names.hpp"

namespace arena::model {

enum class ContestRules { Icpc, Ioi };

template <>
struct EnumNames<ContestRules> {
  static constexpr std::array kNames{
      std::pair{ContestRules::Icpc, "icpc"},
      std::pair{ContestRules::Ioi, "ioi"},
  };
};

struct ContestProblem {
  std::int64_t problemId = 0;
  std::string label;  // "A", "B", ...
  std::string color;  // "#rrggbb" balloon colour; empty for none

  friend bool operator==(const ContestProblem&, const ContestProblem&) = default;
};

struct Contest {
  std::int64_t id = 0;
  std::string name;
  Timestamp startsAt{};
  std::int32_t durationSeconds = 5 * 60 * 60;
  // Seconds from the start after which the public scoreboard freezes; none means never.
  std::optional<std::int32_t> freezeAfterSeconds;
  ContestRules rules = ContestRules::Icpc;
  bool isPublic = false;
  std::vector<ContestProblem> problems;

  friend bool operator==(const Contest&, const Contest&) = default;
};

}  // namespace arena::model
