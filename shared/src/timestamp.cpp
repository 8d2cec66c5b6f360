#include "arena/core/timestamp.hpp"

#include <array>
#include <cstdio>

namespace arena {

namespace {

// Reads exactly `width` digits at `pos`; nullopt if any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool charAt(std::string_view text, std::size_t pos, char expected) {
  return pos < text.size() && text[pos] == expected;
}

}  // namespace

std::string formatTimestamp(Timestamp instant) {
  using namespace std::chrono;
  const auto day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss time{instant - day};
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return buffer.data();
}

std::optional<Timestamp> parseTimestamp(std::string_view text) {
  using namespace std::chrono;
  const auto y = digits(text, 0, 4);
  const auto mo = digits(text, 5, 2);
  const auto d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2);
  const auto mi = digits(text, 14, 2);
  const auto s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || !charAt(text, 4, '-') || !charAt(text, 7, '-') ||
      !charAt(text, 10, 'T') || !charAt(text, 13, ':') || !charAt(text, 16, ':')) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  int millis = 0;
  if (charAt(text, pos, '.')) {
    ++pos;
    int width = 0;
    while (width < 3 && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      millis = millis * 10 + (text[pos] - '0');
      ++pos;
      ++width;
    }
    if (width == 0) return std::nullopt;
    for (; width < 3; ++width) millis *= 10;
  }
  if (!charAt(text, pos, 'Z') || pos + 1 != text.size()) return std::nullopt;
  if (*h > 23 || *mi > 59 || *s > 59) return std::nullopt;

  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return Timestamp{sys_days{date}} + hours{*h} + minutes{*mi} + seconds{*s} + milliseconds{millis};
}

}  // namespace arena
