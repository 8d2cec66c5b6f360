#include "scaleout/redis_event_bus.hpp"

#include <nlohmann/json.hpp>

#include "http/json_log.hpp"

namespace arena::server::scaleout {

namespace {

std::string encode(const live::Event& event) {
  return nlohmann::json{{"channel", event.channel}, {"type", event.type}, {"data", event.data}}
      .dump();
}

std::optional<live::Event> decode(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  const auto field = [&](const char* name) -> std::optional<std::string> {
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto channel = field("channel");
  auto type = field("type");
  auto data = field("data");
  if (!channel || !type || !data) return std::nullopt;
  return live::Event{std::move(*channel), std::move(*type), std::move(*data)};
}

void logWarn(const std::string& event, const std::string& message) {
  http::logJsonLine({{"level", "warn"},
                     {"event", event},
                     {"component", "redis_event_bus"},
                     {"message", message}});
}

}  // namespace

RedisEventBus::RedisEventBus(RedisUrl url, RedisOptions redis, RedisEventBusOptions options)
    : m_options(std::move(options)),
      m_channel(m_options.prefix + ":events"),
      m_publisher(url, redis),
      m_subscriber(url, redis) {
  m_thread = std::thread([this] { listen(); });
}

RedisEventBus::~RedisEventBus() {
  m_stopping = true;
  if (m_thread.joinable()) m_thread.join();
}

void RedisEventBus::subscribe(Subscriber subscriber) {
  std::lock_guard lock(m_mutex);
  m_subscribers.push_back(std::move(subscriber));
}

void RedisEventBus::deliver(const live::Event& event) {
  std::vector<Subscriber> subscribers;
  {
    std::lock_guard lock(m_mutex);
    subscribers = m_subscribers;
  }
  for (const Subscriber& subscriber : subscribers) {
    try {
      subscriber(event);
    } catch (const std::exception& e) {
      logWarn("event_subscriber_failed", e.what());
    } catch (...) {
      logWarn("event_subscriber_failed", "unknown exception");
    }
  }
}

void RedisEventBus::publish(const live::Event& event) {
  auto published = m_publisher.command({"PUBLISH", m_channel, encode(event)});
  if (published) return;  // this replica hears it through its own subscription
  logWarn("event_publish_failed", published.error().message + " (delivered on this replica only)");
  deliver(event);
}

void RedisEventBus::listen() {
  auto backoff = std::chrono::milliseconds(50);
  const auto sleepBackoff = [&] {
    const auto until = std::chrono::steady_clock::now() + backoff;
    while (!m_stopping && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    backoff = std::min(backoff * 2, m_options.maxBackoff);
  };
  bool subscribed = false;
  while (!m_stopping) {
    if (!subscribed) {
      if (auto sent = m_subscriber.send({"SUBSCRIBE", m_channel}); !sent) {
        sleepBackoff();
        continue;
      }
      subscribed = true;
    }
    auto reply = m_subscriber.read(std::chrono::milliseconds(100));
    if (!reply) {
      if (m_listening) logWarn("event_subscription_lost", reply.error().message);
      m_listening = false;
      subscribed = false;
      m_subscriber.disconnect();
      sleepBackoff();
      continue;
    }
    if (!*reply) continue;
    const RedisReply& message = **reply;
    // ["subscribe", channel, count] or ["message", channel, payload]
    if (message.elements.size() < 3) continue;
    const std::string& kind = message.elements[0].str;
    if (kind == "subscribe") {
      m_listening = true;
      backoff = std::chrono::milliseconds(50);
      continue;
    }
    if (kind != "message") continue;
    if (auto event = decode(message.elements[2].str)) {
      deliver(*event);
    } else {
      logWarn("event_malformed", "a message on " + m_channel + " is not an event");
    }
  }
}

}  // namespace arena::server::scaleout
