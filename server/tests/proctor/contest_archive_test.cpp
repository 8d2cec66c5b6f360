// The contest archive's time fields as the CCS Contest Package writes them (RELTIME h:mm:ss,
// ABSTIME with its zone), and the contest request built from an archive. The end-to-end import
// is in contest_import_test.cpp.

#include "admin_cli/contest_archive.hpp"

#include <gtest/gtest.h>

namespace arena::server::admin {
namespace {

TEST(ContestArchive, ReadsDurationsAsHoursMinutesSeconds) {
  EXPECT_EQ(parseRelativeTime("5:00:00").value(), 5 * 3600);
  EXPECT_EQ(parseRelativeTime("0:30:15").value(), 30 * 60 + 15);
  EXPECT_EQ(parseRelativeTime("1:00:00.000").value(), 3600);
  EXPECT_EQ(parseRelativeTime("120:00:00").value(), 120 * 3600);
  for (const char* bad : {"", "5", "5:00", "5:0:00", "5:60:00", "5:00:61", "five hours",
                          "-1:00:00", "1:00:00.", "1:00:00.x", ":00:00"}) {
    const auto parsed = parseRelativeTime(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << bad;
  }
}

TEST(ContestArchive, ReadsStartTimesWithTheirZone) {
  const auto utc = parseTimestamp("2014-06-25T09:00:00.000Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(parseAbsoluteTime("2014-06-25T10:00:00+01").value(), *utc);
  EXPECT_EQ(parseAbsoluteTime("2014-06-25T10:30:00+01:30").value(), *utc);
  EXPECT_EQ(parseAbsoluteTime("2014-06-25T05:00:00-0400").value(), *utc);
  EXPECT_EQ(parseAbsoluteTime("2014-06-25T09:00:00Z").value(), *utc);
  EXPECT_EQ(parseAbsoluteTime("2014-06-25T09:00:00.250Z").value(),
            *utc + std::chrono::milliseconds(250));
  for (const char* bad : {"2014-06-25T10:00:00", "2014-06-25", "2014-02-30T10:00:00Z",
                          "2014-06-25T25:00:00Z", "2014-06-25T10:00:00+1", "tomorrow",
                          "2014-06-25T10:00:00+01:00:00"}) {
    EXPECT_FALSE(parseAbsoluteTime(bad).has_value()) << bad;
  }
}

TEST(ContestArchive, TheContestRequestCarriesLabelsColoursAndTheFreeze) {
  ContestArchive archive;
  archive.name = "Spring Finals";
  archive.durationSeconds = 5 * 3600;
  archive.freezeAfterSeconds = 4 * 3600;
  archive.problems = {{"asteroids", "asteroids", "A", "#0000ff", {}},
                      {"bottles", "bottles", "B", "", {}}};
  const auto body = contestRequestBody(archive, {11, 12}, *parseTimestamp("2030-01-01T00:00:00Z"));
  EXPECT_EQ(body, (nlohmann::json{
                      {"name", "Spring Finals"},
                      {"starts_at", "2030-01-01T00:00:00.000Z"},
                      {"duration_seconds", 18000},
                      {"freeze_after_seconds", 14400},
                      {"rules", "icpc"},
                      {"problems",
                       {{{"problem_id", 11}, {"label", "A"}, {"color", "#0000ff"}},
                        {{"problem_id", 12}, {"label", "B"}, {"color", ""}}}}}));
  archive.freezeAfterSeconds.reset();
  EXPECT_FALSE(contestRequestBody(archive, {11, 12}, {}).contains("freeze_after_seconds"));
}

}  // namespace
}  // namespace arena::server::admin
