#include "app/server_config.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <thread>

#include "arena/core/command_line.hpp"

namespace arena::server::app {

namespace {

namespace fs = std::filesystem;

Result<long long> parseInt(const std::string& text, long long minimum, long long maximum,
                           const std::string& what) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < minimum || value > maximum) {
    return fail(ErrorCode::InvalidArgument, what + " must be an integer in [" +
                                                std::to_string(minimum) + ", " +
                                                std::to_string(maximum) + "], got '" + text + "'");
  }
  return value;
}

Result<void> nonEmpty(const std::string& value, const std::string& what) {
  if (value.empty()) return fail(ErrorCode::InvalidArgument, what + " must not be empty");
  return {};
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

using Apply = std::function<Result<void>(ServerConfig&, const std::string&, const std::string&)>;

// One setting under its three names.
struct Setting {
  const char* variable;
  const char* property;
  const char* flag;
  Apply apply;
};

Apply pathSetting(fs::path ServerConfig::*member) {
  return [member](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
    if (auto ok = nonEmpty(v, what); !ok) return ok;
    c.*member = v;
    return {};
  };
}

Apply stringSetting(std::string ServerConfig::*member) {
  return [member](ServerConfig& c, const std::string& v, const std::string&) -> Result<void> {
    c.*member = v;
    return {};
  };
}

Apply intSetting(int ServerConfig::*member, long long minimum, long long maximum) {
  return [=](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
    auto parsed = parseInt(v, minimum, maximum, what);
    if (!parsed) return std::unexpected(parsed.error());
    c.*member = static_cast<int>(*parsed);
    return {};
  };
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"ARENA_HTTP_PORT", "http.port", "--port",
       [](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         auto parsed = parseInt(v, 0, 65535, what);
         if (!parsed) return std::unexpected(parsed.error());
         c.port = static_cast<std::uint16_t>(*parsed);
         return {};
       }},
      {"ARENA_BIND", "bind", "--bind",
       [](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (auto ok = nonEmpty(v, what); !ok) return ok;
         c.bind = v;
         return {};
       }},
      {"ARENA_DATA_DIR", "data.dir", "--data-dir", pathSetting(&ServerConfig::dataDir)},
      {"ARENA_DB_URL", "db.url", "--db", stringSetting(&ServerConfig::dbUrl)},
      {"ARENA_REDIS_URL", "redis.url", "--redis", stringSetting(&ServerConfig::redisUrl)},
      {"ARENA_JUDGES", "judges", "--judges", intSetting(&ServerConfig::judges, 0, 256)},
      {"ARENA_WEBUI_DIR", "webui.dir", "--webui-dir", pathSetting(&ServerConfig::webuiDir)},
      {"ARENA_SAMPLES_DIR", "samples.dir", "--samples-dir",
       pathSetting(&ServerConfig::samplesDir)},
      {"ARENA_CORS_ORIGINS", "cors.origins", "--cors-origins",
       [](ServerConfig& c, const std::string& v, const std::string&) -> Result<void> {
         c.corsOrigins = splitList(v);
         return {};
       }},
      {"ARENA_TRUSTED_PROXIES", "trusted.proxies", "--trusted-proxies",
       [](ServerConfig& c, const std::string& v, const std::string&) -> Result<void> {
         c.trustedProxies = splitList(v);
         return {};
       }},
      {"ARENA_HTTP_THREADS", "http.threads", "--http-threads",
       intSetting(&ServerConfig::httpThreads, 4, 4096)},
      {"ARENA_SANDBOX_UID", "sandbox.uid", "--sandbox-uid",
       intSetting(&ServerConfig::sandboxFirstUid, 10000, 2000000000)},
      {"ARENA_RATE_LIMIT", "rate.limit", "--rate-limit",
       intSetting(&ServerConfig::rateLimit, 0, 1'000'000)},
      {"ARENA_WS_HEARTBEAT_MS", "ws.heartbeat.ms", "--ws-heartbeat-ms",
       intSetting(&ServerConfig::wsHeartbeatMs, 50, 3'600'000)},
      {"ARENA_WS_QUEUE", "ws.queue", "--ws-queue", intSetting(&ServerConfig::wsQueueFrames, 1, 1'000'000)},
      {"ARENA_WS_SEND_BUFFER", "ws.send.buffer", "--ws-send-buffer",
       intSetting(&ServerConfig::wsSendBufferBytes, 0, 64 * 1024 * 1024)},
      {"ARENA_LAN_BEACON", "lan.beacon", "--lan-beacon",
       intSetting(&ServerConfig::lanBeaconPort, 0, 65535)},
      {"ARENA_DUEL_COUNTDOWN_MS", "duel.countdown.ms", "--duel-countdown-ms",
       intSetting(&ServerConfig::duelCountdownMs, 0, 600'000)},
      {"ARENA_DUEL_TIME_LIMIT_MS", "duel.time.limit.ms", "--duel-time-limit-ms",
       intSetting(&ServerConfig::duelTimeLimitMs, 1000, 86'400'000)},
      {"ARENA_DUEL_DISCONNECT_GRACE_MS", "duel.disconnect.grace.ms", "--duel-disconnect-grace-ms",
       intSetting(&ServerConfig::duelDisconnectGraceMs, 0, 3'600'000)},
      {"ARENA_CCS_API_BASE", "ccs.api.base", "--ccs-api-base",
       [](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         // A path of its own under which the Contest API's routes are added.
         if (v.size() < 2 || v.size() > 64 || v.front() != '/' || v.back() == '/' ||
             v.find_first_of("{}?# ") != std::string::npos) {
           return fail(ErrorCode::InvalidArgument,
                       what + " must be a path like /api/ccs (no trailing slash)");
         }
         c.ccsApiBase = v;
         return {};
       }},
      {"ARENA_CCS_KEEPALIVE_MS", "ccs.keepalive.ms", "--ccs-keepalive-ms",
       intSetting(&ServerConfig::ccsKeepAliveMs, 10, 3'600'000)},
      {"ARENA_CCS_FEED_POLL_MS", "ccs.feed.poll.ms", "--ccs-feed-poll-ms",
       intSetting(&ServerConfig::ccsFeedPollMs, 10, 60'000)},
      {"ARENA_CCS_MAX_FEEDS", "ccs.max.feeds", "--ccs-max-feeds",
       intSetting(&ServerConfig::ccsMaxFeeds, 0, 100'000)},
      {"ARENA_SERVER_NAME", "server.name", "--server-name",
       [](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v.empty() || v.size() > 64) {
           return fail(ErrorCode::InvalidArgument, what + " must be 1 to 64 characters");
         }
         c.serverName = v;
         return {};
       }},
      {"ARENA_LOG_REQUESTS", "log.requests", "--log-requests",
       [](ServerConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v == "true" || v == "1" || v == "yes") {
           c.logRequests = true;
         } else if (v == "false" || v == "0" || v == "no") {
           c.logRequests = false;
         } else {
           return fail(ErrorCode::InvalidArgument, what + " must be true or false, got '" + v + "'");
         }
         return {};
       }},
  };
  return kSettings;
}

// `key = value` or `key: value` lines; '#' and '!' start comments. Unknown keys are errors: a
// misspelt setting silently ignored is a lab server listening on the wrong port.
Result<void> applyProperties(ServerConfig& config, const std::string& text,
                             const fs::path& file) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#' || line[start] == '!') continue;
    const auto separator = line.find_first_of("=:", start);
    const std::string where = file.string() + ":" + std::to_string(number);
    if (separator == std::string::npos) {
      return fail(ErrorCode::InvalidArgument, where + ": expected 'key = value'");
    }
    std::string key = line.substr(start, separator - start);
    key.erase(key.find_last_not_of(" \t") + 1);
    std::string value = line.substr(separator + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    const auto setting = std::ranges::find_if(
        settings(), [&](const Setting& s) { return key == s.property; });
    if (setting == settings().end()) {
      return fail(ErrorCode::InvalidArgument, where + ": unknown setting '" + key + "'");
    }
    if (auto ok = setting->apply(config, value, where + " " + key); !ok) return ok;
  }
  return {};
}

// The installed copy when there is one, else the build's source tree.
fs::path installedOrSource(const char* installed, const char* source) {
  std::error_code ec;
  return fs::exists(installed, ec) ? fs::path(installed) : fs::path(source);
}

}  // namespace

Result<std::string> readWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::NotFound, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<ServerConfig> parseServerConfig(std::span<const std::string> args, const EnvLookup& env,
                                       const FileReader& readFile) {
  ServerConfig config;

  // The file first (it is the weakest source), so find --config before applying anything.
  if (const char* file = env("ARENA_CONFIG"); file != nullptr && *file != '\0') {
    config.configFile = fs::path(file);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) config.configFile = args[i + 1];
    if (args[i].starts_with("--config=")) config.configFile = args[i].substr(9);
  }
  if (config.configFile) {
    auto text = readFile(*config.configFile);
    if (!text) return std::unexpected(text.error());
    if (auto ok = applyProperties(config, *text, *config.configFile); !ok) {
      return std::unexpected(ok.error());
    }
  }

  for (const Setting& setting : settings()) {
    if (const char* value = env(setting.variable); value != nullptr) {
      if (auto ok = setting.apply(config, value, setting.variable); !ok) {
        return std::unexpected(ok.error());
      }
    }
  }

  auto findSetting = [](std::string_view flag) {
    return std::ranges::find_if(settings(), [&](const Setting& s) { return flag == s.flag; });
  };
  auto flags = forEachFlag(
      args,
      [&](std::string_view flag) {
        return flag == "--config" || findSetting(flag) != settings().end();
      },
      [&](const std::string& flag, const std::string& value) -> Result<void> {
        if (flag == "--config") return {};  // read first, above
        return findSetting(flag)->apply(config, value, flag);
      },
      config.help);
  if (!flags) return std::unexpected(flags.error());

  std::error_code ec;
  config.dataDir = fs::absolute(config.dataDir, ec).lexically_normal();
  if (config.dbUrl.empty()) config.dbUrl = "sqlite://" + (config.dataDir / "arena.db").string();
  if (config.judges < 0) {
    // With Redis, arena-judge processes judge; in-process judges only when asked for.
    config.judges = config.redisUrl.empty()
                        ? static_cast<int>(std::max(1U, std::thread::hardware_concurrency()))
                        : 0;
  }
  if (config.webuiDir.empty()) {
    config.webuiDir = installedOrSource(ARENA_WEBUI_INSTALLED_DIR, ARENA_WEBUI_SOURCE_DIR);
  }
  if (config.samplesDir.empty()) {
    config.samplesDir = installedOrSource(ARENA_SAMPLES_INSTALLED_DIR, ARENA_SAMPLES_SOURCE_DIR);
  }
  if (!config.redisUrl.empty() && !config.redisUrl.starts_with("redis://")) {
    return fail(ErrorCode::InvalidArgument,
                "ARENA_REDIS_URL must look like redis://host:port/db");
  }
  return config;
}

