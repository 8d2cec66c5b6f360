// The Date header's formatting and its once-a-second cache.
#include "http/http_date.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

TEST(HttpDate, FormatsTheRfcExampleExactly) {
  // RFC 9110 5.6.7: Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
  EXPECT_EQ(formatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(HttpDate, PadsSingleDigitsAndCoversTheCalendarEdges) {
  EXPECT_EQ(formatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(formatHttpDate(951782400), "Tue, 29 Feb 2000 00:00:00 GMT");  // leap day
  EXPECT_EQ(formatHttpDate(1735689599), "Tue, 31 Dec 2024 23:59:59 GMT");
}

TEST(HttpDate, CachedDateFollowsTheSecond) {
  const std::string first = cachedHttpDate(784111777);
  EXPECT_EQ(first, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(cachedHttpDate(784111777), first);
  EXPECT_EQ(cachedHttpDate(784111778), "Sun, 06 Nov 1994 08:49:38 GMT");
  // Time going backwards (a clock step) is followed too, not ignored.
  EXPECT_EQ(cachedHttpDate(784111777), first);
}

TEST(HttpDate, EachThreadHasItsOwnCache) {
  EXPECT_EQ(cachedHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  std::string other;
  std::thread([&] { other = cachedHttpDate(784111777); }).join();
  EXPECT_EQ(other, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(cachedHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace arena::server::http
