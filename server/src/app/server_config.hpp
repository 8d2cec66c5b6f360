#pragma once
// arena-server's settings. Sources, weakest first: built-in defaults, the properties file
// (--config FILE or ARENA_CONFIG), environment variables, command-line flags. Parsing is pure
// (environment and file reader come in as functions) so every rule is unit-tested.
//
//   variable            property        flag            default
//   ARENA_HTTP_PORT     http.port       --port          8080
//   ARENA_BIND          bind            --bind          0.0.0.0
//   ARENA_DATA_DIR      data.dir        --data-dir      ./arena-data
//   ARENA_DB_URL        db.url          --db            sqlite:///<data dir>/arena.db
//   ARENA_REDIS_URL     redis.url       --redis         unset: in-process queue and cache
//   ARENA_JUDGES        judges          --judges        cores; 0 with Redis (0: no local judging)
//   ARENA_WEBUI_DIR     webui.dir       --webui-dir     the build's webui/dist
//   ARENA_SAMPLES_DIR   samples.dir     --samples-dir   installed or source-tree samples
//   ARENA_CORS_ORIGINS  cors.origins    --cors-origins  none (comma-separated exact origins)
//   ARENA_HTTP_THREADS  http.threads    --http-threads  256 (one per keep-alive connection)
//   ARENA_LOG_REQUESTS  log.requests    --log-requests  true
//   ARENA_SANDBOX_UID   sandbox.uid     --sandbox-uid   60000 (first host uid of the boxes)
//   ARENA_RATE_LIMIT    rate.limit      --rate-limit    50 requests/s per client (burst 4x); 0: off
//   ARENA_TRUSTED_PROXIES trusted.proxies --trusted-proxies none (addresses whose X-Forwarded-For counts)
//   ARENA_WS_HEARTBEAT_MS ws.heartbeat.ms --ws-heartbeat-ms 15000 (ping interval; silent 3x: closed)
//   ARENA_WS_QUEUE      ws.queue        --ws-queue      256 frames waiting per live client (more: 4008)
//   ARENA_WS_SEND_BUFFER ws.send.buffer --ws-send-buffer 0 (SO_SNDBUF per live client; 0: kernel's)

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::server::app {

struct ServerConfig {
  std::string bind = "0.0.0.0";
  std::uint16_t port = 8080;
  std::filesystem::path dataDir = "arena-data";  // made absolute by parseServerConfig
  std::string dbUrl;                             // empty: SQLite in the data directory
  std::string redisUrl;                          // empty: in-process
  int judges = -1;                               // -1: one per core
  std::filesystem::path webuiDir;
  std::filesystem::path samplesDir;
  std::vector<std::string> corsOrigins;
  std::vector<std::string> trustedProxies;  // peers whose X-Forwarded-For names the client
  int httpThreads = 256;
  bool logRequests = true;
  // Host uids firstUid .. firstUid + slots run the boxes; two servers on one host need apart ranges.
  int sandboxFirstUid = 60000;
  int rateLimit = 50;  // requests per second per client address; 0 turns the limit off
  int wsHeartbeatMs = 15000;
  int wsQueueFrames = 256;
  int wsSendBufferBytes = 0;
  int lanBeaconPort = 47800;  // 0: no LAN announcement
  // Duels: countdown before the problem shows, time limit (then a draw), disconnect grace.
  int duelCountdownMs = 5000;
  int duelTimeLimitMs = 30 * 60 * 1000;
  int duelDisconnectGraceMs = 30000;
  // ICPC Contest API: where it is served, and the event feed's keep-alive interval.
  std::string ccsApiBase = "/api/ccs";
  int ccsKeepAliveMs = 120'000;
  int ccsFeedPollMs = 1000;
  int ccsMaxFeeds = 128;
  std::string serverName = "CodeArena";
  std::optional<std::filesystem::path> configFile;
  bool help = false;
};

using EnvLookup = std::function<const char*(const char*)>;
// Reads a whole file; NotFound or Unavailable when it cannot.
using FileReader = std::function<Result<std::string>(const std::filesystem::path&)>;

// args excludes argv[0]. InvalidArgument names the bad flag, variable or property.
Result<ServerConfig> parseServerConfig(std::span<const std::string> args, const EnvLookup& env,
                                       const FileReader& readFile);

// The real file reader for parseServerConfig.
Result<std::string> readWholeFile(const std::filesystem::path& path);

std::string serverUsage();

}  // namespace arena::server::app
