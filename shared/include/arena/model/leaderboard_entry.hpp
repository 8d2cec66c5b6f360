#pragma once

#include <cstdint>
#include <string>

namespace arena::model {

struct LeaderboardEntry {
  std::int32_t rank = 0;  // 1-based; equal ratings share a rank
  std::int64_t userId = 0;
  std::string username;
  std::int32_t rating = 1500;
  std::int32_t solved = 0;

  friend bool operator==(const LeaderboardEntry&, const LeaderboardEntry&) = default;
};

}  // namespace arena::model
