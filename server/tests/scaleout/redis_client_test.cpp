// RedisClient against a real Redis: URL parsing, AUTH and SELECT, clear errors for a bad host
// or password, replies of every shape, and reconnection after Redis went away and came back.

#include "scaleout/redis_client.hpp"

#include "redis_test_support.hpp"

namespace arena::server::scaleout {
namespace {

using namespace std::chrono_literals;
using testing::PrivateRedis;

TEST(RedisUrlTest, ParsesPasswordHostPortAndDatabase) {
  auto url = RedisUrl::parse("redis://:s3cret@10.0.0.5:6380/3");
  ASSERT_TRUE(url.has_value()) << url.error().message;
  EXPECT_EQ(url->host, "10.0.0.5");
  EXPECT_EQ(url->port, 6380);
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_EQ(url->db, 3);
  EXPECT_EQ(url->redacted(), "redis://:***@10.0.0.5:6380/3");

  auto plain = RedisUrl::parse("redis://localhost");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->port, 6379);
  EXPECT_EQ(plain->db, 0);
  EXPECT_TRUE(plain->password.empty());
}

TEST(RedisUrlTest, RefusesMalformedUrlsWithTheReason) {
  for (const char* bad : {"http://localhost:6379", "redis://", "redis://host:0",
                          "redis://host:99999", "redis://host:port", "redis://host:6379/x",
                          "redis://host:6379/-1", "redis://:pw@:6379"}) {
    auto url = RedisUrl::parse(bad);
    ASSERT_FALSE(url.has_value()) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::InvalidArgument) << bad;
    EXPECT_NE(url.error().message.find("redis://"), std::string::npos) << url.error().message;
  }
}

TEST(RedisClientTest, RunsCommandsAndCopiesEveryReplyShape) {
  ARENA_REQUIRE_REDIS();
  RedisClient client(testing::parsedTestUrl());
  const std::string key = testing::uniquePrefix("client") + ":list";
  auto pushed = client.command({"RPUSH", key, "a", std::string("b\0c", 3)});
  ASSERT_TRUE(pushed.has_value()) << pushed.error().message;
  EXPECT_EQ(pushed->type, RedisReply::Type::Integer);
  EXPECT_EQ(pushed->integer, 2);
  auto range = client.command({"LRANGE", key, "0", "-1"});
  ASSERT_TRUE(range.has_value());
  ASSERT_EQ(range->type, RedisReply::Type::Array);
  ASSERT_EQ(range->elements.size(), 2U);
  EXPECT_EQ(range->elements[1].str, std::string("b\0c", 3));  // binary-safe
  auto missing = client.command({"GET", key + ":none"});
  ASSERT_TRUE(missing.has_value());
  EXPECT_TRUE(missing->isNil());
  auto status = client.command({"SET", key + ":s", "v", "EX", "60"});
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->type, RedisReply::Type::Status);
  EXPECT_EQ(status->str, "OK");
  (void)client.command({"DEL", key, key + ":s"});
}

TEST(RedisClientTest, AnErrorReplyIsAnErrorWithRedisText) {
  ARENA_REQUIRE_REDIS();
  RedisClient client(testing::parsedTestUrl());
  const std::string key = testing::uniquePrefix("client") + ":str";
  ASSERT_TRUE(client.command({"SET", key, "x", "EX", "60"}).has_value());
  auto wrong = client.command({"LPUSH", key, "y"});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().message.find("WRONGTYPE"), std::string::npos) << wrong.error().message;
  // The connection is still good after an error reply.
  EXPECT_TRUE(client.ping().has_value());
}

TEST(RedisClientTest, SelectsTheDatabaseOfTheUrl) {
  ARENA_REQUIRE_REDIS();
  RedisUrl db0 = testing::parsedTestUrl();
  RedisUrl db5 = db0;
  db5.db = 5;
  RedisClient zero(db0);
  RedisClient five(db5);
  const std::string key = testing::uniquePrefix("client") + ":db";
  ASSERT_TRUE(five.command({"SET", key, "five", "EX", "60"}).has_value());
  auto inZero = zero.command({"GET", key});
  ASSERT_TRUE(inZero.has_value());
  EXPECT_TRUE(inZero->isNil());
  auto inFive = five.command({"GET", key});
  ASSERT_TRUE(inFive.has_value());
  EXPECT_EQ(inFive->str, "five");
}

