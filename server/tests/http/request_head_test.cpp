// The fast path's parser (request_head.hpp): what it accepts must be exactly right; anything
// unusual must be declined (nullopt) so Poco handles it as before.
#include "http/request_head.hpp"

#include <string>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

TEST(RequestHead, ParsesAnOrdinaryGet) {
  const std::string bytes =
      "GET /api/problems?difficulty=easy HTTP/1.1\r\nHost: localhost:8080\r\n"
      "X-Request-Id:  trace-1 \r\nAccept: */*\r\n\r\n";
  const auto head = parseSimpleRequestHead(bytes);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->method, "GET");
  EXPECT_EQ(head->target, "/api/problems?difficulty=easy");
  ASSERT_EQ(head->headers.size(), 3u);
  EXPECT_EQ(head->headers[0].first, "Host");
  EXPECT_EQ(head->headers[0].second, "localhost:8080");
  EXPECT_EQ(head->headers[1].second, "trace-1");  // optional whitespace trimmed
  EXPECT_TRUE(head->keepAlive);
  EXPECT_EQ(head->size, bytes.size());
}

TEST(RequestHead, LeavesAPipelinedRequestAlone) {
  const std::string first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string bytes = first + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n";  // views point here
  const auto head = parseSimpleRequestHead(bytes);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->target, "/a");
  EXPECT_EQ(head->size, first.size());
}

TEST(RequestHead, ConnectionCloseEndsKeepAlive) {
  auto head = parseSimpleRequestHead("GET / HTTP/1.1\r\nConnection: keep-alive, CLOSE\r\n\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_FALSE(head->keepAlive);
  head = parseSimpleRequestHead("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_TRUE(head->keepAlive);
}

TEST(RequestHead, ZeroContentLengthIsStillBodiless) {
  const auto head = parseSimpleRequestHead("DELETE /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->method, "DELETE");
}

TEST(RequestHead, NoHeadersAtAllIsFine) {
  const auto head = parseSimpleRequestHead("GET / HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_TRUE(head->headers.empty());
}

// Everything Poco must see: bodies, upgrades, other versions, incomplete or odd heads.
TEST(RequestHead, DeclinesWhatPocoMustHandle) {
  const std::string declined[] = {
      "",
      "GET / HTTP/1.1\r\nHost: x\r\n",                                // incomplete
      "GET / HTTP/1.1\r\nHost: x\r\n\r",                              // incomplete
      "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",           // a body
      "POST /x HTTP/1.1\r\ncontent-length: 00\r\n\r\n",               // not plainly zero
      "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "GET /x HTTP/1.1\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
      "GET /api/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
      "PUT /x HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
      "GET / HTTP/1.0\r\n\r\n",
      "GET / HTTP/2.0\r\n\r\n",
      "GET / http/1.1\r\n\r\n",
      "GET /\r\n\r\n",
      "GET  / HTTP/1.1\r\n\r\n",                                      // double space
      "GET / x HTTP/1.1\r\n\r\n",                                     // space in the target
      " GET / HTTP/1.1\r\n\r\n",
      "G(T / HTTP/1.1\r\n\r\n",                                       // not a token
      std::string(40, 'G') + " / HTTP/1.1\r\n\r\n",                   // method too long
      "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n",        // target too long
      std::string("GET /a\0b HTTP/1.1\r\n\r\n", 22),                  // NUL in the target
      "GET /a\x7f HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
      "GET / HTTP/1.1\r\nHost : x\r\n\r\n",                           // blank before colon
      "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",                 // obsolete folding
      "GET / HTTP/1.1\r\n: empty-name\r\n\r\n",
      "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",                            // bare CR
      "GET / HTTP/1.1\r\nX: a\nb\r\n\r\n",                            // bare LF
      "GET / HTTP/1.1\nHost: x\r\n\r\n",                              // LF-only line end
      "GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n",                          // control character
      "GET / HTTP/1.1\r\n" + std::string(300, 'N') + ": v\r\n\r\n",   // name too long
      "GET / HTTP/1.1\r\nX: " + std::string(9000, 'v') + "\r\n\r\n",  // value too long
  };
  for (const std::string& bytes : declined) {
    EXPECT_FALSE(parseSimpleRequestHead(bytes).has_value()) << bytes.substr(0, 60);
  }
}

TEST(RequestHead, DeclinesMoreThanAHundredHeaders) {
  std::string bytes = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 100; ++i) bytes += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_TRUE(parseSimpleRequestHead(bytes + "\r\n").has_value());
  bytes += "X-last: v\r\n";
  EXPECT_FALSE(parseSimpleRequestHead(bytes + "\r\n").has_value());
}

TEST(RequestHead, TabsInValuesAreKept) {
  const auto head = parseSimpleRequestHead("GET / HTTP/1.1\r\nUser-Agent:\ta\tb\t\r\n\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->headers[0].second, "a\tb");
}

}  // namespace
}  // namespace arena::server::http
