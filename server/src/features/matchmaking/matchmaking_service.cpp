#include "features/matchmaking/matchmaking_service.hpp"

#include <chrono>
#include <string>

#include "features/matchmaking/problem_choice.hpp"

namespace arena::server::matchmaking {
namespace {

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

constexpr int kSubmissionPage = 200;

}  // namespace

MatchmakingService::MatchmakingService(MatchmakingRepositories repositories, PairingRules rules,
                                       Clock clock)
    : m_repositories(repositories),
      m_clock(clock ? std::move(clock) : Clock(systemNow)),
      m_queue(rules) {}

Result<void> MatchmakingService::enqueue(std::int64_t userId) {
  auto account = m_repositories.users.findById(userId);
  if (!account) return std::unexpected(account.error());
  const std::lock_guard lock(m_mutex);
  if (m_ready.contains(userId))
    return fail(ErrorCode::Conflict, "a match is waiting for you: dequeue to collect it");
  m_queue.enqueue(userId, account->user.rating, m_clock());
  return {};
}

Result<std::optional<MatchAssignment>> MatchmakingService::dequeue(std::int64_t userId) {
  std::vector<model::Match> made;
  Result<std::optional<MatchAssignment>> answer = std::nullopt;
  {
    const std::lock_guard lock(m_mutex);
    auto round = pairLocked(made);
    if (const auto ready = m_ready.find(userId); ready != m_ready.end()) {
      answer = ready->second;
      m_ready.erase(ready);
    } else if (!round) {
      answer = std::unexpected(round.error());
    } else if (!m_queue.find(userId)) {
      answer = fail(ErrorCode::NotFound, "you are not in the match queue");
    }
  }
  notify(made);
  return answer;
}

bool MatchmakingService::leave(std::int64_t userId) {
  const std::lock_guard lock(m_mutex);
  return m_queue.remove(userId);
}

Result<std::size_t> MatchmakingService::runPairingRound() {
  std::vector<model::Match> made;
  Result<std::size_t> result = 0;
  {
    const std::lock_guard lock(m_mutex);
    result = pairLocked(made);
  }
  notify(made);
  return result;
}

std::size_t MatchmakingService::waitingCount() const {
  const std::lock_guard lock(m_mutex);
  return m_queue.size();
}

void MatchmakingService::setMatchListener(MatchListener listener) {
  const std::lock_guard lock(m_mutex);
  m_listener = std::move(listener);
}

Result<std::size_t> MatchmakingService::pairLocked(std::vector<model::Match>& made) {
  const Timestamp now = m_clock();
  const std::vector<Pairing> pairs = m_queue.pairRound(now);
  std::size_t index = 0;
  // Puts the players of pairs not turned into matches back in the queue, at their old places.
  const auto requeueFrom = [&](std::size_t from) {
    for (std::size_t i = from; i < pairs.size(); ++i) {
      for (const QueueEntry& entry : {pairs[i].first, pairs[i].second})
        m_queue.restore(entry);
    }
  };
  for (; index < pairs.size(); ++index) {
    const Pairing& pair = pairs[index];
    auto problem = problemFor(pair);
    if (!problem) {
      requeueFrom(index);
      return std::unexpected(problem.error());
    }
    if (!*problem) {  // nothing left that neither has solved: they wait for other partners
      for (const QueueEntry& entry : {pair.first, pair.second})
        m_queue.restore(entry);
      continue;
    }
    auto match = m_repositories.matches.create(storage::NewMatch{
        pair.first.userId, pair.second.userId, **problem, model::MatchStatus::Active, now});
    if (!match) {
      requeueFrom(index);
      return std::unexpected(match.error());
    }
    const MatchAssignment assignment{match->id, match->problemId};
    m_ready[pair.first.userId] = assignment;
    m_ready[pair.second.userId] = assignment;
    made.push_back(*match);
  }
  return made.size();
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

Result<std::optional<std::int64_t>> MatchmakingService::problemFor(const Pairing& pair) {
  auto problems = m_repositories.problems.list(storage::ProblemFilter{std::nullopt, true});
  if (!problems) return std::unexpected(problems.error());
  std::vector<ProblemOption> options;
  options.reserve(problems->size());
  for (const auto& record : *problems)
    options.push_back({record.problem.id, record.problem.difficulty});

  auto solved = solvedBy(pair.first.userId);
  if (!solved) return std::unexpected(solved.error());
  auto solvedBySecond = solvedBy(pair.second.userId);
  if (!solvedBySecond) return std::unexpected(solvedBySecond.error());
  solved->insert(solvedBySecond->begin(), solvedBySecond->end());

  const double meanRating = (pair.first.rating + pair.second.rating) / 2.0;
  return chooseProblem(options, *solved, meanRating, pair.first.userId, pair.second.userId);
}

void MatchmakingService::notify(const std::vector<model::Match>& made) {
  if (made.empty()) return;
  MatchListener listener;
  {
    const std::lock_guard lock(m_mutex);
    listener = m_listener;
  }
  if (!listener) return;
  for (const model::Match& match : made) listener(match);
}

}  // namespace arena::server::matchmaking
