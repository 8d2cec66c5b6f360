#include "app/server_config.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace arena::server::app {
namespace {

struct Sources {
  std::map<std::string, std::string> env;
  std::map<std::string, std::string> files;

  Result<ServerConfig> parse(std::vector<std::string> args = {}) const {
    return parseServerConfig(
        args,
        [this](const char* name) -> const char* {
          auto it = env.find(name);
          return it == env.end() ? nullptr : it->second.c_str();
        },
        [this](const std::filesystem::path& path) -> Result<std::string> {
          auto it = files.find(path.string());
          if (it == files.end()) return fail(ErrorCode::NotFound, "no file " + path.string());
          return it->second;
        });
  }
};

TEST(ServerConfigTest, NoSettingsGiveTheEmbeddedDefaults) {
  auto config = Sources{}.parse();
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->port, 8080);
  EXPECT_EQ(config->bind, "0.0.0.0");
  EXPECT_TRUE(config->dataDir.is_absolute());
  EXPECT_EQ(config->dataDir.filename(), "arena-data");
  EXPECT_EQ(config->dbUrl, "sqlite://" + (config->dataDir / "arena.db").string());
  EXPECT_TRUE(config->redisUrl.empty());
  EXPECT_GE(config->judges, 1);
  EXPECT_FALSE(config->samplesDir.empty());
  EXPECT_FALSE(config->webuiDir.empty());
  EXPECT_EQ(config->rateLimit, 50);
}

TEST(ServerConfigTest, VariablesWinOverTheFileAndFlagsWinOverVariables) {
  Sources sources;
  sources.env = {{"ARENA_CONFIG", "/etc/arena.properties"},
                 {"ARENA_HTTP_PORT", "9000"},
                 {"ARENA_JUDGES", "3"}};
  sources.files = {{"/etc/arena.properties",
                    "# lab server\n"
                    "http.port = 7000\n"
                    "judges: 1\n"
                    "data.dir = /srv/arena\n"
                    "cors.origins = http://a.example, http://b.example\n"
                    "trusted.proxies = 127.0.0.1,10.0.0.2\n"}};
  auto config = sources.parse({"--judges", "5"});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->port, 9000);  // variable over file
  EXPECT_EQ(config->judges, 5);   // flag over variable
  EXPECT_EQ(config->dataDir, "/srv/arena");  // file over default
  EXPECT_EQ(config->dbUrl, "sqlite:///srv/arena/arena.db");
  EXPECT_EQ(config->corsOrigins,
            (std::vector<std::string>{"http://a.example", "http://b.example"}));
  EXPECT_EQ(config->trustedProxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.2"}));
}

TEST(ServerConfigTest, TheConfigFlagNamesTheFile) {
  Sources sources;
  sources.files = {{"my.properties", "bind = 127.0.0.1\n"}};
  auto config = sources.parse({"--config=my.properties"});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->bind, "127.0.0.1");
}

TEST(ServerConfigTest, BadValuesNameTheirSource) {
  struct Row {
    std::map<std::string, std::string> env;
    std::vector<std::string> args;
    std::string fileText;
    std::string mentions;
  };
  const std::vector<Row> rows = {
      {{{"ARENA_HTTP_PORT", "http"}}, {}, "", "ARENA_HTTP_PORT"},
      {{{"ARENA_HTTP_PORT", "70000"}}, {}, "", "ARENA_HTTP_PORT"},
      {{{"ARENA_JUDGES", "-2"}}, {}, "", "ARENA_JUDGES"},
      {{{"ARENA_LOG_REQUESTS", "maybe"}}, {}, "", "ARENA_LOG_REQUESTS"},
      {{{"ARENA_RATE_LIMIT", "-1"}}, {}, "", "ARENA_RATE_LIMIT"},
      {{{"ARENA_REDIS_URL", "localhost:6379"}}, {}, "", "ARENA_REDIS_URL"},
      {{}, {"--port"}, "", "--port needs a value"},
      {{}, {"--colour", "blue"}, "", "unknown argument"},
      {{}, {"serve"}, "", "unknown argument"},
      {{{"ARENA_CONFIG", "f"}}, {}, "htp.port = 1\n", "unknown setting 'htp.port'"},
      {{{"ARENA_CONFIG", "f"}}, {}, "just words\n", "f:1"},
      {{{"ARENA_CONFIG", "missing"}}, {}, "", "missing"},
  };
  for (const Row& row : rows) {
    Sources sources;
    sources.env = row.env;
    if (!row.fileText.empty()) sources.files = {{"f", row.fileText}};
    auto config = sources.parse(row.args);
    ASSERT_FALSE(config) << row.mentions;
    EXPECT_NE(config.error().message.find(row.mentions), std::string::npos)
        << config.error().message;
  }
}

TEST(ServerConfigTest, HelpIsAFlagAndTheUsageListsEveryVariable) {
  auto config = Sources{}.parse({"--help"});
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->help);
  for (const char* variable : {"ARENA_HTTP_PORT", "ARENA_BIND", "ARENA_DATA_DIR", "ARENA_DB_URL",
                               "ARENA_REDIS_URL", "ARENA_JUDGES", "ARENA_WEBUI_DIR"}) {
    EXPECT_NE(serverUsage().find(variable), std::string::npos) << variable;
  }
}

}  // namespace
}  // namespace arena::server::app
