#pragma once
// The JSON a live connection speaks (the contract is in the helper brief and DESIGN.md):
//   client -> server  {"type":"subscribe"|"unsubscribe","data":{"channel":"..."}}, {"type":"ping"}
//   server -> client  {"type":"hello"|"subscribed"|"unsubscribed"|"error"|"pong"|<event>,"data":{}}
// Parsing is strict and bounded by the frame parser's message cap; every failure is an
// InvalidArgument whose message goes back to the client in an "error" frame.

#include <chrono>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "http/request.hpp"

namespace arena::server::live {

struct ClientRequest {
  enum class Kind { Subscribe, Unsubscribe, Ping };
  Kind kind = Kind::Ping;
  std::string channel;  // Subscribe, Unsubscribe
};

Result<ClientRequest> parseClientRequest(std::string_view text);

// {"type": <type>, "data": <data>}; `data` is already serialised JSON (an object).
std::string eventText(std::string_view type, std::string_view data);
std::string helloText(const http::Principal& who, std::chrono::milliseconds heartbeat);
// {"type": <type>, "data": {"channel": <channel>}}
std::string channelText(std::string_view type, std::string_view channel);
std::string errorText(std::string_view message);

}  // namespace arena::server::live
