// The CSV/TSV account table: shape, quoting, header detection and hostile files.
#include "features/proctor/account_table.hpp"

#include <gtest/gtest.h>

namespace arena::server::proctor {
namespace {

std::vector<AccountRow> parsed(std::string_view text, char delimiter = ',') {
  auto rows = parseAccountTable(text, delimiter);
  EXPECT_TRUE(rows.has_value()) << rows.error().message;
  return rows.value_or(std::vector<AccountRow>{});
}

std::string errorOf(std::string_view text, char delimiter = ',') {
  auto rows = parseAccountTable(text, delimiter);
  EXPECT_FALSE(rows.has_value());
  if (rows) return {};
  EXPECT_EQ(rows.error().code, ErrorCode::InvalidArgument);
  return rows.error().message;
}

TEST(AccountTableTest, ReadsPositionalColumnsWithoutAHeader) {
  const auto rows = parsed("ann,Ann Lee,ann@example.org\nbob\ncyd,Team Cyd\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].username, "ann");
  EXPECT_EQ(rows[0].displayName, "Ann Lee");
  EXPECT_EQ(rows[0].email, "ann@example.org");
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].username, "bob");
  EXPECT_TRUE(rows[1].displayName.empty());
  EXPECT_TRUE(rows[1].email.empty());
  EXPECT_EQ(rows[2].displayName, "Team Cyd");
  EXPECT_EQ(rows[2].line, 3);
}

TEST(AccountTableTest, DetectsAHeaderAndItsColumnOrder) {
  const auto rows = parsed("Email,Username,Team\nann@example.org,ann,Red\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].username, "ann");
  EXPECT_EQ(rows[0].email, "ann@example.org");
  EXPECT_EQ(rows[0].displayName, "Red");
  EXPECT_EQ(rows[0].line, 2);
}

TEST(AccountTableTest, AFirstRowThatIsNotAHeaderIsData) {
  const auto rows = parsed("username1,x\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].username, "username1");
}

TEST(AccountTableTest, UnknownHeaderColumnIsRefusedByName) {
  EXPECT_NE(errorOf("username,shoe_size\nann,42\n").find("unknown column 'shoe_size'"),
            std::string::npos);
}

TEST(AccountTableTest, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
  const auto rows = parsed("ann,\"Lee, Ann \"\"the\"\" first\",ann@example.org\r\n"
                           "bob,\"two\nlines\"\r\ncyd\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].displayName, "Lee, Ann \"the\" first");
  EXPECT_EQ(rows[1].displayName, "two\nlines");
  EXPECT_EQ(rows[2].username, "cyd");
  EXPECT_EQ(rows[2].line, 4) << "the line count includes the break inside the quotes";
}

TEST(AccountTableTest, SkipsAByteOrderMarkAndBlankLinesAndTrimsUnquotedFields) {
  const auto rows = parsed("\xEF\xBB\xBFusername,name\r\n\r\n  ann  ,  Ann  \r\n   \r\nbob\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].username, "ann");
  EXPECT_EQ(rows[0].displayName, "Ann");
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[1].line, 5);
}

TEST(AccountTableTest, ReadsTabSeparatedValues) {
  const auto rows = parsed("username\tname\temail\nann\tAnn, Lee\tann@example.org\n", '\t');
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].displayName, "Ann, Lee");
  EXPECT_EQ(rows[0].email, "ann@example.org");
}

TEST(AccountTableTest, LoneCarriageReturnsEndRecords) {
  const auto rows = parsed("ann\rbob\r");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 2);
}

TEST(AccountTableTest, EmptyAndHeaderOnlyFilesAreRefused) {
  EXPECT_EQ(errorOf(""), "no accounts in the file");
  EXPECT_EQ(errorOf("\xEF\xBB\xBF\r\n\r\n"), "no accounts in the file");
  EXPECT_EQ(errorOf("username,email\n"), "no accounts in the file");
}

TEST(AccountTableTest, DuplicateUsernamesNameBothLinesIgnoringCase) {
  EXPECT_EQ(errorOf("ann\nbob\nANN\n"), "line 3: username 'ANN' repeats line 1");
}

TEST(AccountTableTest, DuplicateEmailsAreRefused) {
  EXPECT_EQ(errorOf("ann,,x@example.org\nbob,,X@example.org\n"),
            "line 2: email 'X@example.org' repeats line 1");
}

TEST(AccountTableTest, MalformedQuotingNamesTheLine) {
  EXPECT_EQ(errorOf("ann\nbob,\"never closed\n"), "line 2: a quoted field is never closed");
  EXPECT_NE(errorOf("ann\nbob,\"x\"y\n").find("line 2: text after a closing quote"),
            std::string::npos);
  EXPECT_NE(errorOf("ann\nbo\"b\n").find("line 2: a quote inside an unquoted field"),
            std::string::npos);
}

TEST(AccountTableTest, TooManyColumnsAndEmptyUsernamesAreRefused) {
  EXPECT_NE(errorOf("ann,A,a@x.org,extra\n").find("line 1: 4 columns"), std::string::npos);
  EXPECT_EQ(errorOf("ann\n,Nameless\n"), "line 2: the username is empty");
  EXPECT_EQ(errorOf("ann\n\"\"\n"), "line 2: the username is empty");
}

TEST(AccountTableTest, NulBytesAndOverlongFieldsAreRefused) {
  EXPECT_EQ(errorOf(std::string("ann\nb\0b\n", 8)), "line 2: the file contains a NUL byte");
  EXPECT_NE(errorOf("ann," + std::string(300, 'x') + "\n").find("longer than 256 bytes"),
            std::string::npos);
  EXPECT_NE(errorOf("ann,\"" + std::string(300, 'x') + "\"\n").find("longer than 256 bytes"),
            std::string::npos);
}

TEST(AccountTableTest, TooManyRowsAreRefusedWithoutReadingOn) {
  std::string text;
  for (int i = 0; i < 5001; ++i) text += "user" + std::to_string(i) + "\n";
  EXPECT_EQ(errorOf(text), "line 5001: more than 5000 accounts in one file");
  text.resize(text.size() - std::string("user5000\n").size());
  EXPECT_EQ(parsed(text).size(), 5000u);
}

TEST(AccountTableTest, TenMegabytesOfOneFieldFailsFastOnTheFieldLimit) {
  const std::string huge(10 * 1024 * 1024, 'a');
  EXPECT_NE(errorOf(huge).find("line 1: a field is longer"), std::string::npos);
  EXPECT_NE(errorOf("\"" + huge).find("line 1: a field is longer"), std::string::npos);
}

}  // namespace
}  // namespace arena::server::proctor
