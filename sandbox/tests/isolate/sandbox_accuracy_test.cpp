// Accuracy of the accounting: CPU summed over threads, memory summed over processes.

#include "test_support.hpp"

namespace arena::sandbox::test {
namespace {

class AccuracyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto box = Sandbox::create(testOptions());
    ASSERT_TRUE(box.has_value()) << box.error().message;
    m_box.emplace(std::move(*box));
    if (m_box->isolation() == Isolation::Rlimit) {
      GTEST_SKIP() << "no cgroups on this host: accounting is per process";
    }
  }
  std::optional<Sandbox> m_box;
};

TEST_F(AccuracyTest, OneSecondBusyLoopReportsOneSecond) {
  auto spec = helperSpec({"spin", "1000"});
  spec.cpuTimeMs = 3000;
  spec.wallTimeMs = 10000;
  auto r = m_box->run(spec);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, Status::OK) << r->message;
  EXPECT_GE(r->cpuMs, 950u);
  EXPECT_LE(r->cpuMs, 1050u);
}

TEST_F(AccuracyTest, TwoThreadsOfHalfASecondReportOneSecond) {
  auto spec = helperSpec({"spin_threads", "2", "500"});
  spec.cpuTimeMs = 3000;
  spec.wallTimeMs = 10000;
  auto r = m_box->run(spec);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, Status::OK) << r->message;
  EXPECT_GE(r->cpuMs, 950u);
  EXPECT_LE(r->cpuMs, 1050u);
}

TEST_F(AccuracyTest, FourProcessesOfSixtyMegabytesReportTheSum) {
  auto spec = helperSpec({"memory_procs", "4", "60"});
  spec.memoryKb = 512 * 1024;
  auto r = m_box->run(spec);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->status, Status::OK) << r->message;
  EXPECT_GE(r->memoryKb, 240u * 1024);
  EXPECT_LE(r->memoryKb, 264u * 1024) << "more than 10% over the sum";
}

}  // namespace
}  // namespace arena::sandbox::test
