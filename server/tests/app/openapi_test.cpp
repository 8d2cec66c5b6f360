// The OpenAPI document served at /api/openapi.json describes exactly the routes the server
// registers: a route missing from the document, or a documented route that does not exist,
// fails here. The router is the one a real Server builds (judges off, a temporary data dir).

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/server.hpp"
#include "app/system_routes.hpp"

namespace arena::server::app {
namespace {

using Route = std::pair<std::string, std::string>;  // method, pattern

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TEST(OpenApiTest, TheDocumentNamesEveryRouteAndNothingElse) {
  const auto dataDir = std::filesystem::temp_directory_path() /
                       ("arena-openapi-" + std::to_string(::getpid()));
  ServerConfig config;
  config.dataDir = dataDir;
  config.dbUrl = "sqlite://" + (dataDir / "arena.db").string();
  config.judges = 0;
  config.port = 0;
  config.bind = "127.0.0.1";
  config.logRequests = false;
  config.samplesDir = dataDir / "no-samples";
  config.webuiDir = dataDir / "no-webui";
  config.sandboxFirstUid = 78000;
  auto server = Server::start(config);
  ASSERT_TRUE(server) << server.error().message;

  std::set<Route> registered;
  for (const auto& route : (*server)->router().routes()) {
    registered.insert({route.spec.method, route.spec.pattern});
    EXPECT_FALSE(route.spec.summary.empty()) << route.spec.method << " " << route.spec.pattern;
  }

  const nlohmann::json document = nlohmann::json::parse(openApiDocument());
  EXPECT_EQ(document.at("openapi").get<std::string>().substr(0, 2), "3.");
  std::set<Route> documented;
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (method == "parameters") continue;
      documented.insert({upper(method), path});
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }

  for (const Route& route : registered) {
    EXPECT_TRUE(documented.contains(route))
        << route.first << " " << route.second << " is served but missing from openapi.json";
  }
  for (const Route& route : documented) {
    EXPECT_TRUE(registered.contains(route))
        << route.first << " " << route.second << " is documented but not served";
  }
  (*server)->stop();
  server->reset();
  std::filesystem::remove_all(dataDir);
}

}  // namespace
}  // namespace arena::server::app
