#pragma once
// The live channel's spine: whatever happens that a screen should show at once (a submission's
// progress and verdict, a leaderboard change, later scoreboards, matches and announcements) is
// published here as an Event, and every WebSocket hub of every replica hears it.
//
// Channels name who may hear an event:
//   "user:<id>"      that user's own submissions and matches (a connection is always on its own)
//   "submissions"    every submission's progress and verdict (proctors and admins only)
//   "leaderboard"    leaderboard changes (anyone)
//   "broadcast"      announcements to everyone connected
// Later features add "contest:<id>" and "match:<id>".
//
// Embedded default: InProcessEventBus calls subscribers on the publisher's thread. With Redis,
// events fan out to every replica through pub/sub. Either way publish() never waits for a slow
// client: subscribers only queue the event (the hub owns per-client bounded queues).

#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace arena::server::live {

struct Event {
  std::string channel;
  std::string type;  // e.g. "submission.verdict"
  std::string data;  // serialised JSON object: the "data" of the frame clients receive
};

class EventBus {
 public:
  using Subscriber = std::function<void(const Event&)>;
  virtual ~EventBus() = default;
  // Delivers `event` to every subscriber of every replica; never blocks on a subscriber.
  virtual void publish(const Event& event) = 0;
  // Adds a subscriber for every event published from now on (set up once at start-up, before
  // any publish).
  virtual void subscribe(Subscriber subscriber) = 0;
};

class InProcessEventBus final : public EventBus {
 public:
  void publish(const Event& event) override {
    std::vector<Subscriber> subscribers;
    {
      std::lock_guard lock(m_mutex);
      subscribers = m_subscribers;
    }
    for (const Subscriber& subscriber : subscribers) subscriber(event);
  }
  void subscribe(Subscriber subscriber) override {
    std::lock_guard lock(m_mutex);
    m_subscribers.push_back(std::move(subscriber));
  }

 private:
  std::mutex m_mutex;
  std::vector<Subscriber> m_subscribers;
};

}  // namespace arena::server::live
