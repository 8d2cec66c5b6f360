// Theory of operation: see duel_service.hpp.
#include "features/duels/duel_service.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "http/json_log.hpp"

namespace arena::server::duels {

namespace {

using nlohmann::json;

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string randomReplicaId() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> pick;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(pick(device)));
  return text;
}

std::string userChannelOf(std::int64_t userId) { return "user:" + std::to_string(userId); }

void logFailure(std::string_view what, const Error& error) {
  http::logJsonLine({{"level", "warn"},
                     {"event", "duel_" + std::string(what) + "_failed"},
                     {"message", error.message}});
}

json ratingChangeJson(std::int64_t userId, std::int32_t previous, std::int32_t rating,
                      double deviation, double volatility) {
  return {{"user_id", userId},          {"previous_rating", previous}, {"rating", rating},
          {"delta", rating - previous}, {"rating_deviation", deviation},
          {"volatility", volatility}};
}

std::optional<std::int64_t> opponentOf(const Duel& duel, std::int64_t userId) {
  if (userId == duel.match.player1Id) return duel.match.player2Id;
  if (userId == duel.match.player2Id) return duel.match.player1Id;
  return std::nullopt;
}

}  // namespace

std::string matchChannel(std::int64_t matchId) { return "match:" + std::to_string(matchId); }

std::string_view stateName(DuelState state) {
  switch (state) {
    case DuelState::Countdown: return "countdown";
    case DuelState::Active: return "active";
    case DuelState::Finished: return "finished";
  }
  return "finished";
}

DuelService::DuelService(DuelDeps deps, DuelSettings settings, Clock clock, std::string replicaId)
    : m_deps(deps),
      m_settings(settings),
      m_clock(clock ? std::move(clock) : Clock(systemNow)),
      m_replica(replicaId.empty() ? randomReplicaId() : std::move(replicaId)) {}

DuelService::~DuelService() {
  stop();
  std::lock_guard lock(m_inbox->mutex);
  m_inbox->closed = true;
  m_inbox->tasks.clear();
}

void DuelService::subscribe() {
  m_deps.events.subscribe([this, inbox = std::weak_ptr<Inbox>(m_inbox)](const live::Event& event) {
    const auto alive = inbox.lock();
    if (!alive) return;
    std::lock_guard lock(alive->mutex);
    if (alive->closed) return;
    onEvent(event);  // parses, then postLocked(): the lock is held here
  });
}

void DuelService::setRatingsChangedListener(RatingsChanged listener) {
  std::lock_guard lock(m_mutex);
  m_listener = std::move(listener);
}

void DuelService::start() {
  std::lock_guard lock(m_inbox->mutex);
  if (m_inbox->running) return;
  m_inbox->running = true;
  m_thread = std::thread([this] { loop(); });
}

void DuelService::stop() {
  {
    std::lock_guard lock(m_inbox->mutex);
    if (!m_inbox->running) return;
    m_inbox->running = false;
  }
  m_inbox->wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void DuelService::loop() {
  auto nextTick = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(m_inbox->mutex);
      m_inbox->wake.wait_until(lock, nextTick, [this] {
        return !m_inbox->running || !m_inbox->tasks.empty();
      });
      if (!m_inbox->running) return;
    }
    runPending();
    if (std::chrono::steady_clock::now() >= nextTick) {
      tick();
      nextTick = std::chrono::steady_clock::now() + m_settings.tick;
    }
  }
}

void DuelService::post(Task task) {
  {
    std::lock_guard lock(m_inbox->mutex);
    if (m_inbox->closed) return;
    m_inbox->tasks.push_back(std::move(task));
  }
  m_inbox->wake.notify_one();
}

void DuelService::postLocked(Task task) {
  m_inbox->tasks.push_back(std::move(task));
  m_inbox->wake.notify_one();
}

std::size_t DuelService::runPending() {
  std::vector<Task> tasks;
  {
    std::lock_guard lock(m_inbox->mutex);
    tasks.swap(m_inbox->tasks);
  }
  for (Task& task : tasks) task();
  return tasks.size();
}

