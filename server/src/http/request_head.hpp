#pragma once
// The fast path's request parser. Theory of operation: most requests an arena-server answers
// are bodiless HTTP/1.1 reads (GET /api/problems...). Poco parses every request through
// iostreams and allocates a request, a response and a stream per request; for these reads that
// cost as much as everything else the server does. So the connection loop first peeks at the
// bytes already received and hands them to parseSimpleRequestHead: when they hold one complete,
// ordinary head (see the conditions below) the request is served from it directly. Anything
// else — a body, chunked encoding, an upgrade, "Expect", HTTP/1.0, an incomplete or odd head —
// returns nullopt, nothing is consumed, and Poco parses the request exactly as before. The
// parser only needs to be right about what it accepts; it may decline anything it likes.

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace arena::server::http {

struct RequestHead {
  std::string_view method;  // views into the parsed bytes
  std::string_view target;
  std::vector<std::pair<std::string_view, std::string_view>> headers;  // names as sent
  bool keepAlive = true;   // false with "Connection: close"
  std::size_t size = 0;    // bytes of the head, final CRLF included
};

// Limits of Poco 1.11's parser (requests beyond them go to Poco, which refuses them).
inline constexpr std::size_t kMaxSimpleMethod = 32;
inline constexpr std::size_t kMaxSimpleTarget = 16 * 1024;
inline constexpr std::size_t kMaxSimpleHeaderName = 256;
inline constexpr std::size_t kMaxSimpleHeaderValue = 8 * 1024;
inline constexpr std::size_t kMaxSimpleHeaders = 100;

// One complete HTTP/1.1 request head at the start of `bytes`, without a body (no
// Transfer-Encoding; no Content-Length other than 0), without Upgrade or Expect, with only
// well-formed lines (token method and names, no control characters, no obsolete line folding).
// Bytes after the head (a pipelined request) are left alone. nullopt when any of that fails.
std::optional<RequestHead> parseSimpleRequestHead(std::string_view bytes);

}  // namespace arena::server::http
