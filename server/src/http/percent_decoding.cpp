#include "percent_decoding.hpp"

namespace arena::server::http {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hexValue(text[i + 1]);
      const int low = hexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      const int value = high * 16 + low;
      if (value == 0) return std::nullopt;
      out.push_back(static_cast<char>(value));
      i += 2;
    } else if (c == '\0') {
      return std::nullopt;
    } else if (c == '+' && plusIsSpace) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> splitPath(std::string_view rawPath) {
  if (rawPath.empty() || rawPath.front() != '/' || rawPath.size() > kMaxPathBytes) {
    return std::nullopt;
  }
  std::string_view rest = rawPath.substr(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::vector<std::string> segments;
  if (rest.empty()) return segments;
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view raw = rest.substr(0, slash);
    if (raw.empty()) return std::nullopt;
    auto decoded = percentDecode(raw);
    if (!decoded || decoded->empty()) return std::nullopt;
    segments.push_back(std::move(*decoded));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return segments;
}

std::map<std::string, std::string> parseQuery(std::string_view rawQuery) {
  std::map<std::string, std::string> query;
  while (!rawQuery.empty()) {
    const auto amp = rawQuery.find('&');
    const std::string_view pair = rawQuery.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      auto name = percentDecode(pair.substr(0, eq), true);
      auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                : percentDecode(pair.substr(eq + 1), true);
      if (name && value && !name->empty()) query[std::move(*name)] = std::move(*value);
    }
    if (amp == std::string_view::npos) break;
    rawQuery.remove_prefix(amp + 1);
  }
  return query;
}

}  // namespace arena::server::http