// The bus calls this on the publisher's thread (a judge worker, the Redis reader): parse, queue.
void DuelService::onEvent(const live::Event& event) {
  const bool verdict = event.channel == "submissions" && event.type == "submission.verdict";
  const bool presence = event.channel == kPresenceChannel && event.type == "presence.changed";
  if (!verdict && !presence) return;
  const json data = json::parse(event.data, nullptr, false);
  if (!data.is_object()) return;
  if (verdict) {
    const auto user = data.find("user_id");
    const auto problem = data.find("problem_id");
    if (user == data.end() || problem == data.end() || !user->is_number_integer() ||
        !problem->is_number_integer()) {
      return;
    }
    postLocked([this, userId = user->get<std::int64_t>(), problemId = problem->get<std::int64_t>()] {
      onVerdict(userId, problemId);
    });
    return;
  }
  const auto user = data.find("user_id");
  const auto replica = data.find("replica");
  const auto connections = data.find("connections");
  if (user == data.end() || replica == data.end() || connections == data.end() ||
      !user->is_number_integer() || !replica->is_string() || !connections->is_number_integer()) {
    return;
  }
  postLocked([this, userId = user->get<std::int64_t>(), from = replica->get<std::string>(),
        count = connections->get<int>()] { onPresence(userId, from, count); });
}

void DuelService::presenceChanged(std::int64_t userId, int delta) {
  post([this, userId, delta] {
    int& count = m_localConnections[userId];
    count = std::max(0, count + delta);
    const json data = {{"user_id", userId}, {"replica", m_replica}, {"connections", count}};
    if (count == 0) m_localConnections.erase(userId);
    m_deps.events.publish({std::string(kPresenceChannel), "presence.changed", data.dump()});
  });
}

void DuelService::onPresence(std::int64_t userId, const std::string& replica, int connections) {
  auto& perReplica = m_connections[userId];
  if (connections > 0) {
    perReplica[replica] = connections;
  } else {
    perReplica.erase(replica);
  }
  if (!perReplica.empty()) {
    m_goneSince.erase(userId);
    return;
  }
  m_connections.erase(userId);
  m_goneSince.try_emplace(userId, m_clock());
}

Result<Duel> DuelService::schedule(const model::Match& match, bool rated) {
  const Timestamp startsAt = m_clock() + m_settings.countdown;
  auto duel = m_deps.duels.schedule(match.id, {rated, startsAt, startsAt + m_settings.timeLimit});
  if (!duel) return duel;
  post([this, id = match.id] { m_toAnnounce.insert(id); });
  return duel;
}

Result<Duel> DuelService::create(const NewDuel& duel) {
  if (duel.player1Id == duel.player2Id) {
    return fail(ErrorCode::InvalidArgument, "a duel needs two different players");
  }
  auto open = m_deps.duels.listOpen();
  if (!open) return std::unexpected(open.error());
  for (const Duel& other : *open) {
    if (other.isPlayer(duel.player1Id) || other.isPlayer(duel.player2Id)) {
      return fail(ErrorCode::Conflict, "a player is already in match " +
                                           std::to_string(other.match.id));
    }
  }
  auto match = m_deps.matches.create(
      {duel.player1Id, duel.player2Id, duel.problemId, model::MatchStatus::Active, std::nullopt});
  if (!match) return std::unexpected(match.error());
  return schedule(*match, duel.rated);
}

bool DuelService::isPlayerOf(std::int64_t matchId, std::int64_t userId) {
  auto duel = m_deps.duels.find(matchId);
  return duel && duel->isPlayer(userId);
}

Result<std::vector<Attempt>> DuelService::attemptsOf(const Duel& duel) {
  if (!duel.match.startedAt || !duel.endsAt) return std::vector<Attempt>{};
  return m_deps.duels.attempts(duel.match.problemId, {duel.match.player1Id, duel.match.player2Id},
                               *duel.match.startedAt, *duel.endsAt);
}

Result<MatchView> DuelService::view(std::int64_t matchId, std::int64_t viewerId, bool proctor) {
  auto duel = m_deps.duels.find(matchId);
  if (!duel) return std::unexpected(duel.error());
  if (!proctor && !duel->isPlayer(viewerId)) {
    return fail(ErrorCode::NotFound, "match " + std::to_string(matchId) + " not found");
  }
  MatchView view;
  view.duel = *duel;
  view.serverTime = m_clock();
  if (!duel->isOpen()) {
    view.state = DuelState::Finished;
  } else if (duel->match.startedAt && view.serverTime >= *duel->match.startedAt) {
    view.state = DuelState::Active;
  }
  auto attempts = attemptsOf(*duel);
  if (!attempts) return std::unexpected(attempts.error());
  const std::array ids{duel->match.player1Id, duel->match.player2Id};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    PlayerView& player = view.players[i];
    player.userId = ids[i];
    auto account = m_deps.users.findById(ids[i]);
    if (!account) return std::unexpected(account.error());
    player.username = account->user.username;
    player.rating = account->user.rating;
    player.ratingDeviation = account->ratingDeviation;
    for (const Attempt& attempt : *attempts) {
      if (attempt.userId != ids[i]) continue;
      ++player.tries;
      player.verdicts.push_back(attempt.verdict);
      if (attempt.verdict == model::Verdict::Accepted) player.solved = true;
    }
  }
  if (view.state == DuelState::Finished && duel->rated) {
    auto changes = m_deps.duels.ratingChanges(matchId);
    if (!changes) return std::unexpected(changes.error());
    view.ratingChanges = std::move(*changes);
  }
  return view;
}

