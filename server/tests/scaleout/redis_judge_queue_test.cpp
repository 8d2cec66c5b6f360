// RedisJudgeQueue against a real Redis: order, dedupe of waiting ids, ack, a consumer that dies
// holding a job (reclaimed after the lease by another), no job lost across consumers, a
// duplicate delivery recorded once, and Redis going away (nothing thrown, nothing lost once the
// database sweep runs).

#include "scaleout/redis_judge_queue.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "arena/judge/temp_dir.hpp"
#include "redis_test_support.hpp"
#include "scaleout/queue_sweeper.hpp"
#include "storage/storage.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;
using judging::JudgeJob;

RedisJudgeQueueOptions optionsFor(const std::string& prefix, std::string consumer,
                                  std::chrono::milliseconds lease = 60s) {
  RedisJudgeQueueOptions options;
  options.prefix = prefix;
  options.consumer = std::move(consumer);
  options.lease = lease;
  options.claimInterval = 50ms;
  return options;
}

class RedisJudgeQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::testRedisUrl().empty()) GTEST_SKIP() << "ARENA_TEST_REDIS_URL is not set";
    m_prefix = testing::uniquePrefix("queue");
  }
  void TearDown() override {
    if (m_prefix.empty()) return;
    RedisClient client(testing::parsedTestUrl());
    (void)client.command({"DEL", m_prefix + ":judge:jobs", m_prefix + ":judge:queued"});
  }
  std::unique_ptr<RedisJudgeQueue> queue(const std::string& consumer,
                                         std::chrono::milliseconds lease = 60s) {
    return std::make_unique<RedisJudgeQueue>(testing::parsedTestUrl(), RedisOptions{},
                                             optionsFor(m_prefix, consumer, lease));
  }
  std::string m_prefix;
};

TEST_F(RedisJudgeQueueTest, PopsInPushOrderAndAckRemovesTheJob) {
  auto q = queue("a");
  for (std::int64_t id : {5, 3, 9}) q->push(id);
  EXPECT_EQ(q->depth(), 3U);
  for (std::int64_t id : {5, 3, 9}) {
    auto job = q->pop(100ms);
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->submissionId, id);
    EXPECT_FALSE(job->receipt.empty());
    q->ack(*job);
  }
  EXPECT_EQ(q->pop(50ms), std::nullopt);
  EXPECT_EQ(q->depth(), 0U);
}

TEST_F(RedisJudgeQueueTest, AnIdAlreadyWaitingOrBeingJudgedIsNotQueuedTwice) {
  auto q = queue("a");
  ASSERT_EQ(q->tryPush(7), true);
  ASSERT_EQ(q->tryPush(7), false);
  auto job = q->pop(100ms);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(q->tryPush(7), false) << "being judged: still held by Redis";
  q->ack(*job);
  EXPECT_EQ(q->tryPush(7), true) << "settled: a new push is a new job";
  auto again = q->pop(100ms);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->submissionId, 7);
  EXPECT_NE(again->receipt, job->receipt);
}

TEST_F(RedisJudgeQueueTest, ALateAckOfAnOldDeliveryDoesNotForgetTheNewJob) {
  auto q = queue("a");
  q->push(11);
  auto first = q->pop(100ms);
  ASSERT_TRUE(first.has_value());
  q->ack(*first);
  q->push(11);  // a retry
  q->ack(*first);  // the old delivery settled twice (a duplicate ack)
  EXPECT_EQ(q->tryPush(11), false) << "the retry is still held";
  auto retry = q->pop(100ms);
  ASSERT_TRUE(retry.has_value());
  EXPECT_EQ(retry->submissionId, 11);
}

TEST_F(RedisJudgeQueueTest, PopWaitsForAPushFromAnotherInstance) {
  auto consumer = queue("a");
  auto producer = queue("producer");
  std::optional<JudgeJob> got;
  std::thread waiter([&] { got = consumer->pop(5s); });
  std::this_thread::sleep_for(100ms);  // let it block (the result does not depend on it)
  producer->push(42);
  waiter.join();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->submissionId, 42);
}

TEST_F(RedisJudgeQueueTest, AJobWhoseConsumerDiedIsReclaimedAfterTheLeaseOnly) {
  auto dead = queue("dead", 400ms);
  auto alive = queue("alive", 400ms);
  dead->push(21);
  auto taken = dead->pop(100ms);
  ASSERT_TRUE(taken.has_value());
  dead.reset();  // died without ack

  const auto began = std::chrono::steady_clock::now();
  EXPECT_EQ(alive->pop(100ms), std::nullopt) << "the lease has not run out";
  std::optional<JudgeJob> reclaimed;
  ASSERT_TRUE(testing::waitFor([&] { return (reclaimed = alive->pop(50ms)).has_value(); }, 5s));
  EXPECT_GE(std::chrono::steady_clock::now() - began, 300ms);
  EXPECT_EQ(reclaimed->submissionId, 21);
  EXPECT_EQ(reclaimed->receipt, taken->receipt);
  alive->ack(*reclaimed);
  EXPECT_EQ(alive->depth(), 0U);
}

