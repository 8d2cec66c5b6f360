// Theory of operation: counters and histograms live in ordered maps under one mutex, so a
// render is a single walk that produces stable, sorted output. Gauges are callbacks; they are
// copied out and called without the lock so a gauge may itself touch Metrics (or block)
// without deadlocking the request path. Text exposition format 0.0.4:
//   # HELP name text          (backslash and newline escaped)
//   # TYPE name counter|gauge|histogram|untyped
//   name{label="value"} 1     (backslash, quote and newline escaped in values)
#include "metrics.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace arena::server::http {

namespace {

constexpr const char* kRequestsTotal = "arena_http_requests_total";
constexpr const char* kRequestDuration = "arena_http_request_duration_seconds";

std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) return "NaN";
  return std::string(buffer, end);
}

std::string escapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

std::string escapeHelp(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

// {a="1",b="2"} plus an optional trailing label (the histogram's le); "" for no labels.
std::string renderLabels(const Labels& labels, std::string_view extraName = {},
                         std::string_view extraValue = {}) {
  if (labels.empty() && extraName.empty()) return "";
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name + "=\"" + escapeLabelValue(value) + '"';
  }
  if (!extraName.empty()) {
    if (!first) out += ',';
    out += std::string(extraName) + "=\"" + std::string(extraValue) + '"';
  }
  out += '}';
  return out;
}

std::string_view typeName(MetricType type) {
  switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
  }
  return "untyped";
}

}  // namespace

const std::vector<double>& Metrics::latencyBounds() {
  static const std::vector<double> bounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                          0.1,   0.25,   0.5,   1,    2.5};
  return bounds;
}

Metrics::Metrics() {
  describe(kRequestsTotal, "HTTP requests by route pattern, method and status",
           MetricType::Counter);
  describe(kRequestDuration, "HTTP request latency by route pattern and method",
           MetricType::Histogram);
}

void Metrics::describe(const std::string& name, const std::string& help, MetricType type) {
  std::lock_guard lock(m_mutex);
  m_descriptions[name] = {help, type};
}

void Metrics::increment(const std::string& name, const Labels& labels, double by) {
  std::lock_guard lock(m_mutex);
  m_counters[name][labels] += by;
}

void Metrics::gauge(const std::string& name, const std::string& help,
                    std::function<double()> read) {
  std::lock_guard lock(m_mutex);
  m_gauges[name] = {help, std::move(read)};
}

void Metrics::observeRequest(std::string_view route, std::string_view method, int status,
                             double seconds) {
  // The slot key, built without allocating (routes are patterns: short and few).
  std::array<char, 256> buffer{};
  std::size_t length = 0;
  auto append = [&](std::string_view part) {
    const std::size_t n = std::min(part.size(), buffer.size() - length);
    std::copy_n(part.data(), n, buffer.data() + length);
    length += n;
  };
  append(route);
  append(" ");
  append(method);
  append(" ");
  std::array<char, 12> digits{};
  const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), status);
  append(std::string_view(digits.data(), ec == std::errc{} ? static_cast<std::size_t>(end - digits.data()) : 0));
  const std::string_view slotKey(buffer.data(), length);
  const auto& bounds = latencyBounds();

  std::lock_guard lock(m_mutex);
  auto slot = m_requestSlots.find(slotKey);
  if (slot == m_requestSlots.end()) {
    const Labels key{{"route", std::string(route)}, {"method", std::string(method)}};
    Labels counterLabels = key;
    counterLabels.emplace_back("status", std::to_string(status));
    Histogram& created = m_latency[key];
    if (created.buckets.empty()) created.buckets.assign(bounds.size(), 0);
    slot = m_requestSlots
               .emplace(std::string(slotKey),
                        RequestSlot{&m_counters[kRequestsTotal][counterLabels], &created})
               .first;
  }
  *slot->second.count += 1;
  Histogram& histogram = *slot->second.latency;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (seconds <= bounds[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::render() const {
  std::string out;
  std::vector<std::pair<std::string, std::pair<std::string, std::function<double()>>>> gauges;
  {
    std::lock_guard lock(m_mutex);
    auto header = [&](const std::string& name, std::string_view fallbackType) {
      const auto described = m_descriptions.find(name);
      if (described != m_descriptions.end()) {
        out += "# HELP " + name + ' ' + escapeHelp(described->second.first) + '\n';
        out += "# TYPE " + name + ' ' + std::string(typeName(described->second.second)) + '\n';
      } else {
        out += "# TYPE " + name + ' ' + std::string(fallbackType) + '\n';
      }
    };
    for (const auto& [name, series] : m_counters) {
      header(name, "untyped");
      for (const auto& [labels, value] : series) {
        out += name + renderLabels(labels) + ' ' + formatNumber(value) + '\n';
      }
    }
    if (!m_latency.empty()) {
      const std::string name = kRequestDuration;
      header(name, "histogram");
      const auto& bounds = latencyBounds();
      for (const auto& [labels, histogram] : m_latency) {
        for (std::size_t i = 0; i < bounds.size(); ++i) {
          out += name + "_bucket" + renderLabels(labels, "le", formatNumber(bounds[i])) + ' ' +
                 std::to_string(histogram.buckets[i]) + '\n';
        }
        out += name + "_bucket" + renderLabels(labels, "le", "+Inf") + ' ' +
               std::to_string(histogram.count) + '\n';
        out += name + "_sum" + renderLabels(labels) + ' ' + formatNumber(histogram.sum) + '\n';
        out +=
            name + "_count" + renderLabels(labels) + ' ' + std::to_string(histogram.count) + '\n';
      }
    }
    gauges.assign(m_gauges.begin(), m_gauges.end());
  }
  for (const auto& [name, gauge] : gauges) {
    double value = 0;
    try {
      value = gauge.second ? gauge.second() : std::nan("");
    } catch (...) {
      value = std::nan("");  // a broken gauge must not break the scrape
    }
    out += "# HELP " + name + ' ' + escapeHelp(gauge.first) + '\n';
    out += "# TYPE " + name + " gauge\n";
    out += name + ' ' + formatNumber(value) + '\n';
  }
  return out;
}

}  // namespace arena::server::http
