// The frame codec against well-formed and hostile client input (RFC 6455 section 5).
#include "live/ws_frame.hpp"

#include <gtest/gtest.h>

namespace arena::server::live {
namespace {

// A client frame: masked unless told otherwise, any header bits the test wants.
std::string clientFrame(std::uint8_t firstByte, std::string_view payload, bool masked = true,
                        int forcedLengthBytes = 0) {
  std::string frame(1, static_cast<char>(firstByte));
  const std::uint64_t length = payload.size();
  const char maskBit = masked ? static_cast<char>(0x80) : 0;
  if ((length < 126 && forcedLengthBytes == 0) || forcedLengthBytes == 1) {
    frame.push_back(static_cast<char>(maskBit | static_cast<char>(length)));
  } else if ((length <= 0xFFFF && forcedLengthBytes == 0) || forcedLengthBytes == 2) {
    frame.push_back(static_cast<char>(maskBit | 126));
    frame.push_back(static_cast<char>(length >> 8));
    frame.push_back(static_cast<char>(length & 0xFF));
  } else {
    frame.push_back(static_cast<char>(maskBit | 127));
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>(length >> shift));
  }
  const char key[4] = {0x12, 0x34, 0x56, 0x78};
  if (masked) frame.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(masked ? static_cast<char>(payload[i] ^ key[i & 3]) : payload[i]);
  }
  return frame;
}

constexpr std::uint8_t kFin = 0x80;
constexpr std::uint8_t kText = 0x1;

TEST(WsFrameTest, AMaskedTextFrameDecodesWhateverTheByteSlicing) {
  const std::string wire = clientFrame(kFin | kText, R"({"type":"ping"})");
  for (std::size_t slice = 1; slice <= wire.size(); ++slice) {
    FrameParser parser;
    std::optional<Message> message;
    for (std::size_t at = 0; at < wire.size(); at += slice) {
      parser.feed(std::string_view(wire).substr(at, slice));
      auto next = parser.next();
      ASSERT_TRUE(next) << next.error().reason;
      if (*next) message = std::move(**next);
    }
    ASSERT_TRUE(message) << "slice " << slice;
    EXPECT_EQ(message->opcode, Opcode::Text);
    EXPECT_EQ(message->payload, R"({"type":"ping"})");
  }
}

TEST(WsFrameTest, SixteenAndSixtyFourBitLengthsDecode) {
  for (std::size_t size : {std::size_t{126}, std::size_t{65535}, std::size_t{65536}}) {
    FrameParser parser(128 * 1024);
    parser.feed(clientFrame(kFin | kText, std::string(size, 'x')));
    auto next = parser.next();
    ASSERT_TRUE(next && *next) << size;
    EXPECT_EQ((*next)->payload.size(), size);
  }
}

TEST(WsFrameTest, FragmentsJoinAndControlFramesMayInterleave) {
  FrameParser parser;
  parser.feed(clientFrame(kText, "hel"));          // first fragment, FIN clear
  parser.feed(clientFrame(kFin | 0x9, "are you"));  // a ping in between
  parser.feed(clientFrame(0x0, "lo "));             // continuation
  parser.feed(clientFrame(kFin | 0x0, "world"));    // final continuation
  auto ping = parser.next();
  ASSERT_TRUE(ping && *ping);
  EXPECT_EQ((*ping)->opcode, Opcode::Ping);
  EXPECT_EQ((*ping)->payload, "are you");
  auto text = parser.next();
  ASSERT_TRUE(text && *text);
  EXPECT_EQ((*text)->opcode, Opcode::Text);
  EXPECT_EQ((*text)->payload, "hello world");
  auto none = parser.next();
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

struct Hostile {
  const char* name;
  std::string wire;
  std::uint16_t closeCode;
};

TEST(WsFrameTest, HostileFramesFailWithTheirCloseCodeAndTheFailureSticks) {
  const std::vector<Hostile> cases = {
      {"unmasked client frame", clientFrame(kFin | kText, "hi", /*masked=*/false),
       kCloseProtocolError},
      {"reserved bit", clientFrame(kFin | 0x40 | kText, "hi"), kCloseProtocolError},
      {"unknown opcode 3", clientFrame(kFin | 0x3, "hi"), kCloseProtocolError},
      {"unknown opcode 0xB", clientFrame(kFin | 0xB, "hi"), kCloseProtocolError},
      {"fragmented ping", clientFrame(0x9, "hi"), kCloseProtocolError},
      {"control frame over 125 bytes", clientFrame(kFin | 0x9, std::string(126, 'p')),
       kCloseProtocolError},
      {"continuation of nothing", clientFrame(kFin | 0x0, "hi"), kCloseProtocolError},
      {"new message inside a fragmented one",
       clientFrame(kText, "a") + clientFrame(kFin | kText, "b"), kCloseProtocolError},
      {"non-minimal 16-bit length", clientFrame(kFin | kText, "short", true, 2),
       kCloseProtocolError},
      {"non-minimal 64-bit length", clientFrame(kFin | kText, "short", true, 8),
       kCloseProtocolError},
      {"invalid UTF-8", clientFrame(kFin | kText, "\xC3\x28"), kCloseInvalidPayload},
      {"surrogate in UTF-8", clientFrame(kFin | kText, "\xED\xA0\x80"), kCloseInvalidPayload},
  };
  for (const Hostile& hostile : cases) {
    FrameParser parser;
    parser.feed(hostile.wire);
    auto next = parser.next();
    ASSERT_FALSE(next) << hostile.name;
    EXPECT_EQ(next.error().closeCode, hostile.closeCode) << hostile.name;
    parser.feed(clientFrame(kFin | kText, "fine"));
    EXPECT_FALSE(parser.next()) << hostile.name << ": the error must stick";
  }
}

TEST(WsFrameTest, AnOversizedLengthIsRefusedOnTheHeaderBeforeThePayloadArrives) {
  FrameParser parser(64 * 1024);
  // Only the header of a frame announcing 2^40 bytes.
  std::string header = {static_cast<char>(kFin | kText), static_cast<char>(0x80 | 127)};
  for (int shift = 56; shift >= 0; shift -= 8) {
    header.push_back(static_cast<char>((std::uint64_t{1} << 40) >> shift));
  }
  parser.feed(header);
  auto next = parser.next();
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().closeCode, kCloseTooBig);

  // A 64-bit length with the top bit set is a protocol error in itself.
  FrameParser other;
  std::string huge = {static_cast<char>(kFin | kText), static_cast<char>(0x80 | 127)};
  huge.append(8, static_cast<char>(0xFF));
  other.feed(huge);
  auto refused = other.next();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().closeCode, kCloseProtocolError);
}

