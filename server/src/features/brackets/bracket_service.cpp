// Theory of operation: see bracket_service.hpp.
#include "features/brackets/bracket_service.hpp"

#include <set>
#include <tuple>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "features/matchmaking/problem_choice.hpp"
#include "http/json_log.hpp"

namespace arena::server::brackets {

namespace {

using nlohmann::json;

constexpr int kSubmissionPage = 200;

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

void logFailure(std::string_view what, std::int64_t bracketId, const Error& error) {
  http::logJsonLine({{"level", "warn"},
                     {"event", "bracket_" + std::string(what) + "_failed"},
                     {"bracket_id", bracketId},
                     {"message", error.message}});
}

// Wrong tries count against a player on a draw; a compile error or a judge error does not (as
// in ICPC, and a judge error is not the player's fault).
int wrongTries(const duels::PlayerView& player) {
  int wrong = 0;
  for (const auto& verdict : player.verdicts) {
    if (verdict && *verdict != model::Verdict::Accepted &&
        *verdict != model::Verdict::CompileError && *verdict != model::Verdict::JudgeError) {
      ++wrong;
    }
  }
  return wrong;
}

Decision decisionFor(std::optional<duels::EndReason> reason) {
  switch (reason.value_or(duels::EndReason::Solved)) {
    case duels::EndReason::Forfeit: return Decision::Forfeit;
    case duels::EndReason::Disconnect: return Decision::Disconnect;
    case duels::EndReason::Solved:
    case duels::EndReason::Time: break;
  }
  return Decision::Solved;
}

}  // namespace

BracketService::BracketService(BracketDeps deps, Clock clock, std::chrono::milliseconds tick)
    : m_deps(deps), m_clock(clock ? std::move(clock) : Clock(systemNow)), m_tick(tick) {}

BracketService::~BracketService() {
  stop();
  std::lock_guard lock(m_inbox->mutex);
  m_inbox->closed = true;
  m_inbox->tasks.clear();
}

void BracketService::subscribe() {
  m_deps.events.subscribe([this, inbox = std::weak_ptr<Inbox>(m_inbox)](const live::Event& event) {
    const auto alive = inbox.lock();
    if (!alive) return;
    std::lock_guard lock(alive->mutex);
    // `this` is alive while the inbox is open: the destructor closes it (under this lock) first.
    if (alive->closed) return;
    onEvent(event);  // parses, then queues: the lock is held here
  });
}

void BracketService::start() {
  std::lock_guard lock(m_inbox->mutex);
  if (m_inbox->running) return;
  m_inbox->running = true;
  m_thread = std::thread([this] { loop(); });
}

void BracketService::stop() {
  {
    std::lock_guard lock(m_inbox->mutex);
    if (!m_inbox->running) return;
    m_inbox->running = false;
  }
  m_inbox->wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void BracketService::loop() {
  auto nextTick = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(m_inbox->mutex);
      m_inbox->wake.wait_until(lock, nextTick,
                               [this] { return !m_inbox->running || !m_inbox->tasks.empty(); });
      if (!m_inbox->running) return;
    }
    runPending();
    if (std::chrono::steady_clock::now() >= nextTick) {
      tick();
      nextTick = std::chrono::steady_clock::now() + m_tick;
    }
  }
}

// The bus calls this on the publisher's thread, with the inbox locked: parse, queue.
void BracketService::onEvent(const live::Event& event) {
  if (event.type != "match.finished" || !event.channel.starts_with("match:")) return;
  const json data = json::parse(event.data, nullptr, false);
  if (!data.is_object()) return;
  const auto match = data.find("match_id");
  if (match == data.end() || !match->is_number_integer()) return;
  m_inbox->tasks.push_back([this, matchId = match->get<std::int64_t>()] {
    auto bracket = m_deps.brackets.bracketOfMatch(matchId);
    if (!bracket) return logFailure("lookup", 0, bracket.error());
    if (!*bracket) return;  // a duel of no bracket
    if (auto done = reconcile(**bracket); !done) logFailure("reconcile", **bracket, done.error());
  });
  m_inbox->wake.notify_one();
}

std::size_t BracketService::runPending() {
  std::vector<Task> tasks;
  {
    std::lock_guard lock(m_inbox->mutex);
    tasks.swap(m_inbox->tasks);
  }
  for (Task& task : tasks) task();
  return tasks.size();
}

void BracketService::tick() {
  auto running = m_deps.brackets.runningIds();
  if (!running) return logFailure("tick", 0, running.error());
  for (std::int64_t id : *running) {
    if (auto done = reconcile(id); !done) logFailure("reconcile", id, done.error());
  }
}

