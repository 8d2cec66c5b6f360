#include "app/server.hpp"

#include <csignal>

#include <nlohmann/json.hpp>

#include "app/bootstrap.hpp"
#include "app/lan_beacon.hpp"
#include "app/system_routes.hpp"
#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "features/analytics/analytics_routes.hpp"
#include "features/auth/auth_routes.hpp"
#include "features/auth/auth_service.hpp"
#include "features/contests/contest_boards.hpp"
#include "features/contests/contest_routes.hpp"
#include "features/contests/contest_service.hpp"
#include "features/contests/reveal_routes.hpp"
#include "features/judging/judge_queue.hpp"
#include "features/judging/judge_workers.hpp"
#include "features/judging/package_store.hpp"
#include "features/judging/playground.hpp"
#include "features/leaderboard/leaderboard_routes.hpp"
#include "features/leaderboard/leaderboard_service.hpp"
#include "features/leaderboard/snapshot_scheduler.hpp"
#include "features/matchmaking/matchmaking_routes.hpp"
#include "features/matchmaking/matchmaking_service.hpp"
#include "features/brackets/bracket_routes.hpp"
#include "features/brackets/bracket_service.hpp"
#include "features/brackets/sql_bracket_repository.hpp"
#include "features/duels/duel_routes.hpp"
#include "features/duels/duel_service.hpp"
#include "features/duels/sql_duel_repository.hpp"
#include "features/clarifications/clarification_routes.hpp"
#include "features/clarifications/clarification_service.hpp"
#include "features/ccs_api/ccs_routes.hpp"
#include "features/proctor/account_import.hpp"
#include "features/proctor/proctor_routes.hpp"
#include "features/proctor/rejudge_service.hpp"
#include "features/problems/package_installer.hpp"
#include "features/problems/problem_routes.hpp"
#include "features/problems/problem_service.hpp"
#include "features/problems/sample_loader.hpp"
#include "features/submissions/submission_routes.hpp"
#include "features/submissions/submission_service.hpp"
#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/json_log.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "live/channels.hpp"
#include "live/event_bus.hpp"
#include "live/hub.hpp"
#include "live/judge_event_publisher.hpp"
#include "live/ws_endpoint.hpp"
#include "scaleout/scale_out.hpp"
#include "storage/storage.hpp"
#include "storage/storage_url.hpp"

