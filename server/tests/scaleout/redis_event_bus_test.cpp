// RedisEventBus across two bus instances (two replicas) on a real Redis: an event published on
// one reaches the subscribers of both exactly once; with Redis away, publish still reaches this
// replica's own subscribers, and the subscription comes back with Redis.

#include "scaleout/redis_event_bus.hpp"

#include <mutex>
#include <vector>

#include "redis_test_support.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;

class Collector {
 public:
  live::EventBus::Subscriber subscriber() {
    return [this](const live::Event& event) {
      std::lock_guard lock(m_mutex);
      m_events.push_back(event);
    };
  }
  std::vector<live::Event> events() {
    std::lock_guard lock(m_mutex);
    return m_events;
  }
  std::size_t size() { return events().size(); }

 private:
  std::mutex m_mutex;
  std::vector<live::Event> m_events;
};

TEST(RedisEventBusTest, AnEventPublishedOnOneReplicaReachesEveryReplicaOnce) {
  ARENA_REQUIRE_REDIS();
  const std::string prefix = testing::uniquePrefix("bus");
  RedisEventBus a(testing::parsedTestUrl(), {}, {.prefix = prefix});
  RedisEventBus b(testing::parsedTestUrl(), {}, {.prefix = prefix});
  Collector onA;
  Collector onB;
  a.subscribe(onA.subscriber());
  b.subscribe(onB.subscriber());
  ASSERT_TRUE(testing::waitFor([&] { return a.listening() && b.listening(); }));

  const live::Event verdict{"user:7", "submission.verdict", R"({"id":1,"verdict":"AC"})"};
  a.publish(verdict);
  b.publish({"leaderboard", "leaderboard.changed", "{}"});
  ASSERT_TRUE(testing::waitFor([&] { return onA.size() == 2 && onB.size() == 2; }));
  std::this_thread::sleep_for(200ms);  // nothing more may arrive (no duplicate delivery)
  for (Collector* replica : {&onA, &onB}) {
    const auto events = replica->events();
    ASSERT_EQ(events.size(), 2U);
    const auto& first = events[0].channel == "user:7" ? events[0] : events[1];
    EXPECT_EQ(first.type, verdict.type);
    EXPECT_EQ(first.data, verdict.data);
  }
}

TEST(RedisEventBusTest, BusesWithAnotherPrefixDoNotHearEachOther) {
  ARENA_REQUIRE_REDIS();
  RedisEventBus a(testing::parsedTestUrl(), {}, {.prefix = testing::uniquePrefix("bus")});
  RedisEventBus b(testing::parsedTestUrl(), {}, {.prefix = testing::uniquePrefix("bus")});
  Collector onB;
  b.subscribe(onB.subscriber());
  ASSERT_TRUE(testing::waitFor([&] { return a.listening() && b.listening(); }));
  a.publish({"broadcast", "announcement", "{}"});
  b.publish({"broadcast", "mine", "{}"});
  ASSERT_TRUE(testing::waitFor([&] { return onB.size() == 1; }));
  std::this_thread::sleep_for(100ms);
  ASSERT_EQ(onB.size(), 1U);
  EXPECT_EQ(onB.events()[0].type, "mine");
}

TEST(RedisEventBusTest, WithRedisAwayPublishDeliversLocallyAndTheSubscriptionReturns) {
  testing::PrivateRedis redis;
  ASSERT_TRUE(redis.start());
  RedisEventBus a(redis.url(), {200ms, 500ms}, {.prefix = "p", .maxBackoff = 200ms});
  RedisEventBus b(redis.url(), {200ms, 500ms}, {.prefix = "p", .maxBackoff = 200ms});
  Collector onA;
  Collector onB;
  a.subscribe(onA.subscriber());
  b.subscribe(onB.subscriber());
  ASSERT_TRUE(testing::waitFor([&] { return a.listening() && b.listening(); }));

  redis.stop();
  ASSERT_TRUE(testing::waitFor([&] { return !a.listening(); }, 5s));
  a.publish({"user:1", "submission.verdict", "{}"});
  ASSERT_EQ(onA.size(), 1U) << "delivered on the publishing replica at once";
  EXPECT_EQ(onB.size(), 0U);

  ASSERT_TRUE(redis.start());
  ASSERT_TRUE(testing::waitFor([&] { return a.listening() && b.listening(); }, 10s));
  a.publish({"user:1", "submission.verdict", R"({"after":true})"});
  ASSERT_TRUE(testing::waitFor([&] { return onA.size() == 2 && onB.size() == 1; }));
  EXPECT_EQ(onB.events()[0].data, R"({"after":true})");
}

TEST(RedisEventBusTest, AThrowingSubscriberDoesNotStopTheOthers) {
  ARENA_REQUIRE_REDIS();
  RedisEventBus bus(testing::parsedTestUrl(), {}, {.prefix = testing::uniquePrefix("bus")});
  Collector after;
  bus.subscribe([](const live::Event&) { throw std::runtime_error("hub bug"); });
  bus.subscribe(after.subscriber());
  ASSERT_TRUE(testing::waitFor([&] { return bus.listening(); }));
  bus.publish({"broadcast", "one", "{}"});
  bus.publish({"broadcast", "two", "{}"});
  ASSERT_TRUE(testing::waitFor([&] { return after.size() == 2; }));
}

}  // namespace
}  // namespace arena::server::scaleout
