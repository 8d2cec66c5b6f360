#pragma once
// Percent-decoding (RFC 3986) for path segments and query strings. Paths are split on '/' first
// and each segment decoded once, so an encoded "%2F" cannot create a separator and "%252e"
// stays "%2e" rather than becoming ".".

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arena::server::http {

// Paths longer than this are refused before any work is done on them.
inline constexpr std::size_t kMaxPathBytes = 2048;

// nullopt for a malformed escape ("%4", "%zz") or an encoded NUL.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace = false);

// "/api/problems/two%20sum/" -> {"api", "problems", "two sum"}. One trailing slash is ignored
// ("/a/" is "/a"); nullopt for a path that does not start with '/', has an empty segment
// ("/a//b"), a bad escape, a NUL, or is longer than kMaxPathBytes.
std::optional<std::vector<std::string>> splitPath(std::string_view rawPath);

// "a=1&b=x%20y&flag" -> {a:1, b:"x y", flag:""}; the last of repeated names wins and pairs
// with malformed escapes are skipped.
std::map<std::string, std::string> parseQuery(std::string_view rawQuery);

}  // namespace arena::server::http
