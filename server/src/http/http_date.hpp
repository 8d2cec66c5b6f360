#pragma once
// The Date header of every response: an IMF-fixdate (RFC 9110 5.6.7), "Sun, 06 Nov 1994
// 08:49:37 GMT". Formatting one costs more than the rest of a cached answer's headers, and it
// only changes once a second, so each thread keeps the last one it made.

#include <ctime>
#include <string>

namespace arena::server::http {

// Locale-independent, always UTC.
std::string formatHttpDate(std::time_t seconds);

// The date of `now`, re-formatted only when the second changed since this thread's last call.
// The reference stays valid until this thread's next call.
const std::string& cachedHttpDate(std::time_t now = std::time(nullptr));

}  // namespace arena::server::http
