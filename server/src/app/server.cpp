#include "app/server.hpp"

#include <csignal>

#include "app/bootstrap.hpp"
#include "app/system_routes.hpp"
#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "features/analytics/analytics_routes.hpp"
#include "features/auth/auth_routes.hpp"
#include "features/auth/auth_service.hpp"
#include "features/judging/judge_queue.hpp"
#include "features/judging/judge_workers.hpp"
#include "features/judging/package_store.hpp"
#include "features/judging/playground.hpp"
#include "features/leaderboard/leaderboard_routes.hpp"
#include "features/leaderboard/leaderboard_service.hpp"
#include "features/leaderboard/snapshot_scheduler.hpp"
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
  judging::InProcessJudgeQueue queue;
  std::unique_ptr<judging::Playground> playground;
  std::unique_ptr<problems::ProblemService> problems;
  std::unique_ptr<submissions::SubmissionService> submissions;
  std::unique_ptr<leaderboard::LeaderboardService> leaderboard;
  std::unique_ptr<leaderboard::SnapshotScheduler> snapshots;
  http::Router router;
  std::unique_ptr<http::StaticFiles> webui;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::HttpServer> http;
  std::unique_ptr<judging::JudgeWorkers> workers;
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

}  // namespace

Result<std::unique_ptr<Server>> Server::start(const ServerConfig& config) {
  if (!config.redisUrl.empty()) {
    return fail(ErrorCode::InvalidArgument,
                "ARENA_REDIS_URL is set, but this build runs only the in-process queue and cache "
                "(Redis scale-out is not built yet); unset it");
  }
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
  p.submissions = std::make_unique<submissions::SubmissionService>(
      p.storage->submissions(), p.storage->problems(), p.storage->analytics(), p.queue,
      [&p](const judging::PlaygroundRequest& request) { return p.playground->run(request); },
      languageInfos(p.languages));
  p.leaderboard = std::make_unique<leaderboard::LeaderboardService>(p.storage->leaderboard());
  leaderboard::SnapshotSchedulerOptions snapshotOptions;
  snapshotOptions.catchUpOnStart = false;  // "today" is 404 until midnight or a proctor takes it
  p.snapshots = std::make_unique<leaderboard::SnapshotScheduler>(*p.leaderboard, snapshotOptions);

  auth::registerAuthRoutes(p.router, *p.auth);
  problems::registerProblemRoutes(p.router, *p.problems);
  submissions::registerSubmissionRoutes(p.router, *p.submissions);
  leaderboard::registerLeaderboardRoutes(p.router, *p.leaderboard);
  analytics::registerAnalyticsRoutes(p.router, p.storage->analytics());
  registerSystemRoutes(p.router, p.metrics, [&p] {
    Health health;
    auto probe = p.storage->problems().findById(0);
    health.databaseOk = probe.has_value() || probe.error().code == ErrorCode::NotFound;
    if (!health.databaseOk) health.databaseMessage = probe.error().message;
    health.judgesConfigured = p.config.judges;
    health.judgesRunning = p.workers ? p.workers->running() : 0;
    health.queueDepth = p.queue.depth();
    return health;
  });
  p.metrics.gauge("arena_judge_queue_depth", "Submissions waiting to be judged",
                  [&p] { return static_cast<double>(p.queue.depth()); });

  http::DispatcherOptions dispatcherOptions;
  dispatcherOptions.corsOrigins = config.corsOrigins;
  dispatcherOptions.perClient = {static_cast<double>(config.rateLimit), 4.0 * config.rateLimit};
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
  auto server = context(http::HttpServer::start(*p.dispatcher, httpOptions), "http");
  if (!server) return std::unexpected(server.error());
  p.http = std::move(*server);

  p.workers = std::make_unique<judging::JudgeWorkers>(*p.storage, *p.packages, p.queue, *p.judge,
                                                      p.languages, p.metrics);
  if (auto requeued = p.workers->requeueUnfinished(); !requeued) {
    return std::unexpected(requeued.error());
  } else if (*requeued > 0) {
    http::logJsonLine({{"level", "info"}, {"event", "requeued"}, {"submissions", *requeued}});
  }
  if (config.judges > 0) p.workers->start(config.judges);
  p.snapshots->start();
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
  p.http->stop();
  p.snapshots->stop();
  p.queue.close();
  p.workers->stop();
}

}  // namespace arena::server::app
