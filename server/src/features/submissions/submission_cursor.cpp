#include "features/submissions/submission_cursor.hpp"

#include <charconv>
#include <cstdint>

namespace arena::server::submissions {

namespace {

// Digits only (no sign, no spaces), the whole text, and within int64.
std::optional<std::int64_t> parseNonNegative(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  for (const char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return value;
}

}  // namespace

std::string encodeCursor(const storage::SubmissionCursor& cursor) {
  return std::to_string(cursor.createdAt.time_since_epoch().count()) + "." +
         std::to_string(cursor.id);
}

std::optional<storage::SubmissionCursor> decodeCursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto millis = parseNonNegative(text.substr(0, dot));
  const auto id = parseNonNegative(text.substr(dot + 1));
  if (!millis || !id || *id == 0) return std::nullopt;
  return storage::SubmissionCursor{Timestamp{std::chrono::milliseconds{*millis}}, *id};
}

}  // namespace arena::server::submissions