Result<std::vector<Candidate>> BracketService::resolvePlayers(
    const std::vector<PlayerRef>& players) {
  std::vector<Candidate> candidates;
  candidates.reserve(players.size());
  for (std::size_t i = 0; i < players.size(); ++i) {
    const PlayerRef& ref = players[i];
    auto account =
        ref.id ? m_deps.users.findById(*ref.id) : m_deps.users.findByUsername(ref.username);
    if (!account) {
      if (account.error().code != ErrorCode::NotFound) return std::unexpected(account.error());
      const std::string who = ref.id ? "id " + std::to_string(*ref.id) : "'" + ref.username + "'";
      return fail(ErrorCode::NotFound, "players[" + std::to_string(i) + "]: no user " + who);
    }
    candidates.push_back({account->user.id, account->user.rating});
  }
  return candidates;
}

Result<void> BracketService::checkPool(const std::vector<std::int64_t>& problemIds) {
  if (problemIds.size() > kMaxPoolProblems) {
    return fail(ErrorCode::InvalidArgument,
                "problem_ids: at most " + std::to_string(kMaxPoolProblems) + " problems");
  }
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < problemIds.size(); ++i) {
    const std::string where = "problem_ids[" + std::to_string(i) + "]";
    if (!seen.insert(problemIds[i]).second) {
      return fail(ErrorCode::InvalidArgument,
                  where + ": problem " + std::to_string(problemIds[i]) + " is listed twice");
    }
    auto problem = m_deps.problems.findById(problemIds[i]);
    if (!problem) {
      if (problem.error().code != ErrorCode::NotFound) return std::unexpected(problem.error());
      return fail(ErrorCode::NotFound, where + ": no problem " + std::to_string(problemIds[i]));
    }
    if (!problem->isActive) {
      return fail(ErrorCode::InvalidArgument,
                  where + ": problem " + std::to_string(problemIds[i]) + " is not active");
    }
  }
  if (problemIds.empty()) {
    auto active = m_deps.problems.list(storage::ProblemFilter{std::nullopt, true});
    if (!active) return std::unexpected(active.error());
    if (active->empty()) return fail(ErrorCode::Conflict, "there is no active problem to duel on");
  }
  return {};
}

Result<BracketRecord> BracketService::create(const BracketRequest& request) {
  // The count first: a list of 500 names is refused without 500 look-ups.
  if (auto counted = checkPlayerCount(request.players.size()); !counted) {
    return std::unexpected(counted.error());
  }
  auto candidates = resolvePlayers(request.players);
  if (!candidates) return std::unexpected(candidates.error());
  auto seeded = seed(*candidates);
  if (!seeded) return std::unexpected(seeded.error());
  if (auto pool = checkPool(request.problemIds); !pool) return std::unexpected(pool.error());
  auto open = m_deps.duelRecords.listOpen();
  if (!open) return std::unexpected(open.error());
  for (const duels::Duel& duel : *open) {
    for (const Entrant& entrant : *seeded) {
      if (duel.isPlayer(entrant.userId)) {
        return fail(ErrorCode::Conflict, "user " + std::to_string(entrant.userId) +
                                             " is in match " + std::to_string(duel.match.id));
      }
    }
  }
  NewBracket bracket{request.name, request.rated,      request.createdBy, m_clock(),
                     *seeded,      request.problemIds, planSlots(*seeded)};
  auto created = m_deps.brackets.create(bracket);
  if (!created) return created;
  const std::int64_t id = created->summary.id;
  // The bracket stands on its own now; a duel that cannot start yet is the tick's to retry.
  if (auto started = reconcile(id); !started) logFailure("start", id, started.error());
  publishChanged(id);
  return m_deps.brackets.find(id);
}

Result<BracketRecord> BracketService::find(std::int64_t id) {
  auto found = m_deps.brackets.find(id);
  if (!found && found.error().code == ErrorCode::NotFound) {
    return fail(ErrorCode::NotFound, "no bracket with id " + std::to_string(id));
  }
  return found;
}

Result<std::vector<BracketSummary>> BracketService::list() { return m_deps.brackets.list(); }

Result<void> BracketService::reconcile(std::int64_t bracketId) {
  std::lock_guard lock(m_reconcile);
  // Each pass decides what ended; a decision seats a player, which may make a duel ready, so
  // read again until a pass decides nothing, then start what is ready. Bounded by the slots.
  for (int pass = 0; pass <= 2 * kMaxPlayers; ++pass) {
    auto bracket = m_deps.brackets.find(bracketId);
    if (!bracket) return std::unexpected(bracket.error());
    if (bracket->summary.status == BracketStatus::Finished) return {};
    bool decidedAny = false;
    for (const Slot& slot : bracket->slots) {
      if (!slot.matchId || slot.winnerId) continue;
      auto decided = decideEnded(*bracket, slot);
      if (!decided) return std::unexpected(decided.error());
      decidedAny = decidedAny || *decided;
    }
    if (decidedAny) {
      publishChanged(bracketId);
      continue;
    }
    for (const Slot& slot : bracket->slots) {
      if (!slot.readyToStart()) continue;
      if (auto started = startDuel(*bracket, slot); !started) {
        // A busy player (Conflict) waits for the next tick; the other slots still start.
        logFailure("duel_start", bracketId, started.error());
      }
    }
    return {};
  }
  return {};
}