namespace arena::server::app {

namespace fs = std::filesystem;

// Members are declared in start-up order, so they are destroyed in the reverse.
struct Server::Parts {
  ServerConfig config;
  StartupReport report;
  std::unique_ptr<sandbox::Sandbox> sandbox;
  std::unique_ptr<storage::Storage> storage;
  http::Metrics metrics;
  std::unique_ptr<auth::AuthService> auth;
  judge::LanguageTable languages;
  std::unique_ptr<judge::CompileCache> compileCache;
  std::unique_ptr<judge::Compiler> compiler;
  std::unique_ptr<judge::Judge> judge;
  std::unique_ptr<judging::PackageStore> packages;
  // With ARENA_REDIS_URL: the Redis queue, event bus, rate limits and leaderboard cache, shared
  // by every replica; `queue` and `events` point at them instead of the in-process ones.
  scaleout::ScaleOut scaleOut;
  judging::InProcessJudgeQueue localQueue;
  judging::JudgeQueue* queue = &localQueue;
  live::InProcessEventBus localEvents;
  live::EventBus* events = &localEvents;
  std::unique_ptr<scaleout::QueueSweeper> sweeper;
  std::unique_ptr<judging::Playground> playground;
  std::unique_ptr<problems::ProblemService> problems;
  // Contests: boards fed by verdicts on `events`; shared so subscribers can hold them weakly.
  std::unique_ptr<contests::RevealStore> revealStore;  // before the boards: they point at it
  std::shared_ptr<contests::ContestBoards> contestBoards;
  std::shared_ptr<contests::ContestService> contests;
  std::unique_ptr<contests::RevealService> reveal;
  std::unique_ptr<submissions::SubmissionService> submissions;
  std::unique_ptr<leaderboard::LeaderboardService> leaderboard;
  std::unique_ptr<leaderboard::SnapshotScheduler> snapshots;
  std::unique_ptr<matchmaking::MatchmakingService> matchmaking;
  // Duels outlive the hub (declared before it): its presence reports reach a live service.
  std::unique_ptr<duels::SqlDuelRepository> duelRepository;
  std::unique_ptr<duels::DuelService> duels;
  // Brackets drive duels: declared after them, so they go first.
  std::unique_ptr<brackets::SqlBracketRepository> bracketRepository;
  std::unique_ptr<brackets::BracketService> brackets;
  std::unique_ptr<proctor::AccountImporter> accountImporter;
  std::unique_ptr<proctor::RejudgeService> rejudge;
  std::unique_ptr<clarifications::ClarificationService> clarifications;
  std::unique_ptr<ccs_api::CcsApiService> ccsApi;  // the ICPC Contest API (read side)
  // This replica's WebSocket hub, fed by `events`. Shared so the bus's subscriber holds it
  // weakly: a bus that outlives the hub (Redis) finds it gone instead of dangling.
  std::shared_ptr<live::Hub> hub;
  http::Router router;
  std::unique_ptr<http::StaticFiles> webui;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::HttpServer> http;
  std::unique_ptr<judging::JudgeWorkers> workers;
  std::unique_ptr<LanBeacon> beacon;
  bool stopped = false;
};

namespace {

template <class T>
Result<T> context(Result<T> result, const std::string& what) {
  if (!result) return fail(result.error().code, what + ": " + result.error().message);
  return result;
}

std::vector<submissions::LanguageInfo> languageInfos(const judge::LanguageTable& table) {
  std::vector<submissions::LanguageInfo> infos;
  for (const judge::Language& language : table.languages()) {
    if (!language.available) continue;
    const fs::path source(language.sourceFile);
    infos.push_back({language.id, language.name, {source.extension().string()}, language.aliases});
  }
  return infos;
}

// Both players hear of their duel at once on their own channel: `match.found`.
void publishMatchFound(live::EventBus& events, const model::Match& match) {
  for (auto [player, opponent] : {std::pair{match.player1Id, match.player2Id},
                                  std::pair{match.player2Id, match.player1Id}}) {
    const nlohmann::json data = {
        {"match_id", match.id}, {"problem_id", match.problemId}, {"opponent_id", opponent}};
    events.publish({"user:" + std::to_string(player), "match.found", data.dump()});
  }
}

}  // namespace

Result<std::unique_ptr<Server>> Server::start(const ServerConfig& config) {
  auto parts = std::make_unique<Parts>();
  Parts& p = *parts;
  p.config = config;

  // 1. The sandbox: slots for every judge (two for an interactive problem) and the playground.
  sandbox::SandboxOptions sandboxOptions;
  sandboxOptions.slots = static_cast<std::uint32_t>(2 * std::max(config.judges, 1) + 2);
  sandboxOptions.firstUid = static_cast<std::uint32_t>(config.sandboxFirstUid);
  auto box = context(sandbox::Sandbox::create(sandboxOptions), "sandbox");
  if (!box) return std::unexpected(box.error());
  p.sandbox = std::make_unique<sandbox::Sandbox>(std::move(*box));
  p.report.isolation = std::string(sandbox::isolationName(p.sandbox->isolation()));

  // 2. Data directory, secrets, database.
  if (auto ok = prepareDataDir(config.dataDir); !ok) return std::unexpected(ok.error());
  auto secret = loadOrCreateJwtSecret(config.dataDir);
  if (!secret) return std::unexpected(secret.error());
  if (auto url = storage::parseStorageUrl(config.dbUrl);
      url && std::holds_alternative<storage::SqliteUrl>(*url) &&
      std::get<storage::SqliteUrl>(*url).path != ":memory:") {
    if (auto ok = createPrivateFile(std::get<storage::SqliteUrl>(*url).path); !ok) {
      return std::unexpected(ok.error());
    }
  }
  auto storage = context(storage::Storage::open(config.dbUrl, {.poolSize = 8}), "database");
  if (!storage) return std::unexpected(storage.error());
  p.storage = std::move(*storage);

  // 2b. Scale-out: with Redis, jobs, events, rate limits and the leaderboard cache are shared.
  if (!config.redisUrl.empty()) {
    scaleout::ScaleOutOptions scaleOptions;
    scaleOptions.perClient = {static_cast<double>(config.rateLimit), 4.0 * config.rateLimit};
    auto scaleOut = context(scaleout::connect(config.redisUrl, scaleOptions), "redis");
    if (!scaleOut) return std::unexpected(scaleOut.error());
    p.scaleOut = std::move(*scaleOut);
    p.queue = p.scaleOut.queue.get();
    p.events = p.scaleOut.events.get();
    // What Redis lost (down at submit time, restarted empty) is queued again from the rows.
    p.sweeper = std::make_unique<scaleout::QueueSweeper>(p.storage->submissions(),
                                                         *p.scaleOut.queue, std::chrono::seconds(10));
  }

  // 3. Accounts.
  auto jwt = context(auth::Jwt::create(*secret), "jwt secret");
  if (!jwt) return std::unexpected(jwt.error());
  p.auth = std::make_unique<auth::AuthService>(p.storage->users(), p.storage->refreshTokens(),
                                               p.storage->analytics(), auth::PasswordHasher(),
                                               std::move(*jwt));
  auto admin = ensureAdminAccount(
      p.storage->users(), config.dataDir,
      [&p](const std::string& email, const std::string& username, const std::string& password,
           model::Role role) { return p.auth->createAccount(email, username, password, role); });
  if (!admin) return std::unexpected(admin.error());
  p.report.adminPassword = admin->newPassword;
  p.report.adminPasswordFile = admin->passwordFile;

  // 4. Judging.
  auto languages = context(judge::LanguageTable::load(judge::defaultLanguagesFile()), "languages");
  if (!languages) return std::unexpected(languages.error());
  p.languages = std::move(*languages);
  p.languages.detectAvailability();
  auto cache = context(judge::CompileCache::open(config.dataDir / "compile-cache"), "compile cache");
  if (!cache) return std::unexpected(cache.error());
  p.compileCache = std::move(*cache);
  const fs::path workRoot = config.dataDir / "work";
  std::error_code ec;
  fs::create_directories(workRoot, ec);
  p.compiler = std::make_unique<judge::Compiler>(*p.sandbox, p.compileCache.get(), workRoot);
  p.judge = std::make_unique<judge::Judge>(*p.sandbox, p.languages, *p.compiler, workRoot);
  p.packages = std::make_unique<judging::PackageStore>(p.storage->problems(),
                                                       config.dataDir / "packages");
  p.playground =
      std::make_unique<judging::Playground>(*p.sandbox, p.languages, *p.compiler, workRoot);

  // 5. Features and routes.
  p.problems = std::make_unique<problems::ProblemService>(
      p.storage->problems(), problems::packageStoreInstaller(*p.packages), workRoot);
  auto samples = problems::loadSamples(*p.problems, config.samplesDir);
  if (!samples) {
    http::logJsonLine({{"level", "warn"},
                       {"event", "samples_not_loaded"},
                       {"dir", config.samplesDir.string()},
                       {"message", samples.error().message}});
  }
  p.report.samplesLoaded = samples.value_or(0);
  if (auto all = p.storage->problems().list({}); all) {
    p.report.problems = static_cast<int>(all->size());
  }
  p.contestBoards = std::make_shared<contests::ContestBoards>(p.storage->contests(), p.events);
  p.contests = std::make_shared<contests::ContestService>(
      p.storage->contests(), p.storage->users(), p.storage->problems(), *p.contestBoards);
  p.revealStore = std::make_unique<contests::RevealStore>(p.storage->database());
  p.contestBoards->setRevealStore(p.revealStore.get());
  p.reveal = std::make_unique<contests::RevealService>(p.storage->contests(), *p.contestBoards,
                                                       *p.revealStore, p.events);
  submissions::SubmissionServiceOptions submissionOptions;
  submissionOptions.contestGate =
      [&p](const http::Principal& caller, std::int64_t contestId, std::int64_t problemId,
           std::optional<Timestamp> clientTime,
           std::string_view address) -> Result<submissions::ContestAdmission> {
    auto admitted = p.contests->admit(caller, contestId, problemId, clientTime, address);
    if (!admitted) return std::unexpected(admitted.error());
    return submissions::ContestAdmission{admitted->contestId, admitted->clientTime};
  };
  p.submissions = std::make_unique<submissions::SubmissionService>(
      p.storage->submissions(), p.storage->problems(), p.storage->analytics(), *p.queue,
      [&p](const judging::PlaygroundRequest& request) { return p.playground->run(request); },
      languageInfos(p.languages), std::move(submissionOptions));
  leaderboard::LeaderboardOptions leaderboardOptions;
  leaderboardOptions.shared = p.scaleOut.leaderboard;  // null without Redis
  p.leaderboard = std::make_unique<leaderboard::LeaderboardService>(p.storage->leaderboard(),
                                                                    leaderboardOptions);
  leaderboard::SnapshotSchedulerOptions snapshotOptions;
  snapshotOptions.catchUpOnStart = false;  // "today" is 404 until midnight or a proctor takes it
  p.snapshots = std::make_unique<leaderboard::SnapshotScheduler>(*p.leaderboard, snapshotOptions);

  p.matchmaking = std::make_unique<matchmaking::MatchmakingService>(
      matchmaking::MatchmakingRepositories{p.storage->users(), p.storage->problems(),
                                           p.storage->submissions(), p.storage->matches()},
      p.scaleOut.matchQueue);  // null without Redis: the in-process queue
  p.matchmaking->startTicking(std::chrono::milliseconds(500));  // matches form unpolled too
  duels::DuelSettings duelSettings;
  duelSettings.countdown = std::chrono::milliseconds(config.duelCountdownMs);
  duelSettings.timeLimit = std::chrono::milliseconds(config.duelTimeLimitMs);
  duelSettings.disconnectGrace = std::chrono::milliseconds(config.duelDisconnectGraceMs);
  p.duelRepository = std::make_unique<duels::SqlDuelRepository>(p.storage->database());
  p.duels = std::make_unique<duels::DuelService>(
      duels::DuelDeps{p.storage->matches(), *p.duelRepository, p.storage->users(), *p.events},
      duelSettings);
  p.duels->subscribe();
  // A rated result moves the leaderboard: drop the cached list, then tell the watchers.
  p.duels->setRatingsChangedListener([&p] {
    p.leaderboard->invalidate();
    p.events->publish({"leaderboard", "leaderboard.changed", "{}"});
  });
  p.bracketRepository = std::make_unique<brackets::SqlBracketRepository>(p.storage->database());
  p.brackets = std::make_unique<brackets::BracketService>(brackets::BracketDeps{
      *p.bracketRepository, *p.duels, *p.duelRepository, p.storage->matches(), p.storage->users(),
      p.storage->problems(), p.storage->submissions(), *p.events});
  p.brackets->subscribe();
  // The duel is scheduled (countdown, time limit) before the players hear of it.
  p.matchmaking->setMatchListener([&p](const model::Match& match) {
    if (auto scheduled = p.duels->schedule(match); !scheduled) {
      http::logJsonLine({{"level", "warn"},
                         {"event", "duel_not_scheduled"},
                         {"match_id", match.id},
                         {"message", scheduled.error().message}});
    }
    publishMatchFound(*p.events, match);
  });

  live::HubOptions hubOptions;
  hubOptions.heartbeat = std::chrono::milliseconds(config.wsHeartbeatMs);
  hubOptions.queueFrames = static_cast<std::size_t>(config.wsQueueFrames);
  hubOptions.sendBufferBytes = config.wsSendBufferBytes;
  hubOptions.metrics = &p.metrics;
  hubOptions.presence = [&p](std::int64_t userId, int delta) {
    p.duels->presenceChanged(userId, delta);
  };
  hubOptions.channels.isMatchPlayer = [&p](std::int64_t matchId, std::int64_t userId) {
    return p.duels->isPlayerOf(matchId, userId);
  };
  hubOptions.channels.mayWatchContest = [&p](const http::Principal& who, std::int64_t contestId) {
    return p.contests->mayWatch(who, contestId);
  };
  auto hub = context(live::Hub::start(hubOptions), "live hub");
  if (!hub) return std::unexpected(hub.error());
  p.hub = std::move(*hub);
  p.events->subscribe([weak = std::weak_ptr<live::Hub>(p.hub)](const live::Event& event) {
    if (auto live = weak.lock()) live->publish(event);
  });
  contests::feedFromJudgeEvents(*p.events, p.contestBoards);
  p.contestBoards->start();

  auth::registerAuthRoutes(p.router, *p.auth);
  problems::registerProblemRoutes(p.router, *p.problems);
  submissions::registerSubmissionRoutes(p.router, *p.submissions);
  leaderboard::registerLeaderboardRoutes(p.router, *p.leaderboard);
  analytics::registerAnalyticsRoutes(p.router, p.storage->analytics());
  matchmaking::registerMatchmakingRoutes(p.router, *p.matchmaking);
  duels::registerDuelRoutes(p.router, *p.duels);
  brackets::registerBracketRoutes(p.router, *p.brackets);
  contests::registerContestRoutes(p.router, *p.contests);
  contests::registerRevealRoutes(p.router, *p.reveal);
  live::registerLiveRoutes(p.router);
  p.accountImporter =
      std::make_unique<proctor::AccountImporter>(p.storage->users(), auth::PasswordHasher());
  p.rejudge = std::make_unique<proctor::RejudgeService>(p.storage->submissions(),
                                                        p.storage->problems(), *p.queue);
  proctor::registerProctorRoutes(p.router, *p.accountImporter, *p.rejudge, [&p] {
    proctor::ServerStatus status;
    status.queueDepth = p.queue->depth();
    status.judgesConfigured = p.config.judges;
    status.judgesRunning = p.workers ? p.workers->running() : 0;
    status.liveClients = p.hub->clients();
    status.serverTime = std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
    status.version = ARENA_VERSION;
    return status;
  });
  p.clarifications = std::make_unique<clarifications::ClarificationService>(
      p.storage->clarifications(), p.storage->contests(), *p.events, [] {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
      });
  clarifications::registerClarificationRoutes(p.router, *p.clarifications);
  {
    ccs_api::CcsSources sources{p.storage->contests(), p.storage->clarifications(),
                                p.storage->problems(), p.storage->submissions(), {}};
    for (const auto& language : languageInfos(p.languages)) {
      ccs_api::CcsLanguage ccsLanguage{language.id, language.name, {}};
      for (const auto& extension : language.extensions) {
        ccsLanguage.extensions.push_back(extension.starts_with('.') ? extension.substr(1)
                                                                    : extension);
      }
      sources.languages.push_back(std::move(ccsLanguage));
    }
    ccs_api::CcsApiOptions ccsOptions;
    ccsOptions.base = config.ccsApiBase;
    ccsOptions.keepAlive = std::chrono::milliseconds(config.ccsKeepAliveMs);
    ccsOptions.pollInterval = std::chrono::milliseconds(config.ccsFeedPollMs);
    ccsOptions.maxOpenFeeds = static_cast<std::size_t>(config.ccsMaxFeeds);
    p.ccsApi = std::make_unique<ccs_api::CcsApiService>(
        std::move(sources), *p.contests, p.storage->database(),
        [] {
          return std::chrono::time_point_cast<std::chrono::milliseconds>(
              std::chrono::system_clock::now());
        },
        std::move(ccsOptions));
    ccs_api::registerCcsRoutes(p.router, *p.ccsApi);
  }
  registerSystemRoutes(p.router, p.metrics, [&p] {
    Health health;
    auto probe = p.storage->problems().findById(0);
    health.databaseOk = probe.has_value() || probe.error().code == ErrorCode::NotFound;
    if (!health.databaseOk) health.databaseMessage = probe.error().message;
    health.judgesConfigured = p.config.judges;
    health.judgesRunning = p.workers ? p.workers->running() : 0;
    health.queueDepth = p.queue->depth();
    return health;
  });
  p.metrics.gauge("arena_judge_queue_depth", "Submissions waiting to be judged",
                  [&p] { return static_cast<double>(p.queue->depth()); });

  http::DispatcherOptions dispatcherOptions;
  dispatcherOptions.corsOrigins = config.corsOrigins;
  dispatcherOptions.perClient = {static_cast<double>(config.rateLimit), 4.0 * config.rateLimit};
  dispatcherOptions.clientLimiter = p.scaleOut.clientLimiter;  // null without Redis
  dispatcherOptions.userLimiter = p.scaleOut.userLimiter;
  p.dispatcher = std::make_unique<http::Dispatcher>(
      p.router, [&p](std::string_view token) { return p.auth->authenticate(token); }, p.metrics,
      dispatcherOptions);
  p.webui = std::make_unique<http::StaticFiles>(config.webuiDir);
  p.report.webui = fs::exists(config.webuiDir / "index.html", ec);
  p.dispatcher->setFallback([&p](http::Request& request) { return p.webui->serve(request); });

  // 6. Serve, then judge.
  http::HttpServer::Options httpOptions;
  httpOptions.bind = config.bind;
  httpOptions.port = config.port;
  httpOptions.threads = config.httpThreads;
  httpOptions.queue = std::max(config.httpThreads * 4, 64);
  httpOptions.maxBodyBytes = 80 * 1024 * 1024;  // above the largest route limit (imports)
  httpOptions.logRequests = config.logRequests;
  httpOptions.trustedProxies = config.trustedProxies;
  httpOptions.webSocket = live::webSocketRoute(
      *p.hub, [&p](std::string_view token) { return p.auth->authenticate(token); });
  auto server = context(http::HttpServer::start(*p.dispatcher, httpOptions), "http");
  if (!server) return std::unexpected(server.error());
  p.http = std::move(*server);

  // An accepted verdict changes the leaderboard: drop the cached top list before clients hear
  // leaderboard.changed, so the refetch they make sees the new row.
  p.workers = std::make_unique<judging::JudgeWorkers>(
      *p.storage, *p.packages, *p.queue, *p.judge, p.languages, p.metrics,
      [&p, publish = live::JudgeEventPublisher(*p.events).listener()](
          const judging::JudgeEvent& event) {
        if (event.stage == judging::JudgeEvent::Stage::Judged &&
            event.verdict == model::Verdict::Accepted) {
          p.leaderboard->invalidate();
        }
        publish(event);
      });
  if (auto requeued = p.workers->requeueUnfinished(); !requeued) {
    return std::unexpected(requeued.error());
  } else if (*requeued > 0) {
    http::logJsonLine({{"level", "info"}, {"event", "requeued"}, {"submissions", *requeued}});
  }
  if (config.judges > 0) p.workers->start(config.judges);
  if (p.sweeper) p.sweeper->start();
  p.snapshots->start();
  p.duels->start();
  p.brackets->start();
  if (config.lanBeaconPort > 0) {
    // Best effort: a lab without a broadcast route still serves everyone who types the address.
    p.beacon = std::make_unique<LanBeacon>(
        LanBeaconOptions{.httpPort = p.http->port(),
                         .serverName = config.serverName,
                         .beaconPort = static_cast<std::uint16_t>(config.lanBeaconPort)});
    if (auto started = p.beacon->start(); !started) {
      http::logJsonLine({{"level", "warn"},
                         {"event", "lan_beacon_not_started"},
                         {"message", started.error().message}});
    }
  }
  return std::unique_ptr<Server>(new Server(std::move(parts)));
}

Server::Server(std::unique_ptr<Parts> parts) : m_parts(std::move(parts)) {}

Server::~Server() { stop(); }

std::uint16_t Server::port() const { return m_parts->http->port(); }

const StartupReport& Server::startup() const { return m_parts->report; }

const http::Router& Server::router() const { return m_parts->router; }

void Server::stop() {
  Parts& p = *m_parts;
  if (p.stopped) return;
  p.stopped = true;
  if (p.beacon) p.beacon->stop();
  p.http->stop();
  if (p.ccsApi) p.ccsApi->stopFeeds();  // event feeds left the HTTP server: closed here
  p.snapshots->stop();
  p.matchmaking->stopTicking();
  if (p.sweeper) p.sweeper->stop();
  p.queue->close();
  p.workers->stop();
  p.contestBoards->stop();  // after the workers: their last verdicts are applied or dropped
  p.hub->stop();  // after the workers: their last verdicts still go out
  p.brackets->stop();
  p.duels->stop();
}

}  // namespace arena::server::app
