#include "features/matchmaking/matchmaking_service.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "features/matchmaking/in_process_queue_backend.hpp"

namespace arena::server::matchmaking {
namespace {

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

constexpr int kSubmissionPage = 200;

}  // namespace

MatchmakingService::MatchmakingService(MatchmakingRepositories repositories, PairingRules rules,
                                       Clock clock)
    : MatchmakingService(repositories, std::make_shared<InProcessQueueBackend>(rules),
                         std::move(clock)) {}

MatchmakingService::MatchmakingService(MatchmakingRepositories repositories,
                                       std::shared_ptr<QueueBackend> queue, Clock clock)
    : m_repositories(repositories),
      m_clock(clock ? std::move(clock) : Clock(systemNow)),
      m_queue(queue ? std::move(queue) : std::make_shared<InProcessQueueBackend>()) {}

MatchmakingService::~MatchmakingService() { stopTicking(); }

void MatchmakingService::stopTicking() {
  {
    const std::lock_guard lock(m_tickMutex);
    m_stopping = true;
  }
  m_tickWake.notify_all();
  if (m_ticker.joinable()) m_ticker.join();
}

void MatchmakingService::startTicking(std::chrono::milliseconds every) {
  if (m_ticker.joinable()) return;
  m_ticker = std::thread([this, every] {
    std::unique_lock lock(m_tickMutex);
    while (!m_tickWake.wait_for(lock, every, [this] { return m_stopping; })) {
      lock.unlock();
      (void)runPairingRound();  // a failed round is retried on the next tick
      lock.lock();
    }
  });
}

Result<void> MatchmakingService::enqueue(std::int64_t userId) {
  auto account = m_repositories.users.findById(userId);
  if (!account) return std::unexpected(account.error());
  const auto inMatch = [&]() -> Result<bool> {
    auto active = m_repositories.matches.activeFor(userId);
    if (!active) return std::unexpected(active.error());
    return active->has_value();
  };
  auto before = inMatch();
  if (!before) return std::unexpected(before.error());
  if (*before) return fail(ErrorCode::Conflict, "you are in a match: dequeue to collect it");
  auto joined = m_queue->enqueue(userId, account->user.rating, m_clock());
  if (!joined) return std::unexpected(joined.error());
  // A match committed since the first look (the player was claimed before joining again):
  // they must not wait for a second one.
  auto after = inMatch();
  if (!after) return std::unexpected(after.error());
  if (*after) {
    (void)m_queue->remove(userId);
    return fail(ErrorCode::Conflict, "you are in a match: dequeue to collect it");
  }
  return {};
}

Result<std::optional<MatchAssignment>> MatchmakingService::dequeue(std::int64_t userId) {
  auto round = runPairingRound();
  auto state = m_queue->state(userId);
  if (!state) return std::unexpected(state.error());
  if (*state == QueueState::Waiting) {
    if (!round) return std::unexpected(round.error());
    return std::optional<MatchAssignment>{};
  }
  auto match = m_repositories.matches.activeFor(userId);
  if (!match) return std::unexpected(match.error());
  if (*match) return std::optional(MatchAssignment{(*match)->id, (*match)->problemId});
  if (*state == QueueState::BeingMatched) return std::optional<MatchAssignment>{};
  if (!round) return std::unexpected(round.error());
  return fail(ErrorCode::NotFound, "you are not in the match queue");
}

bool MatchmakingService::leave(std::int64_t userId) {
  auto removed = m_queue->remove(userId);
  return removed && *removed;
}

Result<QueueStatus> MatchmakingService::status(std::int64_t userId) {
  QueueStatus status;
  auto size = m_queue->size();
  if (!size) return std::unexpected(size.error());
  status.queueSize = *size;
  const PairingRules& rules = m_queue->rules();
  auto entry = m_queue->find(userId);
  if (!entry) return std::unexpected(entry.error());
  if (*entry) {
    status.phase = QueuePhase::Queued;
    status.waited = std::max(std::chrono::milliseconds(0),
                             std::chrono::duration_cast<std::chrono::milliseconds>(
                                 m_clock() - (*entry)->enqueuedAt));
    status.rating = (*entry)->rating;
    status.ratingGap = acceptableGap(rules, status.waited);
    return status;
  }
  auto account = m_repositories.users.findById(userId);
  if (!account) return std::unexpected(account.error());
  status.rating = account->user.rating;
  status.ratingGap = acceptableGap(rules, std::chrono::milliseconds(0));
  // Claimed first, then the database: a claim ends after its match is committed, so read in
  // this order a pair being turned into a match is never seen as idle.
  auto state = m_queue->state(userId);
  if (!state) return std::unexpected(state.error());
  auto match = m_repositories.matches.activeFor(userId);
  if (!match) return std::unexpected(match.error());
  if (*match) {
    status.phase = QueuePhase::Matched;
    status.matchId = (*match)->id;
  } else if (*state == QueueState::BeingMatched) {
    status.phase = QueuePhase::Matched;
  }
  return status;
}

Result<std::size_t> MatchmakingService::runPairingRound() {
  std::vector<model::Match> made;
  Result<std::size_t> result = 0;
  {
    const std::lock_guard lock(m_roundMutex);
    result = pairLocked(made);
  }
  notify(made);
  return result;
}

std::size_t MatchmakingService::waitingCount() const {
  auto size = m_queue->size();
  return size ? *size : 0;
}

void MatchmakingService::setMatchListener(MatchListener listener) {
  const std::lock_guard lock(m_listenerMutex);
  m_listener = std::move(listener);
}

Result<void> MatchmakingService::endAbandonedClaims(Timestamp now) {
  auto abandoned = m_queue->abandonedClaims(now);
  if (!abandoned) return std::unexpected(abandoned.error());
  for (const QueueEntry& entry : *abandoned) {
    auto active = m_repositories.matches.activeFor(entry.userId);
    if (!active) return std::unexpected(active.error());
    auto ended = *active ? m_queue->release(entry.userId) : m_queue->restore(entry);
    if (!ended) return std::unexpected(ended.error());
  }
  return {};
}

Result<std::size_t> MatchmakingService::pairLocked(std::vector<model::Match>& made) {
  const Timestamp now = m_clock();
  if (auto ended = endAbandonedClaims(now); !ended) return std::unexpected(ended.error());
  auto pairs = m_queue->claimRound(now);
  if (!pairs) return std::unexpected(pairs.error());
  if (pairs->empty()) return 0;
  // Puts the players of pairs not turned into matches back in the queue, at their old places.
  const auto restoreFrom = [&](std::size_t from) {
    for (std::size_t i = from; i < pairs->size(); ++i) {
      for (const QueueEntry& entry : {(*pairs)[i].first, (*pairs)[i].second})
        (void)m_queue->restore(entry);  // failing (Redis gone): ended later as abandoned
    }
  };
  auto problems = problemOptions();
  if (!problems) {
    restoreFrom(0);
    return std::unexpected(problems.error());
  }
  for (std::size_t index = 0; index < pairs->size(); ++index) {
    auto match = matchPair((*pairs)[index], *problems, now);
    if (!match) {
      restoreFrom(index);
      return std::unexpected(match.error());
    }
    if (*match) made.push_back(**match);
  }
  return made.size();
}

Result<std::optional<model::Match>> MatchmakingService::matchPair(
    const Pairing& pair, const std::vector<ProblemOption>& problems, Timestamp now) {
  // Someone already playing (a match committed while they were re-joining) is dropped; the
  // other goes back to wait for another partner.
  bool dropped = false;
  for (const QueueEntry& entry : {pair.first, pair.second}) {
    auto active = m_repositories.matches.activeFor(entry.userId);
    if (!active) return std::unexpected(active.error());
    if (*active) {
      dropped = true;
      if (auto released = m_queue->release(entry.userId); !released)
        return std::unexpected(released.error());
    }
  }
  if (dropped) {
    for (const QueueEntry& entry : {pair.first, pair.second}) (void)m_queue->restore(entry);
    return std::optional<model::Match>{};
  }

  auto solved = solvedBy(pair.first.userId);
  if (!solved) return std::unexpected(solved.error());
  auto solvedBySecond = solvedBy(pair.second.userId);
  if (!solvedBySecond) return std::unexpected(solvedBySecond.error());
  solved->insert(solvedBySecond->begin(), solvedBySecond->end());
  const double meanRating = (pair.first.rating + pair.second.rating) / 2.0;
  const auto problem =
      chooseProblem(problems, *solved, meanRating, pair.first.userId, pair.second.userId);
  if (!problem) {  // nothing left that neither has solved: they wait for other partners
    for (const QueueEntry& entry : {pair.first, pair.second}) {
      if (auto restored = m_queue->restore(entry); !restored)
        return std::unexpected(restored.error());
    }
    return std::optional<model::Match>{};
  }

  auto match = m_repositories.matches.create(storage::NewMatch{
      pair.first.userId, pair.second.userId, *problem, model::MatchStatus::Active, now});
  if (!match) return std::unexpected(match.error());
  // The match is committed: the claims end. Should that fail, dequeue already finds the match
  // in the database, and the claims are released as abandoned later.
  (void)m_queue->release(pair.first.userId);
  (void)m_queue->release(pair.second.userId);
  return std::optional<model::Match>(*match);
}

Result<std::unordered_set<std::int64_t>> MatchmakingService::solvedBy(std::int64_t userId) {
  std::unordered_set<std::int64_t> solved;
  std::optional<storage::SubmissionCursor> after;
  do {
    auto page = m_repositories.submissions.listByUser(userId, after, kSubmissionPage);
    if (!page) return std::unexpected(page.error());
    for (const auto& record : page->items) {
      if (record.submission.verdict == model::Verdict::Accepted)
        solved.insert(record.submission.problemId);
    }
    after = page->next;
  } while (after);
  return solved;
}

Result<std::vector<ProblemOption>> MatchmakingService::problemOptions() {
  auto problems = m_repositories.problems.list(storage::ProblemFilter{std::nullopt, true});
  if (!problems) return std::unexpected(problems.error());
  std::vector<ProblemOption> options;
  options.reserve(problems->size());
  for (const auto& record : *problems)
    options.push_back({record.problem.id, record.problem.difficulty});
  return options;
}

void MatchmakingService::notify(const std::vector<model::Match>& made) {
  if (made.empty()) return;
  MatchListener listener;
  {
    const std::lock_guard lock(m_listenerMutex);
    listener = m_listener;
  }
  if (!listener) return;
  for (const model::Match& match : made) listener(match);
}

}  // namespace arena::server::matchmaking
