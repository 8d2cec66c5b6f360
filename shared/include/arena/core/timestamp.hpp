#pragma once
// Instants travel as UTC ISO-8601 strings with milliseconds ("2026-11-25T23:06:50.123Z"), the
// form the ICPC Contest API uses, and live in code as a millisecond time point.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace arena {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

std::string formatTimestamp(Timestamp instant);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z" exactly (1..3 fraction digits); nothing else.
std::optional<Timestamp> parseTimestamp(std::string_view text);

}  // namespace arena
