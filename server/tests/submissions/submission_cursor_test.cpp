#include "features/submissions/submission_cursor.hpp"

#include <gtest/gtest.h>

namespace arena::server::submissions {
namespace {

TEST(SubmissionCursorTest, RoundTripsTheKeysetCursor) {
  const storage::SubmissionCursor cursor{Timestamp{std::chrono::milliseconds{1'790'000'000'123}},
                                         4711};
  const auto text = encodeCursor(cursor);
  EXPECT_EQ(text, "1790000000123.4711");
  EXPECT_EQ(decodeCursor(text), cursor);
}

TEST(SubmissionCursorTest, TheEpochAndTheLargestIdRoundTrip) {
  const storage::SubmissionCursor cursor{Timestamp{}, std::numeric_limits<std::int64_t>::max()};
  EXPECT_EQ(decodeCursor(encodeCursor(cursor)), cursor);
}

TEST(SubmissionCursorTest, RefusesAnythingEncodeCouldNotHaveProduced) {
  for (const char* text : {"",
                           ".",
                           "1",
                           "1.",
                           ".1",
                           "a.1",
                           "1.a",
                           "-1.1",
                           "1.-1",
                           "+1.1",
                           "1.+1",
                           "1.0",
                           "1.1.1",
                           " 1.1",
                           "1.1 ",
                           "1,1",
                           "0x1.1",
                           "1.1\n",
                           "9223372036854775808.1",
                           "1.9223372036854775808"}) {
    EXPECT_FALSE(decodeCursor(text).has_value()) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace arena::server::submissions
