#pragma once
// The judge queue on a Redis Stream with a consumer group, shared by every arena-server replica
// (producers) and every arena-judge worker (consumers).
//
// Theory of operation
//   Keys (under options.prefix, default "arena"):
//     <prefix>:judge:jobs     the stream; one entry {submission: id} per queued job
//     <prefix>:judge:queued   hash submission id -> its stream entry id: "Redis holds this job"
//   push() runs a script that adds the entry only when the hash names no live entry for that
//   submission, so pushing an id already waiting (or being judged) does nothing, and the
//   database sweep (QueueSweeper) may push every unfinished submission again and again: only
//   those Redis lost (it was down when they were submitted, or restarted empty) are added.
//   pop() first reclaims (XAUTOCLAIM) one entry whose consumer has held it longer than the
//   lease without acking (that worker died), then reads a new one (XREADGROUP ... BLOCK).
//   ack() acknowledges and deletes the entry and clears the hash when it still names this
//   entry, in one script. A worker that dies between recording the result and ack() leaves an
//   entry that is reclaimed and judged again: the attempt-based recording counts it once.
//   A judgement that takes longer than the lease is also reclaimed by another worker: the lease
//   must be longer than the slowest judgement (default 60 s); the double run counts once.
//   Redis unreachable: push() logs and does nothing (the row is committed; the sweep pushes it
//   when Redis is back); pop() returns nothing after its timeout; the client reconnects.

#include <atomic>
#include <chrono>
#include <string>

#include "features/judging/judge_queue.hpp"
#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout {

struct RedisJudgeQueueOptions {
  std::string prefix = "arena";
  std::string group = "judges";
  std::string consumer;  // empty: host name, pid and a counter
  // A delivered job not acked for this long is handed to another consumer.
  std::chrono::milliseconds lease{60000};
  // How often pop() looks for expired leases.
  std::chrono::milliseconds claimInterval{1000};
};

class RedisJudgeQueue final : public judging::JudgeQueue {
 public:
  RedisJudgeQueue(RedisUrl url, RedisOptions redis = {}, RedisJudgeQueueOptions options = {});

  void push(std::int64_t submissionId) override;
  std::optional<judging::JudgeJob> pop(std::chrono::milliseconds timeout) override;
  void ack(const judging::JudgeJob& job) override;
  // Entries in the stream: waiting and being judged. 0 when Redis is unreachable.
  std::size_t depth() const override;
  void close() override;

  // push() that reports: true when an entry was added, false when one was already there.
  Result<bool> tryPush(std::int64_t submissionId);
  const std::string& consumer() const { return m_options.consumer; }

 private:
  Result<void> ensureGroup(RedisClient& client);
  Result<std::optional<judging::JudgeJob>> reclaim(RedisClient& client);
  Result<std::optional<judging::JudgeJob>> readNew(RedisClient& client,
                                                   std::chrono::milliseconds timeout);

  RedisJudgeQueueOptions m_options;
  std::string m_stream;
  std::string m_queued;
  mutable RedisPool m_pool;
  std::atomic<bool> m_closed{false};
  std::atomic<bool> m_groupReady{false};
  std::atomic<bool> m_unreachable{false};
  std::atomic<std::int64_t> m_lastClaimMs{0};
};

}  // namespace arena::server::scaleout
