#include "live/client_protocol.hpp"

#include <nlohmann/json.hpp>

#include "arena/model/user.hpp"

namespace arena::server::live {

namespace {

constexpr std::size_t kMaxChannelBytes = 128;

// Echoed client text is UTF-8 (the frame parser checked), but dump() must never throw here.
std::string safeDump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<ClientRequest> parseClientRequest(std::string_view text) {
  const nlohmann::json message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded() || !message.is_object()) {
    return fail(ErrorCode::InvalidArgument, "a message is a JSON object {\"type\", \"data\"}");
  }
  const auto type = message.find("type");
  if (type == message.end() || !type->is_string()) {
    return fail(ErrorCode::InvalidArgument, "\"type\" must be a string");
  }
  const std::string& name = type->get_ref<const std::string&>();
  if (name == "ping") return ClientRequest{ClientRequest::Kind::Ping, {}};
  ClientRequest request;
  if (name == "subscribe") {
    request.kind = ClientRequest::Kind::Subscribe;
  } else if (name == "unsubscribe") {
    request.kind = ClientRequest::Kind::Unsubscribe;
  } else {
    return fail(ErrorCode::InvalidArgument, "unknown message type");
  }
  const auto data = message.find("data");
  if (data == message.end() || !data->is_object()) {
    return fail(ErrorCode::InvalidArgument, "\"data\" must be an object");
  }
  const auto channel = data->find("channel");
  if (channel == data->end() || !channel->is_string() ||
      channel->get_ref<const std::string&>().empty() ||
      channel->get_ref<const std::string&>().size() > kMaxChannelBytes) {
    return fail(ErrorCode::InvalidArgument, "\"data.channel\" must be a channel name");
  }
  request.channel = channel->get<std::string>();
  return request;
}

std::string eventText(std::string_view type, std::string_view data) {
  std::string text;
  text.reserve(type.size() + data.size() + 24);
  text += "{\"type\":";
  text += safeDump(nlohmann::json(type));
  text += ",\"data\":";
  text += data.empty() ? std::string_view("{}") : data;
  text += '}';
  return text;
}

std::string helloText(const http::Principal& who, std::chrono::milliseconds heartbeat) {
  const nlohmann::json data = {{"user_id", who.userId},
                               {"role", model::enumName(who.role)},
                               {"heartbeat_ms", heartbeat.count()}};
  return eventText("hello", data.dump());
}

std::string channelText(std::string_view type, std::string_view channel) {
  return eventText(type, safeDump(nlohmann::json{{"channel", channel}}));
}

std::string errorText(std::string_view message) {
  return eventText("error", safeDump(nlohmann::json{{"message", message}}));
}

}  // namespace arena::server::live
