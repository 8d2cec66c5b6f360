#include "live/channels.hpp"

#include <charconv>
#include <optional>

namespace arena::server::live {

namespace {

ContestWatchPolicy& contestWatchPolicy() {
  static ContestWatchPolicy policy;
  return policy;
}

// "contest:<id>" or "contest:<id>:jury" -> the id; none for anything else.
std::optional<std::int64_t> contestIdOf(std::string_view channel, bool& jury) {
  constexpr std::string_view kPrefix = "contest:";
  if (!channel.starts_with(kPrefix)) return std::nullopt;
  auto rest = channel.substr(kPrefix.size());
  jury = rest.ends_with(":jury");
  if (jury) rest.remove_suffix(5);
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
  if (rest.empty() || error != std::errc{} || end != rest.data() + rest.size() || id < 1)
    return std::nullopt;
  return id;
}

}  // namespace

void setContestWatchPolicy(ContestWatchPolicy policy) { contestWatchPolicy() = std::move(policy); }

std::string userChannel(std::int64_t userId) { return "user:" + std::to_string(userId); }

Result<void> checkSubscribe(const http::Principal& who, std::string_view channel,
                            const ChannelRules& rules) {
  if (channel == kLeaderboardChannel || channel == kBroadcastChannel ||
      channel == userChannel(who.userId)) {
    return {};
  }
  if (channel == kSubmissionsChannel) {
    if (who.isProctor()) return {};
    return fail(ErrorCode::PermissionDenied, "only proctors may subscribe to 'submissions'");
  }
  bool jury = false;
  if (const auto contestId = contestIdOf(channel, jury)) {
    if (jury) {
      if (who.isProctor()) return {};
      return fail(ErrorCode::PermissionDenied, "only proctors may subscribe to a jury scoreboard");
    }
    if (!contestWatchPolicy()) return fail(ErrorCode::InvalidArgument, "unknown channel");
    return contestWatchPolicy()(who, *contestId);
  }
  if (channel.starts_with("match:")) {
    std::int64_t matchId = 0;
    const std::string_view id = channel.substr(6);
    const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), matchId);
    if (error != std::errc{} || end != id.data() + id.size() || matchId < 1) {
      return fail(ErrorCode::InvalidArgument, "unknown channel");
    }
    if (who.isProctor() || (rules.isMatchPlayer && rules.isMatchPlayer(matchId, who.userId))) {
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
