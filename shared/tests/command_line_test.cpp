#include "arena/core/command_line.hpp"

#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace arena {
namespace {

struct Walk {
  std::vector<std::pair<std::string, std::string>> seen;
  bool help = false;

  Result<void> run(std::vector<std::string> args) {
    return forEachFlag(
        args, [](std::string_view flag) { return flag == "--port" || flag == "--bind"; },
        [this](const std::string& flag, const std::string& value) -> Result<void> {
          if (value == "bad") return fail(ErrorCode::InvalidArgument, flag + " is bad");
          seen.emplace_back(flag, value);
          return {};
        },
        help);
  }
};

TEST(CommandLineTest, BothSpellingsOfAValueAndHelpAreRead) {
  Walk walk;
  ASSERT_TRUE(walk.run({"--port", "80", "-h", "--bind=127.0.0.1", "--port="}));
  EXPECT_TRUE(walk.help);
  EXPECT_EQ(walk.seen, (std::vector<std::pair<std::string, std::string>>{
                           {"--port", "80"}, {"--bind", "127.0.0.1"}, {"--port", ""}}));
}

TEST(CommandLineTest, MistakesAreNamed) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> rows = {
      {{"--colour", "blue"}, "unknown argument '--colour'"},
      {{"--colour"}, "unknown argument '--colour'"},
      {{"serve"}, "unknown argument 'serve'"},
      {{"--port"}, "--port needs a value"},
      {{"--bind", "bad", "--port", "1"}, "--bind is bad"},
  };
  for (const auto& [args, message] : rows) {
    Walk walk;
    auto result = walk.run(args);
    ASSERT_FALSE(result) << message;
    EXPECT_EQ(result.error().message, message);
    EXPECT_TRUE(walk.seen.empty()) << message;
  }
}

}  // namespace
}  // namespace arena
