#include "features/contests/address_range.hpp"

#include <gtest/gtest.h>

namespace arena::server::contests {
namespace {

TEST(AddressRangeTest, Ipv4RangesMatchTheirPrefixOnly) {
  auto lab = AddressRange::parse("10.1.0.0/16");
  ASSERT_TRUE(lab.has_value()) << lab.error().message;
  EXPECT_TRUE(lab->contains("10.1.0.1"));
  EXPECT_TRUE(lab->contains("10.1.255.254"));
  EXPECT_FALSE(lab->contains("10.2.0.1"));
  EXPECT_FALSE(lab->contains("192.168.1.1"));
}

TEST(AddressRangeTest, OddPrefixLengthsMaskPartialBytes) {
  auto range = AddressRange::parse("192.168.1.128/25");
  ASSERT_TRUE(range.has_value());
  EXPECT_TRUE(range->contains("192.168.1.200"));
  EXPECT_FALSE(range->contains("192.168.1.127"));
}

TEST(AddressRangeTest, ASingleAddressAndTheWholeSpace) {
  auto one = AddressRange::parse("127.0.0.1");
  ASSERT_TRUE(one.has_value());
  EXPECT_TRUE(one->contains("127.0.0.1"));
  EXPECT_FALSE(one->contains("127.0.0.2"));
  auto all = AddressRange::parse("0.0.0.0/0");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->contains("8.8.8.8"));
}

TEST(AddressRangeTest, MappedIpv6PeersMatchIpv4RangesAndIpv6RangesWork) {
  auto lab = AddressRange::parse("10.1.0.0/16");
  ASSERT_TRUE(lab.has_value());
  EXPECT_TRUE(lab->contains("::ffff:10.1.2.3"));
  auto v6 = AddressRange::parse("2001:db8::/32");
  ASSERT_TRUE(v6.has_value());
  EXPECT_TRUE(v6->contains("2001:db8:1::5"));
  EXPECT_FALSE(v6->contains("2001:db9::5"));
  EXPECT_FALSE(v6->contains("10.1.2.3"));
}

TEST(AddressRangeTest, GarbageIsRefusedAndMatchesNothing) {
  for (const char* bad : {"", "10.1.0.0/", "10.1.0.0/33", "10.1.0.0/-1", "10.1.0.0/1x",
                          "not-an-ip/8", "300.1.1.1/8", "2001:db8::/129", "10.1.0.0/16/2"}) {
    EXPECT_FALSE(AddressRange::parse(bad).has_value()) << bad;
  }
  auto lab = AddressRange::parse("10.1.0.0/16");
  ASSERT_TRUE(lab.has_value());
  EXPECT_FALSE(lab->contains(""));
  EXPECT_FALSE(lab->contains("10.1.x.1"));
  EXPECT_FALSE(lab->contains(std::string(1000, '1')));
}

}  // namespace
}  // namespace arena::server::contests
