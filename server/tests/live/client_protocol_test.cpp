// What a live client may say and hear: message parsing, the frames we build, and who may
// subscribe to which channel.
#include "live/client_protocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live/channels.hpp"

namespace arena::server::live {
namespace {

const http::Principal kContestant{7, "carol", model::Role::Contestant};
const http::Principal kProctor{9, "pat", model::Role::Proctor};
const http::Principal kAdmin{1, "admin", model::Role::Admin};

TEST(ClientProtocolTest, SubscribeUnsubscribeAndPingParse) {
  auto subscribe = parseClientRequest(R"({"type":"subscribe","data":{"channel":"leaderboard"}})");
  ASSERT_TRUE(subscribe) << subscribe.error().message;
  EXPECT_EQ(subscribe->kind, ClientRequest::Kind::Subscribe);
  EXPECT_EQ(subscribe->channel, "leaderboard");
  auto unsubscribe = parseClientRequest(R"({"type":"unsubscribe","data":{"channel":"x"}})");
  ASSERT_TRUE(unsubscribe);
  EXPECT_EQ(unsubscribe->kind, ClientRequest::Kind::Unsubscribe);
  auto ping = parseClientRequest(R"({"type":"ping"})");
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->kind, ClientRequest::Kind::Ping);
}

TEST(ClientProtocolTest, MalformedMessagesAreInvalidArguments) {
  for (const char* text : {"", "not json", "[]", "42", R"({"type":1})", R"({"type":"shout"})",
                           R"({"type":"subscribe"})", R"({"type":"subscribe","data":[]})",
                           R"({"type":"subscribe","data":{"channel":""}})",
                           R"({"type":"subscribe","data":{"channel":7}})"}) {
    auto parsed = parseClientRequest(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument) << text;
  }
  const std::string longChannel(200, 'c');
  EXPECT_FALSE(parseClientRequest(R"({"type":"subscribe","data":{"channel":")" + longChannel +
                                  R"("}})"));
}

TEST(ClientProtocolTest, ServerTextsAreTheContractShapes) {
  const auto hello = nlohmann::json::parse(helloText(kProctor, std::chrono::milliseconds(15000)));
  EXPECT_EQ(hello, nlohmann::json::parse(
                       R"({"type":"hello","data":{"user_id":9,"role":"proctor","heartbeat_ms":15000}})"));
  EXPECT_EQ(nlohmann::json::parse(eventText("submission.verdict", R"({"id":3})")),
            nlohmann::json::parse(R"({"type":"submission.verdict","data":{"id":3}})"));
  EXPECT_EQ(nlohmann::json::parse(eventText("leaderboard.changed", "")).at("data"),
            nlohmann::json::object());
  EXPECT_EQ(nlohmann::json::parse(channelText("subscribed", "a\"b")).at("data").at("channel"),
            "a\"b");
  EXPECT_EQ(nlohmann::json::parse(errorText("nope")).at("type"), "error");
}

TEST(ChannelsTest, EveryoneMayHearTheLeaderboardBroadcastAndTheirOwnChannel) {
  for (const auto& who : {kContestant, kProctor, kAdmin}) {
    EXPECT_TRUE(checkSubscribe(who, "leaderboard"));
    EXPECT_TRUE(checkSubscribe(who, "broadcast"));
    EXPECT_TRUE(checkSubscribe(who, "brackets"));
    EXPECT_TRUE(checkSubscribe(who, userChannel(who.userId)));
  }
}

TEST(ChannelsTest, OnlyProctorsAndAdminsHearEverySubmission) {
  auto refused = checkSubscribe(kContestant, "submissions");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
  EXPECT_TRUE(checkSubscribe(kProctor, "submissions"));
  EXPECT_TRUE(checkSubscribe(kAdmin, "submissions"));
}

TEST(ChannelsTest, NobodyHearsAnotherUsersChannelOrAnUnknownOne) {
  for (const auto& who : {kContestant, kProctor, kAdmin}) {
    auto other = checkSubscribe(who, userChannel(who.userId + 1));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::PermissionDenied);
    for (const char* channel : {"contest:1", "user:", "user:abc", "leaderboard ", "*"}) {
      EXPECT_FALSE(checkSubscribe(who, channel)) << channel;
    }
  }
}

TEST(ChannelsTest, ContestChannelsFollowTheContestsRuleAndTheJuryIsForProctors) {
  ChannelRules rules;
  rules.mayWatchContest = [](const http::Principal& who, std::int64_t contestId) -> Result<void> {
    if (contestId == 1 || who.isProctor()) return {};
    return fail(ErrorCode::PermissionDenied, "not a participant");
  };
  EXPECT_TRUE(checkSubscribe(kContestant, "contest:1", rules));
  EXPECT_EQ(checkSubscribe(kContestant, "contest:2", rules).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_TRUE(checkSubscribe(kProctor, "contest:2", rules));
  EXPECT_EQ(checkSubscribe(kContestant, "contest:1:jury", rules).error().code,
            ErrorCode::PermissionDenied);
  EXPECT_TRUE(checkSubscribe(kProctor, "contest:1:jury", rules));
  for (const char* channel : {"contest:0", "contest:", "contest:1:", "contest:x:jury",
                              "contest:1:jury:jury", "contest:-3", "contest:1 "}) {
    auto refused = checkSubscribe(kAdmin, channel, rules);
    ASSERT_FALSE(refused) << channel;
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument) << channel;
  }
}

TEST(ChannelsTest, TheOwnChannelAndBroadcastCannotBeLeft) {
  EXPECT_FALSE(checkUnsubscribe(kContestant, userChannel(kContestant.userId)));
  EXPECT_FALSE(checkUnsubscribe(kContestant, "broadcast"));
  EXPECT_TRUE(checkUnsubscribe(kContestant, "leaderboard"));
}

}  // namespace
}  // namespace arena::server::live
