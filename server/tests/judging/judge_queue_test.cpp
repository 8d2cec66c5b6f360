// InProcessJudgeQueue: order, dedupe of waiting ids, timeouts, and close() waking waiters.

#include "features/judging/judge_queue.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace arena::server::judging {
namespace {

using namespace std::chrono_literals;

std::optional<std::int64_t> idOf(const std::optional<JudgeJob>& job) {
  if (!job) return std::nullopt;
  return job->submissionId;
}

TEST(JudgeQueueTest, PopsInPushOrder) {
  InProcessJudgeQueue queue;
  for (std::int64_t id : {5, 3, 9, 1}) queue.push(id);
  EXPECT_EQ(queue.depth(), 4U);
  for (std::int64_t id : {5, 3, 9, 1}) EXPECT_EQ(idOf(queue.pop(0ms)), id);
  EXPECT_EQ(queue.depth(), 0U);
  EXPECT_EQ(idOf(queue.pop(0ms)), std::nullopt);
}

TEST(JudgeQueueTest, AnIdAlreadyWaitingIsNotQueuedTwiceButMayReturnAfterItsPop) {
  InProcessJudgeQueue queue;
  queue.push(7);
  queue.push(8);
  queue.push(7);
  EXPECT_EQ(queue.depth(), 2U);
  EXPECT_EQ(idOf(queue.pop(0ms)), 7);
  queue.push(7);  // taken by a worker already: a new delivery is a new entry
  EXPECT_EQ(idOf(queue.pop(0ms)), 8);
  EXPECT_EQ(idOf(queue.pop(0ms)), 7);
  EXPECT_EQ(idOf(queue.pop(0ms)), std::nullopt);
}

TEST(JudgeQueueTest, PopGivesUpAfterItsTimeout) {
  InProcessJudgeQueue queue;
  const auto began = std::chrono::steady_clock::now();
  EXPECT_EQ(idOf(queue.pop(50ms)), std::nullopt);
  const auto waited = std::chrono::steady_clock::now() - began;
  EXPECT_GE(waited, 45ms);
  EXPECT_LT(waited, 2s);
}

TEST(JudgeQueueTest, APushWakesAWaitingPop) {
  InProcessJudgeQueue queue;
  auto popped = std::async(std::launch::async, [&] { return queue.pop(10s); });
  queue.push(42);
  ASSERT_EQ(popped.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(idOf(popped.get()), 42);
}

TEST(JudgeQueueTest, CloseWakesEveryWaiterAndLaterPopsReturnAtOnce) {
  InProcessJudgeQueue queue;
  std::vector<std::future<std::optional<JudgeJob>>> waiters;
  for (int i = 0; i < 3; ++i) {
    waiters.push_back(std::async(std::launch::async, [&] { return queue.pop(30s); }));
  }
  queue.close();
  for (auto& waiter : waiters) {
    ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(waiter.get(), std::nullopt);
  }
  queue.push(1);  // ignored once closed
  const auto began = std::chrono::steady_clock::now();
  EXPECT_EQ(idOf(queue.pop(30s)), std::nullopt);
  EXPECT_LT(std::chrono::steady_clock::now() - began, 1s);
}

TEST(JudgeQueueTest, ConcurrentProducersAndConsumersLoseAndDuplicateNothing) {
  InProcessJudgeQueue queue;
  constexpr int kPerProducer = 500;
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) queue.push(p * kPerProducer + i);
    });
  }
  std::mutex mutex;
  std::vector<std::int64_t> seen;
  std::vector<std::thread> consumers;
  for (int c = 0; c < 3; ++c) {
    consumers.emplace_back([&] {
      while (auto id = queue.pop(500ms)) {
        std::lock_guard lock(mutex);
        seen.push_back(id->submissionId);
      }
    });
  }
  for (auto& t : producers) t.join();
  for (auto& t : consumers) t.join();
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), 4U * kPerProducer);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<std::int64_t>(i));
}

}  // namespace
}  // namespace arena::server::judging
