#include "http/metrics.hpp"

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

bool hasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string got; std::getline(in, got);) {
    if (got == line) return true;
  }
  return false;
}

TEST(MetricsTest, RequestCounterIsDescribedAndLabelledByRouteMethodStatus) {
  Metrics metrics;
  metrics.observeRequest("/api/problems/{slug}", "GET", 200, 0.003);
  metrics.observeRequest("/api/problems/{slug}", "GET", 200, 0.004);
  metrics.observeRequest("/api/problems/{slug}", "GET", 404, 0.001);
  const std::string text = metrics.render();
  EXPECT_TRUE(hasLine(text, "# TYPE arena_http_requests_total counter")) << text;
  EXPECT_TRUE(hasLine(text,
                      "# HELP arena_http_requests_total HTTP requests by route pattern, "
                      "method and status"));
  EXPECT_TRUE(hasLine(
      text,
      R"(arena_http_requests_total{route="/api/problems/{slug}",method="GET",status="200"} 2)"))
      << text;
  EXPECT_TRUE(hasLine(
      text,
      R"(arena_http_requests_total{route="/api/problems/{slug}",method="GET",status="404"} 1)"));
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics metrics;
  // Binary fractions, so the sum is exact.
  metrics.observeRequest("r", "GET", 200, 0.0009765625);  // le 0.001 and up
  metrics.observeRequest("r", "GET", 200, 0.00390625);    // le 0.005 and up
  metrics.observeRequest("r", "GET", 500, 0.25);          // le 0.25 (bounds are inclusive)
  metrics.observeRequest("r", "GET", 200, 7.0);           // only +Inf
  const std::string text = metrics.render();
  const std::string prefix =
      R"(arena_http_request_duration_seconds_bucket{route="r",method="GET",le=")";
  EXPECT_TRUE(hasLine(text, "# TYPE arena_http_request_duration_seconds histogram"));
  EXPECT_TRUE(hasLine(text, prefix + "0.001\"} 1")) << text;
  EXPECT_TRUE(hasLine(text, prefix + "0.0025\"} 1"));
  EXPECT_TRUE(hasLine(text, prefix + "0.005\"} 2"));
  EXPECT_TRUE(hasLine(text, prefix + "0.1\"} 2"));
  EXPECT_TRUE(hasLine(text, prefix + "0.25\"} 3"));
  EXPECT_TRUE(hasLine(text, prefix + "0.5\"} 3"));
  EXPECT_TRUE(hasLine(text, prefix + "2.5\"} 3"));
  EXPECT_TRUE(hasLine(text, prefix + "+Inf\"} 4"));
  EXPECT_TRUE(
      hasLine(text, R"(arena_http_request_duration_seconds_count{route="r",method="GET"} 4)"));
  EXPECT_TRUE(hasLine(
      text, R"(arena_http_request_duration_seconds_sum{route="r",method="GET"} 7.2548828125)"))
      << text;
}

TEST(MetricsTest, EveryDeclaredBoundAppearsInOrder) {
  Metrics metrics;
  metrics.observeRequest("r", "GET", 200, 0.01);
  const std::string text = metrics.render();
  std::size_t last = 0;
  for (const char* le : {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                         "1", "2.5", "+Inf"}) {
    const auto at = text.find(std::string("le=\"") + le + "\"");
    ASSERT_NE(at, std::string::npos) << le;
    EXPECT_GT(at, last) << le;
    last = at;
  }
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.increment("arena_odd_total", {{"value", "a\\b\"c\nd"}});
  const std::string text = metrics.render();
  EXPECT_NE(text.find(R"(arena_odd_total{value="a\\b\"c\nd"} 1)"), std::string::npos) << text;
}

TEST(MetricsTest, DescribedCountersGetHelpAndTypeUndescribedAreUntyped) {
  Metrics metrics;
  metrics.describe("arena_verdicts_total", "Judged submissions\nby verdict", MetricType::Counter);
  metrics.increment("arena_verdicts_total", {{"verdict", "AC"}});
  metrics.increment("arena_verdicts_total", {{"verdict", "AC"}}, 2);
  metrics.increment("arena_plain_total");
  const std::string text = metrics.render();
  EXPECT_TRUE(hasLine(text, "# HELP arena_verdicts_total Judged submissions\\nby verdict"));
  EXPECT_TRUE(hasLine(text, "# TYPE arena_verdicts_total counter"));
  EXPECT_TRUE(hasLine(text, R"(arena_verdicts_total{verdict="AC"} 3)"));
  EXPECT_TRUE(hasLine(text, "# TYPE arena_plain_total untyped"));
  EXPECT_TRUE(hasLine(text, "arena_plain_total 1"));
}

TEST(MetricsTest, GaugesAreReadAtRenderTimeAndMayUseMetricsThemselves) {
  Metrics metrics;
  double depth = 3;
  metrics.gauge("arena_judge_queue_depth", "Submissions waiting", [&] { return depth; });
  metrics.gauge("arena_reentrant", "Calls back into metrics", [&] {
    metrics.increment("arena_side_total");  // would deadlock if called under the lock
    return 1.0;
  });
  metrics.gauge("arena_broken", "Throws", []() -> double { throw std::runtime_error("x"); });
  EXPECT_TRUE(hasLine(metrics.render(), "arena_judge_queue_depth 3"));
  depth = 5.5;
  const std::string text = metrics.render();
  EXPECT_TRUE(hasLine(text, "# TYPE arena_judge_queue_depth gauge"));
  EXPECT_TRUE(hasLine(text, "arena_judge_queue_depth 5.5"));
  EXPECT_TRUE(hasLine(text, "arena_broken NaN"));
}

TEST(MetricsTest, EveryLineIsACommentOrASample) {
  Metrics metrics;
  metrics.observeRequest("/api/x", "POST", 201, 0.02);
  metrics.increment("arena_a_total", {{"k", "v"}});
  std::istringstream in(metrics.render());
  for (std::string line; std::getline(in, line);) {
    ASSERT_FALSE(line.empty());
    if (line[0] == '#') continue;
    const auto space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    EXPECT_NO_THROW((void)std::stod(line.substr(space + 1))) << line;
  }
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) metrics.observeRequest("r", "GET", 200, 0.001);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_TRUE(hasLine(metrics.render(),
                      R"(arena_http_requests_total{route="r",method="GET",status="200"} 8000)"));
}

}  // namespace
}  // namespace arena::server::http
