// Theory of operation: see hub.hpp.
#include "live/hub.hpp"

#include <algorithm>

#include "live/client_protocol.hpp"
#include "live/reactor.hpp"
#include "live/ws_frame.hpp"

namespace arena::server::live {

Hub::Hub(HubOptions options)
    : m_options(std::move(options)), m_counters(std::make_shared<Counters>()) {}

Result<std::unique_ptr<Hub>> Hub::start(HubOptions options) {
  options.reactors = std::max(1, options.reactors);
  options.queueFrames = std::max<std::size_t>(1, options.queueFrames);
  std::unique_ptr<Hub> hub(new Hub(std::move(options)));
  for (int i = 0; i < hub->m_options.reactors; ++i) {
    auto reactor = std::make_unique<Reactor>(hub->m_options, hub->m_counters);
    if (auto started = reactor->start(); !started) return std::unexpected(started.error());
    hub->m_reactors.push_back(std::move(reactor));
  }
  if (http::Metrics* metrics = hub->m_options.metrics) {
    metrics->describe("arena_ws_dropped_total",
                      "Live connections closed by the server: slow (queue full) or silent",
                      http::MetricType::Counter);
    // The gauge holds the counters, not the hub: a scrape after the hub is gone reads zero.
    metrics->gauge("arena_ws_clients", "Open live (WebSocket) connections",
                   [counters = hub->m_counters] {
                     return static_cast<double>(counters->clients.load());
                   });
  }
  return hub;
}

Hub::~Hub() { stop(); }

void Hub::adopt(std::unique_ptr<http::UpgradedSocket> socket, const http::Principal& who) {
  if (m_stopped.load()) return;
  const std::size_t index = m_next.fetch_add(1, std::memory_order_relaxed) % m_reactors.size();
  m_reactors[index]->postAdopt(std::move(socket), who);
}

void Hub::publish(const Event& event) {
  if (m_stopped.load()) return;
  // One serialisation per event, whatever the number of listeners.
  const auto frame =
      std::make_shared<const std::string>(buildFrame(Opcode::Text, eventText(event.type, event.data)));
  for (const auto& reactor : m_reactors) reactor->postFrame(event.channel, frame);
}

void Hub::stop() {
  if (m_stopped.exchange(true)) return;
  for (const auto& reactor : m_reactors) reactor->stop();
}

std::size_t Hub::clients() const {
  return static_cast<std::size_t>(std::max<std::int64_t>(0, m_counters->clients.load()));
}

std::uint64_t Hub::droppedSlow() const { return m_counters->droppedSlow.load(); }

}  // namespace arena::server::live
