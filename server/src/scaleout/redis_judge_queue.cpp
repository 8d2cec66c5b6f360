#include "scaleout/redis_judge_queue.hpp"

#include <unistd.h>

#include <charconv>

#include "http/json_log.hpp"

namespace arena::server::scaleout {

namespace {

// KEYS: stream, queued hash. ARGV: submission id. 1 when added, 0 when a live entry exists.
const RedisScript kPushScript(R"(
local entry = redis.call('HGET', KEYS[2], ARGV[1])
if entry and #redis.call('XRANGE', KEYS[1], entry, entry) > 0 then return 0 end
entry = redis.call('XADD', KEYS[1], '*', 'submission', ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], entry)
return 1
)");

// KEYS: stream, queued hash. ARGV: group, entry id, submission id.
const RedisScript kAckScript(R"(
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
if redis.call('HGET', KEYS[2], ARGV[3]) == ARGV[2] then redis.call('HDEL', KEYS[2], ARGV[3]) end
return 1
)");

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void logFailure(const std::string& event, const Error& error, std::int64_t submissionId = 0) {
  nlohmann::json line{{"level", "warn"},
                      {"event", event},
                      {"component", "redis_judge_queue"},
                      {"message", error.message}};
  if (submissionId != 0) line["submission_id"] = submissionId;
  http::logJsonLine(line);
}

std::string defaultConsumer() {
  static std::atomic<int> counter{0};
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

// [id, [field, value, ...]] -> a job; nothing for a deleted entry or a malformed one.
std::optional<judging::JudgeJob> jobOf(const RedisReply& entry) {
  if (entry.type != RedisReply::Type::Array || entry.elements.size() < 2) return std::nullopt;
  const RedisReply& fields = entry.elements[1];
  for (std::size_t i = 0; i + 1 < fields.elements.size(); i += 2) {
    if (fields.elements[i].str != "submission") continue;
    const std::string& text = fields.elements[i + 1].str;
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return judging::JudgeJob{id, entry.elements[0].str};
  }
  return std::nullopt;
}

}  // namespace

RedisJudgeQueue::RedisJudgeQueue(RedisUrl url, RedisOptions redis, RedisJudgeQueueOptions options)
    : m_options(std::move(options)),
      m_stream(m_options.prefix + ":judge:jobs"),
      m_queued(m_options.prefix + ":judge:queued"),
      m_pool(std::move(url), redis) {
  if (m_options.consumer.empty()) m_options.consumer = defaultConsumer();
}

Result<bool> RedisJudgeQueue::tryPush(std::int64_t submissionId) {
  auto client = m_pool.acquire();
  auto reply = kPushScript.run(*client, {m_stream, m_queued}, {std::to_string(submissionId)});
  if (!reply) return std::unexpected(reply.error());
  return reply->integer == 1;
}

void RedisJudgeQueue::push(std::int64_t submissionId) {
  if (m_closed) return;
  if (auto pushed = tryPush(submissionId); !pushed) {
    logFailure("judge_push_failed", pushed.error(), submissionId);
  }
}

Result<void> RedisJudgeQueue::ensureGroup(RedisClient& client) {
  if (m_groupReady) return {};
  // From the stream's start ("0"), so jobs pushed before the first worker are read too.
  auto created = client.command({"XGROUP", "CREATE", m_stream, m_options.group, "0", "MKSTREAM"});
  if (!created && created.error().message.find("BUSYGROUP") == std::string::npos) {
    return std::unexpected(created.error());
  }
  m_groupReady = true;
  return {};
}

Result<std::optional<judging::JudgeJob>> RedisJudgeQueue::reclaim(RedisClient& client) {
  // XAUTOCLAIM key group consumer min-idle start COUNT n ->
  //   [next-start, [[id, fields]...], [deleted ids]]
  auto reply = client.command({"XAUTOCLAIM", m_stream, m_options.group, m_options.consumer,
                               std::to_string(m_options.lease.count()), "0-0", "COUNT", "1"});
  if (!reply) return std::unexpected(reply.error());
  if (reply->elements.size() < 2) return std::optional<judging::JudgeJob>{};
  for (const RedisReply& entry : reply->elements[1].elements) {
    if (auto job = jobOf(entry)) {
      http::logJsonLine({{"level", "info"},
                         {"event", "judge_job_reclaimed"},
                         {"component", "redis_judge_queue"},
                         {"submission_id", job->submissionId},
                         {"consumer", m_options.consumer}});
      return std::optional<judging::JudgeJob>(*job);
    }
  }
  return std::optional<judging::JudgeJob>{};
}

Result<std::optional<judging::JudgeJob>> RedisJudgeQueue::readNew(
    RedisClient& client, std::chrono::milliseconds timeout) {
  const auto block = std::max<std::chrono::milliseconds>(timeout, std::chrono::milliseconds(1));
  auto reply = client.command({"XREADGROUP", "GROUP", m_options.group, m_options.consumer,
                               "COUNT", "1", "BLOCK", std::to_string(block.count()), "STREAMS",
                               m_stream, ">"},
                              block);
  if (!reply) return std::unexpected(reply.error());
  // nil on timeout, else [[stream, [[id, fields]]]].
  if (reply->isNil() || reply->elements.empty()) return std::optional<judging::JudgeJob>{};
  const RedisReply& stream = reply->elements[0];
  if (stream.elements.size() < 2) return std::optional<judging::JudgeJob>{};
  for (const RedisReply& entry : stream.elements[1].elements) {
    if (auto job = jobOf(entry)) return std::optional<judging::JudgeJob>(*job);
    // A malformed entry would come back forever: settle it.
    if (entry.type == RedisReply::Type::Array && !entry.elements.empty()) {
      (void)client.command({"XACK", m_stream, m_options.group, entry.elements[0].str});
    }
  }
  return std::optional<judging::JudgeJob>{};
}

std::optional<judging::JudgeJob> RedisJudgeQueue::pop(std::chrono::milliseconds timeout) {
  if (m_closed) return std::nullopt;
  auto client = m_pool.acquire();
  const auto attempt = [&]() -> Result<std::optional<judging::JudgeJob>> {
    if (auto ok = ensureGroup(*client); !ok) return std::unexpected(ok.error());
    const std::int64_t now = nowMs();
    if (now - m_lastClaimMs.load() >= m_options.claimInterval.count()) {
      m_lastClaimMs = now;
      auto reclaimed = reclaim(*client);
      if (!reclaimed) return reclaimed;
      if (*reclaimed) {
        m_lastClaimMs = 0;  // there may be more: look again on the next pop
        return reclaimed;
      }
    }
    return readNew(*client, timeout);
  };
  auto job = attempt();
  if (!job && job.error().message.find("NOGROUP") != std::string::npos) {
    m_groupReady = false;  // Redis restarted empty: make the group again
    job = attempt();
  }
  if (!job) {
    // Logged when Redis goes away, not on every pop while it stays away.
    if (!m_unreachable.exchange(true)) logFailure("judge_pop_failed", job.error());
    return std::nullopt;
  }
  if (m_unreachable.exchange(false)) {
    http::logJsonLine({{"level", "info"},
                       {"event", "judge_queue_reachable"},
                       {"component", "redis_judge_queue"}});
  }
  if (m_closed && *job) return std::nullopt;  // not acked: reclaimed after the lease
  return *job;
}

void RedisJudgeQueue::ack(const judging::JudgeJob& job) {
  if (job.receipt.empty()) return;
  auto client = m_pool.acquire();
  auto done = kAckScript.run(*client, {m_stream, m_queued},
                             {m_options.group, job.receipt, std::to_string(job.submissionId)});
  // Not settled: the entry is reclaimed after the lease and found already judged (stale).
  if (!done) logFailure("judge_ack_failed", done.error(), job.submissionId);
}

std::size_t RedisJudgeQueue::depth() const {
  auto client = m_pool.acquire();
  auto reply = client->command({"XLEN", m_stream});
  if (!reply) return 0;
  return static_cast<std::size_t>(std::max(0LL, reply->integer));
}

void RedisJudgeQueue::close() { m_closed = true; }

}  // namespace arena::server::scaleout