std::string serverUsage() {
  return R"(usage: arena-server [--config FILE] [--port N] [--bind ADDR] [--data-dir DIR] [--db URL]
                    [--redis URL] [--judges N] [--webui-dir DIR] [--samples-dir DIR]
                    [--cors-origins LIST] [--http-threads N] [--log-requests true|false]
                    [--sandbox-uid N] [--rate-limit N] [--trusted-proxies LIST]
                    [--lan-beacon PORT] [--server-name NAME]

The CodeArena server: REST API under /api, the web UI at /, /healthz and /metrics.
With no settings it is a complete lab server: SQLite in the data directory, in-process judging,
the sample problems loaded, and an `admin` account whose password is printed once.

Settings, weakest first: defaults, the properties file (--config FILE or ARENA_CONFIG; keys in
the second column), environment variables, flags.

  variable            property        meaning (default)
  ARENA_HTTP_PORT     http.port       port (8080)
  ARENA_BIND          bind            address (0.0.0.0)
  ARENA_DATA_DIR      data.dir        data directory (./arena-data)
  ARENA_DB_URL        db.url          sqlite:///path or mysql://user:pass@host:port/db
                                      (SQLite in the data directory)
  ARENA_REDIS_URL     redis.url       redis://host:port/db (unset: in-process queue and cache)
  ARENA_JUDGES        judges          in-process judge workers; 0 when separate workers judge
                                      (number of cores; 0 with ARENA_REDIS_URL)
  ARENA_WEBUI_DIR     webui.dir       the built web UI to serve (the build's webui/dist)
  ARENA_SAMPLES_DIR   samples.dir     sample problems loaded at first start
  ARENA_CORS_ORIGINS  cors.origins    origins allowed to call the API from a browser (none)
  ARENA_TRUSTED_PROXIES trusted.proxies  addresses of reverse proxies whose X-Forwarded-For names
                                      the client (rate limits, logs); e.g. 127.0.0.1 (none)
  ARENA_HTTP_THREADS  http.threads    HTTP threads, one per open keep-alive connection (256)
  ARENA_LOG_REQUESTS  log.requests    one JSON line per request on stderr (true)
  ARENA_SANDBOX_UID   sandbox.uid     first host uid of the sandbox boxes (60000)
  ARENA_RATE_LIMIT    rate.limit      requests per second per client address, burst 4x (50);
                                      0 turns it off (benchmarks, a proxy that limits)
  ARENA_WS_HEARTBEAT_MS ws.heartbeat.ms  live channel ping interval; 3 silent intervals close (15000)
  ARENA_WS_QUEUE      ws.queue        frames waiting per live client before it is dropped (256)
  ARENA_WS_SEND_BUFFER ws.send.buffer SO_SNDBUF of each live client socket, bytes (0: kernel's)
  ARENA_LAN_BEACON    lan.beacon      UDP port on which the server announces itself to desktop
                                      clients on the LAN; 0 turns it off (47800)
  ARENA_SERVER_NAME   server.name     the name the announcement gives (CodeArena)
  ARENA_DUEL_COUNTDOWN_MS duel.countdown.ms  countdown before a duel's problem shows (5000)
  ARENA_DUEL_TIME_LIMIT_MS duel.time.limit.ms  a duel's time limit, then a draw (1800000)
  ARENA_DUEL_DISCONNECT_GRACE_MS duel.disconnect.grace.ms  how long a duel player may be
                                      without a live connection before forfeiting (30000)
  ARENA_CCS_API_BASE  ccs.api.base    where the ICPC Contest API is served (/api/ccs)
  ARENA_CCS_KEEPALIVE_MS ccs.keepalive.ms  quiet time after which an event feed gets the
                                      keep-alive newline (120000)
  ARENA_CCS_FEED_POLL_MS ccs.feed.poll.ms  how often open event feeds look for new events (1000)
  ARENA_CCS_MAX_FEEDS ccs.max.feeds   event feeds open at once; past it 503 (128)
)";
}

}  // namespace arena::server::app
