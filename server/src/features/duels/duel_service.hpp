#pragma once
// Theory of operation: the life of a duel after matchmaking (or a proctor) made its match row.
//
//   schedule      the match gets a countdown end (started_at), a time limit (ends_at) and a rated
//                 flag; this replica remembers to announce `match.started` when the countdown ends.
//   verdicts      `submission.verdict` events (channel `submissions`) are queued to the duel
//                 thread: the publisher is a judge worker, and with Redis every replica hears every
//                 event. The thread publishes `match.progress` (absolute counts, so the copy each
//                 replica sends is harmless) and, on an AC, settles the duel from the database rows.
//   settling      the submissions of both players on the match problem created in
//                 [started_at, ends_at), ordered by (created_at, id): the first AC wins. A pending
//                 submission ahead of it means "wait": the earlier submission may still be AC. So the
//                 winner never depends on which verdict event arrived first. After the time limit
//                 with no AC the duel is a draw (once submissions made in time are judged, or
//                 judgingGrace passed).
//   presence      the live hub reports each connect/disconnect (presenceChanged); this replica's
//                 count of a user's connections goes out on the bus (`presence.changed` on the
//                 internal channel `duel-presence`) so every replica knows the user's connections on
//                 every replica. A player whose total drops to zero and stays there for
//                 disconnectGrace forfeits (reason disconnect); reconnecting within it keeps the
//                 match. A player who never connected is never forfeited this way (REST-only
//                 clients). A replica that dies leaves its counts behind: its users then cannot
//                 lose by disconnect, only by time; failing that way is safe.
//   ending        DuelRepository::end finishes the match and writes both Glicko-2 ratings and their
//                 history rows in one transaction, guarded by "still open": when replicas race, the
//                 first ending wins and the others get Conflict and change nothing. Only the winner
//                 of that race publishes `match.finished` and invalidates the leaderboard.
//
// Everything time-based runs in tick() (the duel thread calls it every `tick`); tests call
// runPending() and tick() themselves with an injected clock, no thread, no sleeps.

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/rating/glicko2.hpp"
#include "features/duels/duel_repository.hpp"
#include "live/event_bus.hpp"
#include "storage/match_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::duels {

struct DuelSettings {
  std::chrono::milliseconds countdown{5000};
  std::chrono::milliseconds timeLimit{30 * 60 * 1000};
  std::chrono::milliseconds disconnectGrace{30000};
  // After the time limit, how long submissions made in time may still be judged.
  std::chrono::milliseconds judgingGrace{120000};
  std::chrono::milliseconds tick{500};
  rating::Glicko2Settings glicko;
};

struct DuelDeps {
  storage::MatchRepository& matches;
  DuelRepository& duels;
  storage::UserRepository& users;
  live::EventBus& events;
};

struct PlayerView {
  std::int64_t userId = 0;
  std::string username;
  std::int32_t rating = 1500;
  double ratingDeviation = 350.0;
  int tries = 0;
  std::vector<std::optional<model::Verdict>> verdicts;  // in submission order; none: judging
  bool solved = false;
};

enum class DuelState { Countdown, Active, Finished };

// GET /api/matches/{id}: everything a duel screen shows, never code.
struct MatchView {
  Duel duel;
  DuelState state = DuelState::Countdown;
  Timestamp serverTime{};
  std::array<PlayerView, 2> players;
  std::vector<RatingPoint> ratingChanges;  // once finished and rated
};

struct NewDuel {
  std::int64_t player1Id = 0;
  std::int64_t player2Id = 0;
  std::int64_t problemId = 0;
  bool rated = false;
};

inline constexpr std::string_view kPresenceChannel = "duel-presence";
std::string matchChannel(std::int64_t matchId);

class DuelService {
 public:
  using Clock = std::function<Timestamp()>;
  using RatingsChanged = std::function<void()>;

  DuelService(DuelDeps deps, DuelSettings settings = {}, Clock clock = nullptr,
              std::string replicaId = {});
  ~DuelService();  // stops
  DuelService(const DuelService&) = delete;
  DuelService& operator=(const DuelService&) = delete;

  // Wiring, before start(): hear verdicts and presence from the bus; be told of rating changes.
  void subscribe();
  void setRatingsChangedListener(RatingsChanged listener);
  // The duel thread: queued work, and tick() every settings.tick. stop() is idempotent.
  void start();
  void stop();

  // Turns a fresh match into a duel (countdown from now, time limit, rated). Any thread.
  Result<Duel> schedule(const model::Match& match, bool rated = true);
  // A proctor's duel: NotFound for an unknown player or problem, Conflict when a player is in an
  // open duel, InvalidArgument for one player twice.
  Result<Duel> create(const NewDuel& duel);
  // Players and proctors; NotFound for anyone else (ids do not leak).
  Result<MatchView> view(std::int64_t matchId, std::int64_t viewerId, bool proctor);
  // The player gives up: the opponent wins. NotFound for a non-player, Conflict once ended.
  Result<MatchView> forfeit(std::int64_t matchId, std::int64_t userId);
  Result<std::vector<RatingPoint>> ratingHistory(std::int64_t userId);
  // Whether `userId` may hear `match:<id>` (a player of it). Any thread.
  bool isPlayerOf(std::int64_t matchId, std::int64_t userId);

  // From the live hub (any thread, only queues): this replica now holds `connections` open
  // connections of `userId`.
  void presenceChanged(std::int64_t userId, int delta);

  // Runs the queued work on the caller's thread; how many items ran.
  std::size_t runPending();
  // Countdown ends, time limits, disconnect grace. Storage failures are logged and retried on
  // the next tick.
  void tick();

 private:
  using Task = std::function<void()>;
  void post(Task task);
  void postLocked(Task task);  // with m_inbox->mutex held
  void onEvent(const live::Event& event);
  void onVerdict(std::int64_t userId, std::int64_t problemId);
  void onPresence(std::int64_t userId, const std::string& replica, int connections);
  void settle(const Duel& duel, Timestamp now);
  Result<Duel> finish(const Duel& duel, std::optional<std::int64_t> winner, EndReason reason,
                      Timestamp now);
  Result<std::vector<DuelRatingChange>> rate(const Duel& duel, std::optional<std::int64_t> winner);
  Result<std::vector<Attempt>> attemptsOf(const Duel& duel);
  void publishProgress(const Duel& duel, std::int64_t userId);
  void publishStarted(const Duel& duel);
  void publishFinished(const Duel& duel, const std::vector<DuelRatingChange>& ratings);
  void loop();

  DuelDeps m_deps;
  DuelSettings m_settings;
  Clock m_clock;
  std::string m_replica;

  // The queue of work for the duel thread. Shared with the bus subscription, which may outlive
  // the service (a Redis bus): once closed, whatever it is handed is dropped.
  struct Inbox {
    std::mutex mutex;
    std::condition_variable wake;
    std::vector<Task> tasks;
    bool running = false;
    bool closed = false;
  };
  std::shared_ptr<Inbox> m_inbox = std::make_shared<Inbox>();
  std::mutex m_mutex;  // guards m_listener
  RatingsChanged m_listener;
  std::thread m_thread;

  // Touched only by queued work and tick() (the duel thread).
  std::set<std::int64_t> m_toAnnounce;
  std::map<std::int64_t, int> m_localConnections;
  std::map<std::int64_t, std::map<std::string, int>> m_connections;  // user -> replica -> count
  std::map<std::int64_t, Timestamp> m_goneSince;
};

std::string_view stateName(DuelState state);

}  // namespace arena::server::duels