Result<MatchView> DuelService::forfeit(std::int64_t matchId, std::int64_t userId) {
  auto duel = m_deps.duels.find(matchId);
  if (!duel) return std::unexpected(duel.error());
  if (!duel->isPlayer(userId)) {
    return fail(ErrorCode::NotFound, "match " + std::to_string(matchId) + " not found");
  }
  if (!duel->isOpen()) {
    return fail(ErrorCode::Conflict, "match " + std::to_string(matchId) + " has already ended");
  }
  auto ended = finish(*duel, opponentOf(*duel, userId), EndReason::Forfeit, m_clock());
  if (!ended) return std::unexpected(ended.error());
  return view(matchId, userId, false);
}

Result<std::vector<RatingPoint>> DuelService::ratingHistory(std::int64_t userId) {
  if (auto user = m_deps.users.findById(userId); !user) return std::unexpected(user.error());
  return m_deps.duels.ratingHistory(userId);
}

void DuelService::onVerdict(std::int64_t userId, std::int64_t problemId) {
  auto open = m_deps.duels.openFor(userId, problemId);
  if (!open) return logFailure("verdict", open.error());
  const Timestamp now = m_clock();
  for (const Duel& duel : *open) {
    // A submission made during the countdown does not count; neither does its verdict.
    if (!duel.match.startedAt || now < *duel.match.startedAt) continue;
    publishProgress(duel, userId);
    settle(duel, now);
  }
}

void DuelService::settle(const Duel& duel, Timestamp now) {
  auto attempts = attemptsOf(duel);
  if (!attempts) return logFailure("settle", attempts.error());
  bool pending = false;
  for (const Attempt& attempt : *attempts) {
    if (attempt.status != model::SubmissionStatus::Judged) {
      pending = true;  // an earlier submission may still be AC: wait for it
      break;
    }
    if (attempt.verdict == model::Verdict::Accepted) {
      auto ended = finish(duel, attempt.userId, EndReason::Solved, now);
      if (!ended && ended.error().code != ErrorCode::Conflict) logFailure("finish", ended.error());
      return;
    }
  }
  if (!duel.endsAt || now < *duel.endsAt) return;
  if (pending && now < *duel.endsAt + m_settings.judgingGrace) return;
  auto ended = finish(duel, std::nullopt, EndReason::Time, now);
  if (!ended && ended.error().code != ErrorCode::Conflict) logFailure("finish", ended.error());
}

Result<std::vector<DuelRatingChange>> DuelService::rate(const Duel& duel,
                                                        std::optional<std::int64_t> winner) {
  std::vector<DuelRatingChange> changes;
  if (!duel.rated) return changes;
  auto first = m_deps.users.findById(duel.match.player1Id);
  if (!first) return std::unexpected(first.error());
  auto second = m_deps.users.findById(duel.match.player2Id);
  if (!second) return std::unexpected(second.error());
  const double score = !winner ? 0.5 : (*winner == duel.match.player1Id ? 1.0 : 0.0);
  const rating::Glicko2Rating before1{static_cast<double>(first->user.rating),
                                      first->ratingDeviation, first->volatility};
  const rating::Glicko2Rating before2{static_cast<double>(second->user.rating),
                                      second->ratingDeviation, second->volatility};
  auto rated = rating::rateDuel(before1, before2, score, m_settings.glicko);
  if (!rated) return std::unexpected(rated.error());
  auto change = [](const storage::UserAccount& account, const rating::Glicko2Rating& after) {
    return DuelRatingChange{account.user.id, account.user.rating,
                            static_cast<std::int32_t>(std::lround(after.rating)), after.deviation,
                            after.volatility};
  };
  changes.push_back(change(*first, rated->first));
  changes.push_back(change(*second, rated->second));
  return changes;
}

