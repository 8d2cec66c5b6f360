#include "arena/core/timestamp.hpp"

#include <gtest/gtest.h>

namespace arena {
namespace {

using namespace std::chrono;

TEST(TimestampTest, FormatsUtcWithMilliseconds) {
  const Timestamp instant = sys_days{2026y / November / 25} + 23h + 6min + 50s + 123ms;
  EXPECT_EQ(formatTimestamp(instant), "2026-11-25T23:06:50.123Z");
  EXPECT_EQ(formatTimestamp(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(TimestampTest, ParsesWhatItFormats) {
  const Timestamp instant = sys_days{2024y / February / 29} + 12h + 34min + 56s + 7ms;
  EXPECT_EQ(parseTimestamp(formatTimestamp(instant)), instant);
}

TEST(TimestampTest, FractionIsOptionalAndScaled) {
  EXPECT_EQ(parseTimestamp("2026-01-02T03:04:05Z"), sys_days{2026y / 1 / 2} + 3h + 4min + 5s);
  EXPECT_EQ(parseTimestamp("2026-01-02T03:04:05.5Z"),
            sys_days{2026y / 1 / 2} + 3h + 4min + 5s + 500ms);
}

TEST(TimestampTest, RejectsEverythingElse) {
  for (const char* bad :
       {"", "2026-01-02", "2026-01-02T03:04:05", "2026-01-02T03:04:05+01:00",
        "2026-13-02T03:04:05Z", "2026-02-30T03:04:05Z", "2026-01-02T24:00:00Z",
        "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05.1234Z", "2026-01-02 03:04:05Z",
        "２026-01-02T03:04:05Z", "2026-01-02T03:04:05Zjunk"}) {
    EXPECT_FALSE(parseTimestamp(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace arena
