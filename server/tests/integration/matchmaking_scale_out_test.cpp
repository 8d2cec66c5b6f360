// Issue 10's concurrency test, on real MariaDB and Redis: two arena-server replicas (A and B)
// share one duel queue. 1,000 players enqueue at once, half through A and half through B, and
// each polls dequeue through the *other* replica until matched or the queue settles. Then:
// every player is in at most one match (the matches table), both players of a match collected
// the same match, every pair was within the rating gap at pairing time, and every player is
// either matched or still waiting: nobody is lost, nobody is there twice.
//
// Users are made directly in the database (argon2id per registration would take minutes) and
// their tokens minted with the replicas' JWT secret, which the test writes into both data
// directories before they start (as a deployment copies it to each replica).

#include <algorithm>
#include <atomic>
#include <barrier>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "features/auth/jwt.hpp"
#include "features/matchmaking/pairing_rules.hpp"
#include "http_client.hpp"
#include "server_process.hpp"
#include "storage_fixture.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int kPlayers = 1000;
constexpr int kOutliers = 20;  // far from everyone and each other: they must stay waiting
constexpr int kClientThreads = 16;
constexpr int kFirstUid = 460000;  // A, then B at +1000
const std::string kSecret(64, 'k');

// The test Redis URL with database 5 (this test's own; flushed first).
std::string redisUrlForThisTest() {
  const char* base = std::getenv("ARENA_TEST_REDIS_URL");
  if (base == nullptr) return {};
  std::string url = base;
  const auto slash = url.find('/', std::string("redis://").size());
  if (slash != std::string::npos) url.resize(slash);
  return url + "/5";
}

// redis-cli with the URL's parts (its own -u parsing refuses some passwords the server takes).
std::string redisCli(const std::string& url, const std::string& args) {
  // redis://[:password@]host:port/db
  std::string rest = url.substr(std::string("redis://").size());
  std::string password;
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    password = rest.substr(0, at);
    if (!password.empty() && password[0] == ':') password.erase(0, 1);
    rest.erase(0, at + 1);
  }
  const auto colon = rest.find(':');
  const auto slash = rest.find('/');
  const std::string host = rest.substr(0, colon);
  const std::string port = rest.substr(colon + 1, slash - colon - 1);
  const std::string db = slash == std::string::npos ? "0" : rest.substr(slash + 1);
  const std::string command = "redis-cli --no-auth-warning -h " + host + " -p " + port + " -n " +
                              db + (password.empty() ? "" : " -a '" + password + "'") + " " +
                              args + " 2>/dev/null";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    ::pclose(pipe);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

struct Player {
  std::int64_t id = 0;
  std::int32_t rating = 0;
  std::string token;
  bool throughA = true;  // enqueues on A, polls on B (and the other way round)
  std::optional<std::int64_t> matchId;
  int lastStatus = 0;
};

class MatchmakingScaleOutTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (std::getenv("ARENA_TEST_REDIS_URL") == nullptr) {
      GTEST_SKIP() << "ARENA_TEST_REDIS_URL is not set (tests/services/redis.sh start)";
    }
    std::string pattern = (fs::temp_directory_path() / "arena-duels-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_root = pattern;
    fs::permissions(m_root, fs::perms::owner_all | fs::perms::group_exec |
                                fs::perms::others_exec);
    m_redis = redisUrlForThisTest();
    ASSERT_EQ(redisCli(m_redis, "FLUSHDB"), "OK");
  }
  void TearDown() override {
    if (HasFailure()) {
      if (m_a) std::cerr << "replica A log:\n" << m_a->logTail() << "\n";
      if (m_b) std::cerr << "replica B log:\n" << m_b->logTail() << "\n";
    }
    m_a.reset();
    m_b.reset();
    if (!m_root.empty()) {
      std::error_code ec;
      fs::remove_all(m_root, ec);
    }
    StorageTest::TearDown();
  }

  std::unique_ptr<ServerProcess> replica(const std::string& name, int uid) {
    const fs::path dir = m_root / name;
    fs::create_directories(dir / "secrets");
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    fs::permissions(dir / "secrets", fs::perms::owner_all);
    std::ofstream(dir / "secrets" / "jwt-secret") << kSecret << "\n";
    fs::permissions(dir / "secrets" / "jwt-secret",
                    fs::perms::owner_read | fs::perms::owner_write);
    return std::make_unique<ServerProcess>(ServerOptions{
        dir,
        url(),
        0,
        {{"ARENA_REDIS_URL", m_redis},
         {"ARENA_SANDBOX_UID", std::to_string(uid)},
         {"ARENA_RATE_LIMIT", "100000"}}});
  }

  // 1,000 contestants with ratings: most in a dense band, a few far-out outliers.
  std::vector<Player> makePlayers() {
    std::mt19937 random(10);
    auto jwt = auth::Jwt::create(kSecret);
    EXPECT_TRUE(jwt.has_value());
    std::vector<Player> players;
    std::vector<storage::RatingChange> ratings;
    for (int i = 0; i < kPlayers; ++i) {
      const std::string name = "duelist" + std::to_string(i);
      auto account = storage().users().create(
          {name + "@example.org", name, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
           model::Role::Contestant});
      EXPECT_TRUE(account.has_value()) << account.error().message;
      if (!account) return {};
      Player player;
      player.id = account->user.id;
      player.rating = i < kOutliers ? 3000 + 1000 * i                      // 1000 apart
                                    : static_cast<std::int32_t>(1000 + random() % 1200);
      player.token = jwt->issue(account->user);
      player.throughA = i % 2 == 0;
      ratings.push_back({player.id, player.rating, 200.0, 0.06, std::nullopt});
      players.push_back(std::move(player));
    }
    EXPECT_TRUE(storage().users().updateRatings(ratings).has_value());
    return players;
  }

  fs::path m_root;
  std::string m_redis;
  std::unique_ptr<ServerProcess> m_a;
  std::unique_ptr<ServerProcess> m_b;
};

