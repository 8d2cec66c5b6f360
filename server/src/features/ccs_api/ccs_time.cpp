#include "features/ccs_api/ccs_time.hpp"

#include <array>
#include <cstdio>

namespace arena::server::ccs_api {

std::string ccsTime(Timestamp instant) { return formatTimestamp(instant); }

std::string ccsRelTime(std::chrono::milliseconds duration) {
  const bool negative = duration.count() < 0;
  const long long total = negative ? -duration.count() : duration.count();
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s%lld:%02lld:%02lld.%03lld", negative ? "-" : "",
                total / 3'600'000, total / 60'000 % 60, total / 1000 % 60, total % 1000);
  return buffer.data();
}

}  // namespace arena::server::ccs_api
