#pragma once
// Who may hear which channel (see event_bus.hpp for what each carries). A connection is always
// on its own "user:<id>" and on "broadcast"; it may add "leaderboard", and proctors and admins
// "submissions". Channels that later features add are refused until they decide their rules.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "http/request.hpp"

namespace arena::server::live {

inline constexpr std::string_view kBroadcastChannel = "broadcast";
inline constexpr std::string_view kLeaderboardChannel = "leaderboard";
// Any logged-in user: `bracket.changed` (features/brackets/bracket_service.hpp publishes it).
inline constexpr std::string_view kBracketsChannel = "brackets";
inline constexpr std::string_view kSubmissionsChannel = "submissions";

std::string userChannel(std::int64_t userId);

// Rules that need to look something up, decided by the features that own the data.
struct ChannelRules {
  // "match:<id>": its players and proctors. Unset: proctors only.
  std::function<bool(std::int64_t matchId, std::int64_t userId)> isMatchPlayer;
  // "contest:<id>" (the public scoreboard's changes, answers to all): whoever may see the
  // contest. Unset: the channel is unknown. "contest:<id>:jury" is for proctors only, always.
  std::function<Result<void>(const http::Principal& who, std::int64_t contestId)> mayWatchContest;
};

// Whether `who` may subscribe to `channel`: PermissionDenied (proctor-only channel or another
// user's), InvalidArgument (no such channel).
Result<void> checkSubscribe(const http::Principal& who, std::string_view channel,
                            const ChannelRules& rules = {});

// Whether `who` may leave `channel`: InvalidArgument for the channels a connection is always on.
Result<void> checkUnsubscribe(const http::Principal& who, std::string_view channel);

}  // namespace arena::server::live