TEST_P(MatchmakingScaleOutTest, AThousandPlayersThroughTwoReplicasEachInAtMostOneFairMatch) {
  for (const auto& [slug, difficulty] :
       {std::pair{"duel-easy", model::Difficulty::Easy},
        std::pair{"duel-medium", model::Difficulty::Medium},
        std::pair{"duel-hard", model::Difficulty::Hard}}) {
    model::Problem problem;
    problem.slug = slug;
    problem.title = slug;
    problem.difficulty = difficulty;
    problem.description = "Add two numbers.";
    ASSERT_TRUE(storage().problems().create(problem).has_value());
  }
  std::vector<Player> players = makePlayers();
  ASSERT_EQ(players.size(), static_cast<std::size_t>(kPlayers));

  m_a = replica("a", kFirstUid);
  m_b = replica("b", kFirstUid + 1000);
  ASSERT_TRUE(m_a->start()) << m_a->why();
  ASSERT_TRUE(m_b->start()) << m_b->why();

  const auto began = std::chrono::steady_clock::now();
  std::atomic<int> unexpected{0};
  std::mutex logMutex;
  std::string firstUnexpected;
  const auto note = [&](const std::string& what) {
    const std::lock_guard lock(logMutex);
    if (++unexpected == 1) firstUnexpected = what;
  };
  std::atomic<int> matched{0};
  std::atomic<std::int64_t> lastMatchMs{0};
  const auto elapsedMs = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - began)
        .count();
  };

  std::barrier start(kClientThreads);
  std::vector<std::thread> clients;
  for (int t = 0; t < kClientThreads; ++t) {
    clients.emplace_back([&, t] {
      HttpClient onA(m_a->host(), m_a->port());
      HttpClient onB(m_b->host(), m_b->port());
      std::vector<Player*> mine;
      for (std::size_t i = static_cast<std::size_t>(t); i < players.size(); i += kClientThreads)
        mine.push_back(&players[i]);
      start.arrive_and_wait();  // everyone enqueues at once
      for (Player* player : mine) {
        const HttpResult queued = (player->throughA ? onA : onB)
                                      .post("/api/match/enqueue", nlohmann::json::object(),
                                            player->token);
        if (queued.status != 200) note("enqueue " + std::to_string(queued.status) + queued.body);
      }
      lastMatchMs = std::max(lastMatchMs.load(), elapsedMs());  // "settled" counts from here
      // Poll through the other replica until matched, or until nobody has been matched for
      // three seconds (six pairing ticks): the queue has settled.
      std::vector<Player*> waiting = mine;
      while (!waiting.empty()) {
        std::vector<Player*> still;
        for (Player* player : waiting) {
          const HttpResult answer = (player->throughA ? onB : onA)
                                        .post("/api/match/dequeue", nlohmann::json::object(),
                                              player->token);
          player->lastStatus = answer.status;
          if (answer.status == 200) {
            player->matchId = answer.json().at("match_id").get<std::int64_t>();
            ++matched;
            lastMatchMs = elapsedMs();
          } else if (answer.status == 202) {
            still.push_back(player);
          } else {
            note("dequeue " + std::to_string(answer.status) + answer.body);
          }
        }
        waiting = std::move(still);
        if (elapsedMs() - lastMatchMs.load() > 3000 || elapsedMs() > 45'000) break;
        std::this_thread::sleep_for(50ms);
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(unexpected.load(), 0) << firstUnexpected;

  // A matched player may not queue again while the match lasts, on either replica.
  const auto someMatched = std::find_if(players.begin(), players.end(),
                                        [](const Player& player) { return player.matchId; });
  ASSERT_NE(someMatched, players.end()) << "nobody was matched";
  for (ServerProcess* server : {m_a.get(), m_b.get()}) {
    HttpClient client(server->host(), server->port());
    const HttpResult again =
        client.post("/api/match/enqueue", nlohmann::json::object(), someMatched->token);
    EXPECT_EQ(again.status, 409) << again.body;
  }
  // Freeze the queue (the pairing ticks stop with the replicas), then judge from the matches
  // table and Redis alone.
  const auto tookMs = elapsedMs();
  m_a->stop();
  m_b->stop();

  std::map<std::int64_t, const Player*> byId;
  for (const Player& player : players) byId[player.id] = &player;
  std::vector<model::Match> rows;  // every match there is (ids are dense in this database)
  for (std::int64_t id = 1;; ++id) {
    auto row = storage().matches().findById(id);
    if (!row) break;
    rows.push_back(*row);
  }
  const matchmaking::PairingRules rules;  // the replicas' defaults
  // Every pairing happened within `tookMs` of its players' enqueue: the widest gap by then.
  const auto widest = matchmaking::acceptableGap(rules, std::chrono::milliseconds(tookMs));
  std::map<std::int64_t, int> matchesOf;
  int collected = 0;
  for (const model::Match& row : rows) {
    ASSERT_TRUE(byId.contains(row.player1Id) && byId.contains(row.player2Id));
    const Player& first = *byId[row.player1Id];
    const Player& second = *byId[row.player2Id];
    ++matchesOf[first.id];
    ++matchesOf[second.id];
    EXPECT_LE(std::abs(first.rating - second.rating), widest)
        << "match " << row.id << " pairs " << first.rating << " with " << second.rating;
    for (const Player* player : {&first, &second}) {
      // Collected (through the other replica) or made after the player's last poll.
      if (player->matchId) {
        EXPECT_EQ(*player->matchId, row.id) << "player " << player->id << " got another match";
        ++collected;
      }
    }
  }
  for (const auto& [player, count] : matchesOf) EXPECT_EQ(count, 1) << "player " << player;
  EXPECT_EQ(collected, matched.load()) << "every match collected is in the table";

  // Nobody lost, nobody twice: Redis holds exactly the players in no match, no claim is left.
  std::set<std::int64_t> waiting;
  std::istringstream keys(redisCli(m_redis, "HKEYS arena:match:entries"));
  for (std::string line; std::getline(keys, line);) {
    if (!line.empty()) waiting.insert(std::stoll(line));
  }
  for (const Player& player : players) {
    const bool inMatch = matchesOf.contains(player.id);
    EXPECT_NE(inMatch, waiting.contains(player.id))
        << "player " << player.id << (inMatch ? " matched and still queued" : " lost");
  }
  EXPECT_EQ(redisCli(m_redis, "ZCARD arena:match:waiting"), std::to_string(waiting.size()));
  std::istringstream values(redisCli(m_redis, "HVALS arena:match:entries"));
  for (std::string value; std::getline(values, value);) {
    EXPECT_NE(std::count(value.begin(), value.end(), ':'), 3) << "a claim was left: " << value;
  }
  for (int i = 0; i < kOutliers; ++i) {
    EXPECT_FALSE(matchesOf.contains(players[static_cast<std::size_t>(i)].id)) << "outlier " << i;
  }
  EXPECT_GE(static_cast<int>(rows.size()), (kPlayers - kOutliers) / 2 - 20)
      << "the dense band pairs almost fully";
  std::cerr << kPlayers << " players through two replicas: " << rows.size() << " matches, "
            << waiting.size() << " still waiting, " << tookMs << " ms (gap bound " << widest
            << ")\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, MatchmakingScaleOutTest,
                         ::testing::Values(storage::testing::TestBackend::Mysql));

}  // namespace
}  // namespace arena::server::testing