TEST(RedisClientTest, AWrongPasswordIsUnauthenticated) {
  ARENA_REQUIRE_REDIS();
  RedisUrl url = testing::parsedTestUrl();
  url.password = "not-the-password";
  RedisClient client(url);
  auto ping = client.ping();
  ASSERT_FALSE(ping.has_value());
  EXPECT_EQ(ping.error().code, ErrorCode::Unauthenticated) << ping.error().message;
}

TEST(RedisClientTest, NothingListeningIsUnavailableQuickly) {
  RedisClient client(RedisUrl{"127.0.0.1", 1, "", 0}, {200ms, 500ms});
  const auto began = std::chrono::steady_clock::now();
  auto ping = client.ping();
  ASSERT_FALSE(ping.has_value());
  EXPECT_EQ(ping.error().code, ErrorCode::Unavailable);
  EXPECT_NE(ping.error().message.find("127.0.0.1:1"), std::string::npos) << ping.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - began, 2s);
}

TEST(RedisClientTest, ACommandThatOutlivesItsTimeoutIsATimeout) {
  ARENA_REQUIRE_REDIS();
  RedisClient client(testing::parsedTestUrl(), {1000ms, 200ms});
  const std::string key = testing::uniquePrefix("client") + ":blocked";
  // BLPOP would wait 5 s; the client gives up after its command timeout.
  auto blocked = client.command({"BLPOP", key, "5"});
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code, ErrorCode::Timeout) << blocked.error().message;
  EXPECT_TRUE(client.ping().has_value()) << "a later command reconnects";
}

TEST(RedisClientTest, RedisStoppedMidwayGivesAClearErrorAndTheClientReconnectsWhenItReturns) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.start()) << "redis-server did not start";
  RedisClient client(redis.url(), {300ms, 1000ms});
  ASSERT_TRUE(client.command({"SET", "k", "1"}).has_value());

  redis.stop();
  auto down = client.command({"GET", "k"});
  ASSERT_FALSE(down.has_value());
  EXPECT_EQ(down.error().code, ErrorCode::Unavailable) << down.error().message;
  EXPECT_TRUE(down.error().retryable);

  ASSERT_TRUE(redis.start());
  auto back = client.command({"SET", "k", "2"});
  ASSERT_TRUE(back.has_value()) << back.error().message;
  // A restart on an idle connection is invisible: the command is sent again on a new one.
  redis.stop();
  ASSERT_TRUE(redis.start());
  auto again = client.command({"GET", "k"});
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->isNil()) << "a fresh Redis (no persistence) has no k";
}

TEST(RedisScriptTest, LoadsTheScriptWhenRedisDoesNotKnowItYet) {
  PrivateRedis redis;
  ASSERT_TRUE(redis.start());
  RedisClient client(redis.url());
  RedisScript script("return tonumber(ARGV[1]) + #KEYS");
  auto first = script.run(client, {"a", "b"}, {"40"});
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->integer, 42);
  ASSERT_TRUE(client.command({"SCRIPT", "FLUSH"}).has_value());
  auto second = script.run(client, {"a"}, {"1"});
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->integer, 2);
}

TEST(RedisPoolTest, LeasesAreDistinctWhileHeldAndReusedAfter) {
  ARENA_REQUIRE_REDIS();
  RedisPool pool(testing::parsedTestUrl());
  RedisClient* first = nullptr;
  {
    auto a = pool.acquire();
    auto b = pool.acquire();
    EXPECT_NE(&*a, &*b);
    first = &*a;
    EXPECT_TRUE(a->ping().has_value());
  }
  auto c = pool.acquire();
  auto d = pool.acquire();
  EXPECT_TRUE(&*c == first || &*d == first);
}

}  // namespace
}  // namespace arena::server::scaleout
