#include "executor_config.hpp"

#include <map>

#include <gtest/gtest.h>

namespace arena::executor {
namespace {

struct FakeEnv {
  std::map<std::string, std::string> values;
  EnvLookup lookup() const {
    return [this](const char* name) -> const char* {
      const auto found = values.find(name);
      return found == values.end() ? nullptr : found->second.c_str();
    };
  }
};

Result<ExecutorConfig> parse(std::vector<std::string> args, const FakeEnv& env = {}) {
  return parseExecutorConfig(args, env.lookup());
}

TEST(ExecutorConfigTest, DefaultsListenOnLoopback8080) {
  FakeEnv env;
  env.values["TMPDIR"] = "/scratch";
  auto config = parse({}, env);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->bind, "127.0.0.1");
  EXPECT_EQ(config->port, 8080);
  EXPECT_EQ(config->cacheDir, "/scratch/arena-executor/cache");
  EXPECT_EQ(config->workDir, "/scratch/arena-executor/work");
  EXPECT_GE(config->sandboxes, 1);
  EXPECT_FALSE(config->languagesFile.empty());
  EXPECT_FALSE(config->help);
}

TEST(ExecutorConfigTest, FlagsInBothFormsOverrideTheEnvironment) {
  FakeEnv env;
  env.values = {{"ARENA_EXECUTOR_PORT", "9000"}, {"ARENA_EXECUTOR_BIND", "0.0.0.0"},
                {"ARENA_EXECUTOR_SANDBOXES", "3"}};
  auto config = parse({"--port", "0", "--languages=/etc/l.json", "--threads", "4"}, env);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->port, 0);
  EXPECT_EQ(config->bind, "0.0.0.0");
  EXPECT_EQ(config->languagesFile, "/etc/l.json");
  EXPECT_EQ(config->threads, 4);
  EXPECT_EQ(config->sandboxes, 3);
}

TEST(ExecutorConfigTest, EnvironmentSetsEverySetting) {
  FakeEnv env;
  env.values = {{"ARENA_EXECUTOR_LANGUAGES", "/l.json"}, {"ARENA_EXECUTOR_CACHE_DIR", "/c"},
                {"ARENA_EXECUTOR_WORK_DIR", "/w"}, {"ARENA_EXECUTOR_QUEUE", "7"},
                {"ARENA_EXECUTOR_THREADS", "5"}};
  auto config = parse({}, env);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->languagesFile, "/l.json");
  EXPECT_EQ(config->cacheDir, "/c");
  EXPECT_EQ(config->workDir, "/w");
  EXPECT_EQ(config->queue, 7);
  EXPECT_EQ(config->threads, 5);
}

TEST(ExecutorConfigTest, RejectsBadValuesNamingTheSource) {
  FakeEnv env;
  env.values["ARENA_EXECUTOR_PORT"] = "http";
  auto fromEnv = parse({}, env);
  ASSERT_FALSE(fromEnv);
  EXPECT_NE(fromEnv.error().message.find("ARENA_EXECUTOR_PORT"), std::string::npos);

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--port", "65536"}, {"--port", "-1"}, {"--port"}, {"--bogus"},
        {"--threads", "0"}, {"--port", "80x"}, {"--bind="}}) {
    auto config = parse(args);
    EXPECT_FALSE(config) << args.front();
    if (!config) {
      EXPECT_EQ(config.error().code, ErrorCode::InvalidArgument);
    }
  }
}

TEST(ExecutorConfigTest, HelpIsAFlag) {
  auto config = parse({"--help"});
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->help);
  EXPECT_NE(executorUsage().find("--port"), std::string::npos);
}

}  // namespace
}  // namespace arena::executor
