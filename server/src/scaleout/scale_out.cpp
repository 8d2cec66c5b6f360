#include "scaleout/scale_out.hpp"

#include "http/json_log.hpp"

namespace arena::server::scaleout {

Result<ScaleOut> connect(const std::string& redisUrl, ScaleOutOptions options) {
  auto url = RedisUrl::parse(redisUrl);
  if (!url) return std::unexpected(url.error());
  ScaleOut parts;
  {
    RedisClient probe(*url, options.redis);
    if (auto ok = probe.ping(); !ok) {
      if (ok.error().code != ErrorCode::Unavailable && ok.error().code != ErrorCode::Timeout) {
        return fail(ok.error().code, url->redacted() + ": " + ok.error().message);
      }
      parts.reachable = false;
      http::logJsonLine({{"level", "warn"},
                         {"event", "redis_unreachable"},
                         {"redis", url->redacted()},
                         {"message", ok.error().message + " (continuing; parts reconnect)"}});
    }
  }
  options.queue.prefix = options.prefix;
  parts.queue = std::make_unique<RedisJudgeQueue>(*url, options.redis, options.queue);
  parts.events = std::make_unique<RedisEventBus>(
      *url, options.redis, RedisEventBusOptions{.prefix = options.prefix});
  parts.clientLimiter = std::make_shared<RedisRateLimiter>(*url, options.redis, options.perClient,
                                                           "client", options.prefix);
  parts.userLimiter = std::make_shared<RedisRateLimiter>(*url, options.redis, options.perUser,
                                                         "user", options.prefix);
  parts.leaderboard =
      std::make_shared<RedisLeaderboardCache>(*url, options.redis, options.prefix);
  RedisMatchQueueOptions matchOptions;
  matchOptions.prefix = options.prefix;
  parts.matchQueue = std::make_shared<RedisMatchQueue>(*url, options.redis, matchOptions);
  return parts;
}

}  // namespace arena::server::scaleout