TEST_F(RedisJudgeQueueTest, ManyConsumersTakeEveryJobAndNoneIsLostWhenOneDies) {
  constexpr int kJobs = 200;
  auto producer = queue("producer");
  for (int i = 1; i <= kJobs; ++i) producer->push(i);

  // One consumer takes some jobs and dies without acking them.
  std::set<std::int64_t> abandoned;
  {
    auto doomed = queue("doomed", 500ms);
    for (int i = 0; i < 10; ++i) {
      auto job = doomed->pop(100ms);
      ASSERT_TRUE(job.has_value());
      abandoned.insert(job->submissionId);
    }
  }
  std::mutex mutex;
  std::multiset<std::int64_t> acked;
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&, w] {
      auto q = queue("worker" + std::to_string(w), 500ms);
      const auto until = std::chrono::steady_clock::now() + 15s;
      while (std::chrono::steady_clock::now() < until) {
        {
          std::lock_guard lock(mutex);
          if (acked.size() >= static_cast<std::size_t>(kJobs)) return;
        }
        auto job = q->pop(100ms);
        if (!job) continue;
        q->ack(*job);
        std::lock_guard lock(mutex);
        acked.insert(job->submissionId);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  ASSERT_EQ(acked.size(), static_cast<std::size_t>(kJobs));
  for (int i = 1; i <= kJobs; ++i) EXPECT_EQ(acked.count(i), 1U) << "job " << i;
  EXPECT_EQ(producer->depth(), 0U);
}

TEST_F(RedisJudgeQueueTest, ADuplicateDeliveryIsRecordedOnce) {
  // Two workers end up with the same job (the first was slow past its lease): the attempt-based
  // recording keeps one result.
  const arena::judge::TempDir dir = *arena::judge::TempDir::create(std::filesystem::temp_directory_path(), "arena-queue-dup");
  auto storage = storage::Storage::open("sqlite://" + (dir.path() / "arena.db").string());
  ASSERT_TRUE(storage.has_value()) << storage.error().message;
  auto& repo = (*storage)->submissions();
  auto user = (*storage)->users().create(
      {"dup@example.org", "dup", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
       model::Role::Contestant});
  ASSERT_TRUE(user.has_value());
  model::Problem problem;
  problem.slug = "dup";
  problem.title = "Dup";
  problem.description = "d";
  auto made = (*storage)->problems().create(problem);
  ASSERT_TRUE(made.has_value());
  auto created = repo.create({user->user.id, made->problem.id, "cpp17", "int main(){}", {}});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  const std::int64_t id = created->record.submission.id;

  auto slow = queue("slow", 300ms);
  auto fast = queue("fast", 300ms);
  slow->push(id);
  auto first = slow->pop(100ms);
  ASSERT_TRUE(first.has_value());
  auto slowAttempt = repo.claimForJudging(id);
  ASSERT_TRUE(slowAttempt.has_value());
  std::optional<JudgeJob> second;
  ASSERT_TRUE(testing::waitFor([&] { return (second = fast->pop(50ms)).has_value(); }, 5s));
  ASSERT_EQ(second->submissionId, id);
  auto fastAttempt = repo.claimForJudging(id);
  ASSERT_TRUE(fastAttempt.has_value());
  storage::JudgeResult result;
  result.verdict = model::Verdict::Accepted;
  EXPECT_EQ(repo.recordResult(id, *fastAttempt, result), storage::RecordOutcome::Recorded);
  fast->ack(*second);
  EXPECT_NE(repo.recordResult(id, *slowAttempt, result), storage::RecordOutcome::Recorded);
  slow->ack(*first);
  EXPECT_EQ(fast->depth(), 0U);
  auto unfinished = repo.listUnfinished();
  ASSERT_TRUE(unfinished.has_value());
  EXPECT_TRUE(unfinished->empty());
}

TEST(RedisJudgeQueueOutageTest, RedisDownLosesNothingTheSweepPutsItBackFromTheDatabase) {
  testing::PrivateRedis redis;
  ASSERT_TRUE(redis.start());
  const arena::judge::TempDir dir = *arena::judge::TempDir::create(std::filesystem::temp_directory_path(), "arena-queue-outage");
  auto storage = storage::Storage::open("sqlite://" + (dir.path() / "arena.db").string());
  ASSERT_TRUE(storage.has_value());
  auto user = (*storage)->users().create(
      {"o@example.org", "outage", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
       model::Role::Contestant});
  ASSERT_TRUE(user.has_value());
  model::Problem problem;
  problem.slug = "outage";
  problem.title = "Outage";
  problem.description = "d";
  auto made = (*storage)->problems().create(problem);
  ASSERT_TRUE(made.has_value());

  RedisJudgeQueue q(redis.url(), {200ms, 500ms}, optionsFor("outage", "c"));
  QueueSweeper sweeper((*storage)->submissions(), q, 100ms);
  redis.stop();
  // Submitted while Redis is away: committed, the push fails quietly.
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    auto created = (*storage)->submissions().create(
        {user->user.id, made->problem.id, "cpp17", "int main(){}", {}});
    ASSERT_TRUE(created.has_value());
    ids.push_back(created->record.submission.id);
    q.push(ids.back());
  }
  EXPECT_EQ(q.pop(50ms), std::nullopt);
  EXPECT_EQ(q.depth(), 0U);
  auto failed = sweeper.sweepOnce();
  ASSERT_FALSE(failed.has_value()) << "the sweep reports Redis still away";

  ASSERT_TRUE(redis.start());  // back, and empty (no persistence)
  sweeper.start();
  std::set<std::int64_t> popped;
  ASSERT_TRUE(testing::waitFor([&] {
    if (auto job = q.pop(50ms)) {
      popped.insert(job->submissionId);
      q.ack(*job);
    }
    return popped.size() == ids.size();
  }, 10s));
  sweeper.stop();
  EXPECT_EQ(popped, std::set<std::int64_t>(ids.begin(), ids.end()));
  // Jobs already held by Redis are not added again by later sweeps.
  q.push(ids[0]);
  auto again = sweeper.sweepOnce();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 2U) << "ids[1] and ids[2] are unfinished and no longer held; ids[0] is";
}

}  // namespace
}  // namespace arena::server::scaleout