Result<Duel> DuelService::finish(const Duel& duel, std::optional<std::int64_t> winner,
                                 EndReason reason, Timestamp now) {
  auto ratings = rate(duel, winner);
  if (!ratings) return std::unexpected(ratings.error());
  auto ended = m_deps.duels.end(duel.match.id, {winner, reason, now, *ratings});
  if (!ended) return ended;  // Conflict: another replica (or request) ended it first
  publishFinished(*ended, *ratings);
  if (!ratings->empty()) {
    RatingsChanged listener;
    {
      std::lock_guard lock(m_mutex);
      listener = m_listener;
    }
    if (listener) listener();
  }
  return ended;
}

void DuelService::tick() {
  auto open = m_deps.duels.listOpen();
  if (!open) return logFailure("tick", open.error());
  const Timestamp now = m_clock();
  for (const Duel& duel : *open) {
    if (m_toAnnounce.contains(duel.match.id) && duel.match.startedAt &&
        now >= *duel.match.startedAt) {
      m_toAnnounce.erase(duel.match.id);
      publishStarted(duel);
    }
    bool forfeited = false;
    for (std::int64_t player : {duel.match.player1Id, duel.match.player2Id}) {
      const auto gone = m_goneSince.find(player);
      if (gone == m_goneSince.end() || now - gone->second < m_settings.disconnectGrace) continue;
      auto ended = finish(duel, opponentOf(duel, player), EndReason::Disconnect, now);
      if (!ended && ended.error().code != ErrorCode::Conflict) logFailure("finish", ended.error());
      forfeited = true;
      break;
    }
    if (!forfeited && duel.endsAt && now >= *duel.endsAt) settle(duel, now);
  }
  // Absences that can no longer forfeit anything are forgotten, so the map stays as small as the
  // number of recently disconnected players.
  std::erase_if(m_goneSince, [&](const auto& entry) {
    return now - entry.second >= m_settings.disconnectGrace &&
           std::none_of(open->begin(), open->end(),
                        [&](const Duel& duel) { return duel.isOpen() && duel.isPlayer(entry.first); });
  });
  // Announcements for matches that ended (or vanished) meanwhile are dropped.
  std::erase_if(m_toAnnounce, [&](std::int64_t id) {
    return std::none_of(open->begin(), open->end(),
                        [id](const Duel& duel) { return duel.match.id == id; });
  });
}

void DuelService::publishProgress(const Duel& duel, std::int64_t userId) {
  auto attempts = attemptsOf(duel);
  if (!attempts) return logFailure("progress", attempts.error());
  int tries = 0;
  json lastVerdict = nullptr;
  for (const Attempt& attempt : *attempts) {
    if (attempt.userId != userId) continue;
    ++tries;
    if (attempt.verdict) lastVerdict = std::string(model::enumName(*attempt.verdict));
  }
  const json data = {{"match_id", duel.match.id},
                     {"user_id", userId},
                     {"tries", tries},
                     {"last_verdict", lastVerdict}};
  m_deps.events.publish({matchChannel(duel.match.id), "match.progress", data.dump()});
}

void DuelService::publishStarted(const Duel& duel) {
  json data = {{"match_id", duel.match.id},
               {"problem_id", duel.match.problemId},
               {"player_ids", {duel.match.player1Id, duel.match.player2Id}},
               {"rated", duel.rated},
               {"started_at", formatTimestamp(*duel.match.startedAt)},
               {"ends_at", duel.endsAt ? json(formatTimestamp(*duel.endsAt)) : json(nullptr)},
               {"server_time", formatTimestamp(m_clock())}};
  const std::string text = data.dump();
  m_deps.events.publish({matchChannel(duel.match.id), "match.started", text});
  for (std::int64_t player : {duel.match.player1Id, duel.match.player2Id}) {
    m_deps.events.publish({userChannelOf(player), "match.started", text});
  }
}

void DuelService::publishFinished(const Duel& duel, const std::vector<DuelRatingChange>& ratings) {
  json changes = json::array();
  for (const DuelRatingChange& change : ratings) {
    changes.push_back(ratingChangeJson(change.userId, change.previousRating, change.rating,
                                       change.ratingDeviation, change.volatility));
  }
  const json data = {
      {"match_id", duel.match.id},
      {"winner_id", duel.match.winnerId ? json(*duel.match.winnerId) : json(nullptr)},
      {"reason", duel.endReason ? std::string(model::enumName(*duel.endReason)) : "time"},
      {"rated", duel.rated},
      {"rating_changes", changes}};
  const std::string text = data.dump();
  m_deps.events.publish({matchChannel(duel.match.id), "match.finished", text});
  for (std::int64_t player : {duel.match.player1Id, duel.match.player2Id}) {
    m_deps.events.publish({userChannelOf(player), "match.finished", text});
  }
}

}  // namespace arena::server::duels
