#include "storage/storage_url.hpp"

#include <gtest/gtest.h>

#include "storage/sql/sql_script.hpp"

namespace arena::server::storage {
namespace {

TEST(StorageUrlTest, ParsesSqliteFilesAndMemory) {
  EXPECT_EQ(parseStorageUrl("sqlite:///var/lib/codearena/arena.db"),
            StorageUrl{SqliteUrl{"/var/lib/codearena/arena.db"}});
  EXPECT_EQ(parseStorageUrl("sqlite://:memory:"), StorageUrl{SqliteUrl{":memory:"}});
  EXPECT_EQ(parseStorageUrl("sqlite://relative.db").error().code, ErrorCode::InvalidArgument);
}

TEST(StorageUrlTest, ParsesMysqlWithPercentDecodedCredentials) {
  auto url = parseStorageUrl("mysql://arena%40lab:p%40ss%3Aw%2Fo%25rd@db.example.org:33306/arena");
  ASSERT_TRUE(url.has_value()) << url.error().message;
  EXPECT_EQ(std::get<MysqlUrl>(*url),
            (MysqlUrl{"arena@lab", "p@ss:w/o%rd", "db.example.org", 33306, "arena"}));
  auto defaultPort = parseStorageUrl("mysql://u:p@localhost/db");
  ASSERT_TRUE(defaultPort.has_value());
  EXPECT_EQ(std::get<MysqlUrl>(*defaultPort).port, 3306);
}

TEST(StorageUrlTest, RejectsMalformedUrlsWithoutEchoingThePassword) {
  for (const char* bad : {"postgres://u:p@h/db", "mysql://h/db", "mysql://u:secret@h:99999/db",
                          "mysql://u:secret@h:1/", "mysql://u:secret%zz@h/db",
                          "mysql://:secret@h/db", "mysql://u:secret@/db"}) {
    auto url = parseStorageUrl(bad);
    ASSERT_FALSE(url.has_value()) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::InvalidArgument) << bad;
    EXPECT_EQ(url.error().message.find("secret"), std::string::npos) << url.error().message;
  }
}

TEST(SqlScriptTest, SplitsOnSemicolonsOutsideQuotesAndComments) {
  const auto statements = sql::splitSqlScript(
      "-- header; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');\n/* block; */ INSERT INTO "
      "a VALUES ('it''s; \\'ok');"
      "\n# hash comment;\nSELECT `we;ird`;\n  -- only a comment at the end\n");
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_NE(statements[0].find("DEFAULT ';'"), std::string_view::npos);
  EXPECT_NE(statements[1].find("'it''s; \\'ok'"), std::string_view::npos);
  EXPECT_EQ(statements[2], "SELECT `we;ird`");
}

}  // namespace
}  // namespace arena::server::storage
