#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "arena/core/timestamp.hpp"
#include "arena/model/enum_names.hpp"

namespace arena::model {

enum class MatchStatus { Pending, Active, Finished, Cancelled };

template <>
struct EnumNames<MatchStatus> {
  static constexpr std::array kNames{
      std::pair{MatchStatus::Pending, "pending"},
      std::pair{MatchStatus::Active, "active"},
      std::pair{MatchStatus::Finished, "finished"},
      std::pair{MatchStatus::Cancelled, "cancelled"},
  };
};

// A 1v1 duel on one problem. No winner on a finished match means a draw.
struct Match {
  std::int64_t id = 0;
  std::int64_t player1Id = 0;
  std::int64_t player2Id = 0;
  std::int64_t problemId = 0;
  MatchStatus status = MatchStatus::Pending;
  std::optional<std::int64_t> winnerId;
  std::optional<Timestamp> startedAt;
  std::optional<Timestamp> endedAt;

  friend bool operator==(const Match&, const Match&) = default;
};

}  // namespace arena::model
