#include "http_date.hpp"

#include <array>

namespace arena::server::http {

namespace {

constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void appendDigits(std::string& out, int value, int width) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

}  // namespace

std::string formatHttpDate(std::time_t seconds) {
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return {};
  std::string out;
  out.reserve(29);
  out += kDays[static_cast<std::size_t>(utc.tm_wday % 7)];
  out += ", ";
  appendDigits(out, utc.tm_mday, 2);
  out += ' ';
  out += kMonths[static_cast<std::size_t>(utc.tm_mon % 12)];
  out += ' ';
  appendDigits(out, utc.tm_year + 1900, 4);
  out += ' ';
  appendDigits(out, utc.tm_hour, 2);
  out += ':';
  appendDigits(out, utc.tm_min, 2);
  out += ':';
  appendDigits(out, utc.tm_sec, 2);
  out += " GMT";
  return out;
}

const std::string& cachedHttpDate(std::time_t now) {
  thread_local std::time_t second = -1;
  thread_local std::string text;
  if (now != second) {
    text = formatHttpDate(now);
    second = now;
  }
  return text;
}

}  // namespace arena::server::http
