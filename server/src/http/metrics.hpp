#pragma once
// Prometheus metrics of one server process, rendered as the text exposition format at /metrics.
// Thread-safe; cheap enough to call on every request.
//
//   metrics.describe("arena_verdicts_total", "Judged submissions by verdict", MetricType::Counter);
//   metrics.increment("arena_verdicts_total", {{"verdict", "AC"}});
//   metrics.gauge("arena_judge_queue_depth", "Submissions waiting", [&] { return queue.size(); });

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arena::server::http {

enum class MetricType { Counter, Gauge, Histogram };
using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  Metrics();

  // Declares a metric's HELP and TYPE lines; undeclared counters render as untyped counters.
  void describe(const std::string& name, const std::string& help, MetricType type);
  void increment(const std::string& name, const Labels& labels = {}, double by = 1);
  // A gauge read when /metrics is scraped.
  void gauge(const std::string& name, const std::string& help, std::function<double()> read);
  // Request counters by route pattern, method and status, and the latency histogram.
  void observeRequest(std::string_view route, std::string_view method, int status, double seconds);

  std::string render() const;

  // Upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
  static const std::vector<double>& latencyBounds();

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts per bound in latencyBounds()
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex m_mutex;
  std::map<std::string, std::pair<std::string, MetricType>> m_descriptions;
  std::map<std::string, std::map<Labels, double>> m_counters;
  std::map<std::string, std::pair<std::string, std::function<double()>>> m_gauges;
  std::map<Labels, Histogram> m_latency;  // by route and method
  // observeRequest's fast path: "route method status" -> the two series it updates (map nodes
  // do not move), so a request already seen costs one lookup and no allocation.
  struct RequestSlot {
    double* count = nullptr;
    Histogram* latency = nullptr;
  };
  std::map<std::string, RequestSlot, std::less<>> m_requestSlots;
};

}  // namespace arena::server::http