Result<bool> BracketService::decideEnded(const BracketRecord& bracket, const Slot& slot) {
  auto duel = m_deps.duelRecords.find(*slot.matchId);
  if (!duel) return std::unexpected(duel.error());
  if (duel->isOpen()) return false;
  std::int64_t winner = 0;
  Decision decision = Decision::Solved;
  if (duel->match.winnerId) {
    winner = *duel->match.winnerId;
    decision = decisionFor(duel->endReason);
  } else {
    // Nobody solved in time (or the duel was cancelled): the draw rule picks the winner.
    auto view = m_deps.duels.view(*slot.matchId, 0, /*proctor=*/true);
    if (!view) return std::unexpected(view.error());
    DrawSide sides[2];
    for (std::size_t i = 0; i < 2; ++i) {
      const duels::PlayerView& player = view->players[i];
      const Entrant* entrant = bracket.entrant(player.userId);
      sides[i] = {player.userId, entrant ? entrant->seed : kMaxPlayers + 1, wrongTries(player)};
    }
    std::tie(winner, decision) = breakDraw(sides[0], sides[1]);
  }
  return m_deps.brackets.decide(bracket.summary.id, slot.round, slot.position, winner, decision,
                                nextSeat(slot.round, slot.position, bracket.rounds()), m_clock());
}

Result<std::int64_t> BracketService::problemFor(const BracketRecord& bracket, const Slot& slot) {
  if (!bracket.problems.empty()) {
    return bracket.problems[static_cast<std::size_t>(slot.round) % bracket.problems.size()];
  }
  // The duel problem choice: one neither player has solved, suited to their ratings.
  auto active = m_deps.problems.list(storage::ProblemFilter{std::nullopt, true});
  if (!active) return std::unexpected(active.error());
  std::vector<matchmaking::ProblemOption> options;
  for (const auto& record : *active)
    options.push_back({record.problem.id, record.problem.difficulty});
  std::unordered_set<std::int64_t> solved;
  double ratingSum = 0;
  for (std::int64_t player : {*slot.player1, *slot.player2}) {
    auto account = m_deps.users.findById(player);
    if (!account) return std::unexpected(account.error());
    ratingSum += account->user.rating;
    std::optional<storage::SubmissionCursor> after;
    do {
      auto page = m_deps.submissions.listByUser(player, after, kSubmissionPage);
      if (!page) return std::unexpected(page.error());
      for (const auto& record : page->items) {
        if (record.submission.verdict == model::Verdict::Accepted) {
          solved.insert(record.submission.problemId);
        }
      }
      after = page->next;
    } while (after);
  }
  auto chosen =
      matchmaking::chooseProblem(options, solved, ratingSum / 2, *slot.player1, *slot.player2);
  // Both have solved everything: a bracket still needs its duel, so any problem will do.
  if (!chosen)
    chosen = matchmaking::chooseProblem(options, {}, ratingSum / 2, *slot.player1, *slot.player2);
  if (!chosen) return fail(ErrorCode::Conflict, "there is no active problem to duel on");
  return *chosen;
}

Result<void> BracketService::startDuel(const BracketRecord& bracket, const Slot& slot) {
  auto problem = problemFor(bracket, slot);
  if (!problem) return std::unexpected(problem.error());
  auto duel = m_deps.duels.create({*slot.player1, *slot.player2, *problem, bracket.summary.rated});
  if (!duel) return std::unexpected(duel.error());
  auto attached =
      m_deps.brackets.attachMatch(bracket.summary.id, slot.round, slot.position, duel->match.id);
  if (!attached || !*attached) {
    // Another replica started this slot first (or the write failed): ours must not be played.
    (void)m_deps.matches.cancel(duel->match.id, m_clock());
    if (!attached) return std::unexpected(attached.error());
    return {};
  }
  publishChanged(bracket.summary.id);
  return {};
}

void BracketService::publishChanged(std::int64_t bracketId) {
  json data = {{"bracket_id", bracketId}};
  if (auto bracket = m_deps.brackets.find(bracketId)) {
    data["status"] = std::string(model::enumName(bracket->summary.status));
    data["champion_id"] =
        bracket->summary.championId ? json(*bracket->summary.championId) : json(nullptr);
  }
  m_deps.events.publish({std::string(kBracketsChannel), "bracket.changed", data.dump()});
}

}  // namespace arena::server::brackets
