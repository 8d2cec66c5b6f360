// TIME and RELTIME as JSON_Format.md writes them.
#include "features/ccs_api/ccs_time.hpp"

#include <gtest/gtest.h>

namespace arena::server::ccs_api {
namespace {

using namespace std::chrono_literals;

TEST(CcsTime, AbsoluteTimeIsIsoWithMillisecondsInUtc) {
  EXPECT_EQ(ccsTime(Timestamp{1'773'565'200'123ms}), "2026-03-15T09:00:00.123Z");
}

TEST(CcsTime, RelTimeHasUnboundedHoursAndMilliseconds) {
  EXPECT_EQ(ccsRelTime(0ms), "0:00:00.000");
  EXPECT_EQ(ccsRelTime(1h + 2min + 3s + 4ms), "1:02:03.004");
  EXPECT_EQ(ccsRelTime(30h), "30:00:00.000");
}

TEST(CcsTime, RelTimeBeforeTheStartIsNegative) {
  EXPECT_EQ(ccsRelTime(-(5min + 1ms)), "-0:05:00.001");
}

}  // namespace
}  // namespace arena::server::ccs_api
