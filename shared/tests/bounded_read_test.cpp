#include "arena/core/bounded_read.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace arena {
namespace {

TEST(BoundedReadTest, ABodyWithinTheLimitIsReadWhole) {
  std::istringstream in(std::string(200'000, 'x'));
  bool over = true;
  EXPECT_EQ(readBounded(in, 200'000, over).size(), 200'000U);
  EXPECT_FALSE(over);
}

TEST(BoundedReadTest, ABodyOverTheLimitIsDroppedAndFlagged) {
  std::istringstream in(std::string(100'001, 'x'));
  bool over = false;
  EXPECT_TRUE(readBounded(in, 100'000, over).empty());
  EXPECT_TRUE(over);
}

TEST(BoundedReadTest, DrainingStopsAfterTheDrainAllowance) {
  std::istringstream in(std::string(10 * 1024 * 1024, 'x'));
  bool over = false;
  EXPECT_TRUE(readBounded(in, 1024, over, 256 * 1024).empty());
  EXPECT_TRUE(over);
  // What is left unread stays in the stream: the caller closes the connection.
  EXPECT_GT(in.rdbuf()->in_avail(), 9 * 1024 * 1024);
}

TEST(BoundedReadTest, AnEmptyBodyIsEmptyAndNotOver) {
  std::istringstream in;
  bool over = true;
  EXPECT_TRUE(readBounded(in, 0, over).empty());
  EXPECT_FALSE(over);
}

}  // namespace
}  // namespace arena
