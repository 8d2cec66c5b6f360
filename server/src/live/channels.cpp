#include "live/channels.hpp"

#include <charconv>
#include <optional>

namespace arena::server::live {

namespace {

// The id in "<prefix><id>" (a positive integer and nothing after it); none otherwise.
std::optional<std::int64_t> idAfter(std::string_view channel, std::string_view prefix) {
  if (!channel.starts_with(prefix)) return std::nullopt;
  const std::string_view digits = channel.substr(prefix.size());
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || id < 1)
    return std::nullopt;
  return id;
}

}  // namespace

std::string userChannel(std::int64_t userId) { return "user:" + std::to_string(userId); }

Result<void> checkSubscribe(const http::Principal& who, std::string_view channel,
                            const ChannelRules& rules) {
  if (channel == kLeaderboardChannel || channel == kBroadcastChannel ||
      channel == kBracketsChannel || channel == userChannel(who.userId)) {
    return {};
  }
  if (channel == kSubmissionsChannel) {
    if (who.isProctor()) return {};
    return fail(ErrorCode::PermissionDenied, "only proctors may subscribe to 'submissions'");
  }
  if (channel.starts_with("contest:") && channel.ends_with(":jury")) {
    if (!idAfter(channel.substr(0, channel.size() - 5), "contest:")) {
      return fail(ErrorCode::InvalidArgument, "unknown channel");
    }
    if (who.isProctor()) return {};
    return fail(ErrorCode::PermissionDenied, "only proctors may subscribe to a jury scoreboard");
  }
  if (channel.starts_with("contest:")) {
    const auto contestId = idAfter(channel, "contest:");
    if (!contestId || !rules.mayWatchContest) {
      return fail(ErrorCode::InvalidArgument, "unknown channel");
    }
    return rules.mayWatchContest(who, *contestId);
  }
  if (channel.starts_with("match:")) {
    const auto matchId = idAfter(channel, "match:");
    if (!matchId) return fail(ErrorCode::InvalidArgument, "unknown channel");
    if (who.isProctor() || (rules.isMatchPlayer && rules.isMatchPlayer(*matchId, who.userId))) {
      return {};
    }
    return fail(ErrorCode::PermissionDenied, "only the match's players and proctors hear it");
  }
  if (channel.starts_with("user:")) {
    return fail(ErrorCode::PermissionDenied, "a connection hears only its own user channel");
  }
  return fail(ErrorCode::InvalidArgument, "unknown channel");
}

Result<void> checkUnsubscribe(const http::Principal& who, std::string_view channel) {
  if (channel == kBroadcastChannel || channel == userChannel(who.userId)) {
    return fail(ErrorCode::InvalidArgument, "a connection is always on its own and 'broadcast'");
  }
  return {};
}

}  // namespace arena::server::live
