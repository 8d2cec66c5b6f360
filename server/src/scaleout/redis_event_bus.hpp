#pragma once
// live::EventBus across replicas through Redis pub/sub.
//
// Theory of operation
//   Every event goes to one Redis channel (<prefix>:events) as JSON {channel, type, data}; each
//   replica's bus has a subscriber thread with its own connection that hands every message to
//   the local subscribers (the hub, which only queues). A replica hears its own events the same
//   way, so each event is delivered once per replica.
//   Redis unreachable: publish() delivers to this replica's subscribers directly (its clients
//   still hear their own verdicts) and the subscriber thread reconnects with backoff.
//   Pub/sub is fire-and-forget: an event published while a replica is cut off is not replayed
//   to it; clients refetch state over REST when their socket reconnects (the live contract).

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "live/event_bus.hpp"
#include "scaleout/redis_client.hpp"

namespace arena::server::scaleout {

struct RedisEventBusOptions {
  std::string prefix = "arena";
  std::chrono::milliseconds maxBackoff{2000};
};

class RedisEventBus final : public live::EventBus {
 public:
  RedisEventBus(RedisUrl url, RedisOptions redis = {}, RedisEventBusOptions options = {});
  ~RedisEventBus() override;  // stops the subscriber thread
  RedisEventBus(const RedisEventBus&) = delete;
  RedisEventBus& operator=(const RedisEventBus&) = delete;

  void publish(const live::Event& event) override;
  void subscribe(Subscriber subscriber) override;

  // True once the subscriber thread is subscribed (tests wait for it before publishing).
  bool listening() const { return m_listening; }

 private:
  void listen();
  void deliver(const live::Event& event);

  RedisEventBusOptions m_options;
  std::string m_channel;
  RedisClient m_publisher;
  RedisClient m_subscriber;
  std::mutex m_mutex;
  std::vector<Subscriber> m_subscribers;
  std::atomic<bool> m_stopping{false};
  std::atomic<bool> m_listening{false};
  std::thread m_thread;
};

}  // namespace arena::server::scaleout
