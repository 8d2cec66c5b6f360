#include "live/channels.hpp"

namespace arena::server::live {

std::string userChannel(std::int64_t userId) { return "user:" + std::to_string(userId); }

Result<void> checkSubscribe(const http::Principal& who, std::string_view channel) {
  if (channel == kLeaderboardChannel || channel == kBroadcastChannel ||
      channel == userChannel(who.userId)) {
    return {};
  }
  if (channel == kSubmissionsChannel) {
    if (who.isProctor()) return {};
    return fail(ErrorCode::PermissionDenied, "only proctors may subscribe to 'submissions'");
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