TEST(WsFrameTest, FragmentsThatAddUpPastTheCapAreRefused) {
  FrameParser parser(100);
  parser.feed(clientFrame(kText, std::string(60, 'a')));
  auto first = parser.next();
  ASSERT_TRUE(first);
  EXPECT_FALSE(*first);
  parser.feed(clientFrame(kFin | 0x0, std::string(60, 'b')));
  auto second = parser.next();
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().closeCode, kCloseTooBig);
}

TEST(WsFrameTest, ServerFramesAreFinalUnmaskedAndUseTheShortestLength) {
  EXPECT_EQ(buildFrame(Opcode::Text, "hi"), std::string("\x81\x02hi", 4));
  const std::string medium = buildFrame(Opcode::Text, std::string(200, 'm'));
  EXPECT_EQ(static_cast<unsigned char>(medium[1]), 126);
  EXPECT_EQ(medium.size(), 4u + 200u);
  const std::string large = buildFrame(Opcode::Binary, std::string(70000, 'l'));
  EXPECT_EQ(static_cast<unsigned char>(large[1]), 127);
  EXPECT_EQ(large.size(), 10u + 70000u);
  EXPECT_EQ(buildFrame(Opcode::Ping, ""), std::string("\x89\x00", 2));
}

TEST(WsFrameTest, CloseFramesCarryTheCodeAndAReasonCutToFit) {
  const std::string close = buildCloseFrame(kCloseSlowClient, "too slow");
  EXPECT_EQ(static_cast<unsigned char>(close[0]), 0x88);
  EXPECT_EQ(close.substr(2, 2), std::string("\x0F\xA8", 2));  // 4008
  EXPECT_EQ(close.substr(4), "too slow");
  const std::string cut = buildCloseFrame(kCloseNormal, std::string(300, 'r'));
  EXPECT_LE(cut.size(), 2u + 125u);
}

TEST(WsFrameTest, ClosePayloadsAreValidated) {
  auto empty = parseClosePayload("");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(*empty);
  auto normal = parseClosePayload(std::string("\x03\xE8", 2));
  ASSERT_TRUE(normal && *normal);
  EXPECT_EQ(**normal, 1000);
  EXPECT_FALSE(parseClosePayload("x"));                          // one byte
  EXPECT_FALSE(parseClosePayload(std::string("\x03\xED", 2)));   // 1005 is never sent
  EXPECT_FALSE(parseClosePayload(std::string("\x00\x10", 2)));   // below 1000
  EXPECT_FALSE(parseClosePayload(std::string("\x03\xE8\xFF", 3)));  // reason not UTF-8
}

TEST(WsFrameTest, Utf8ValidationRejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xE0\x80\xAF"));      // overlong 3-byte
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(isValidUtf8("\x80"));              // lone continuation
}

}  // namespace
}  // namespace arena::server::live
