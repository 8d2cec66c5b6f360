// arena-admin's command line: flags, environment fallbacks and usage errors.
#include "admin_cli/admin_options.hpp"

#include <map>

#include <gtest/gtest.h>

namespace arena::server::admin {
namespace {

EnvLookup envOf(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(AdminOptionsTest, FlagsBeatTheEnvironmentWhichBeatsDefaults) {
  auto options = parseAdminArguments(
      {"--server", "http://lab:9000", "rejudge", "--problem", "sum"},
      envOf({{"ARENA_ADMIN_SERVER", "http://ignored:1"}, {"ARENA_ADMIN_PASSWORD", "pw-from-env"}}));
  ASSERT_TRUE(options) << options.error().message;
  EXPECT_EQ(options->server, "http://lab:9000");
  EXPECT_EQ(options->user, "admin");
  EXPECT_EQ(options->password, "pw-from-env");
  EXPECT_EQ(options->command, "rejudge");
  EXPECT_EQ(options->flags.at("problem"), "sum");
}

TEST(AdminOptionsTest, PositionalArgumentsAndCommandFlagsMix) {
  auto options = parseAdminArguments(
      {"--user", "proctor", "--password", "pw", "accounts-import", "teams.csv", "--sheet", "s.html"},
      envOf({}));
  ASSERT_TRUE(options);
  EXPECT_EQ(options->user, "proctor");
  EXPECT_EQ(options->positional, std::vector<std::string>{"teams.csv"});
  EXPECT_EQ(options->flags.at("sheet"), "s.html");
}

TEST(AdminOptionsTest, UsageErrorsSayWhat) {
  EXPECT_EQ(parseAdminArguments({}, envOf({})).error().message, "no command given");
  EXPECT_EQ(parseAdminArguments({"--bogus", "x", "status"}, envOf({})).error().message,
            "unknown option --bogus");
  EXPECT_EQ(parseAdminArguments({"--server"}, envOf({})).error().message,
            "--server needs a value");
  EXPECT_EQ(parseAdminArguments({"rejudge", "--submission"}, envOf({})).error().message,
            "--submission needs a value");
  EXPECT_EQ(parseAdminArguments({"--help"}, envOf({})).error().message, "help");
  EXPECT_NE(adminUsage().find("accounts-import"), std::string::npos);
}

}  // namespace
}  // namespace arena::server::admin
