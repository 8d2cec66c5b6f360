#include "features/auth/base64url.hpp"

#include <string>

#include <gtest/gtest.h>

namespace arena::server::auth {
namespace {

TEST(Base64UrlTest, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64UrlEncode(""), "");
  EXPECT_EQ(base64UrlEncode("f"), "Zg");
  EXPECT_EQ(base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64UrlTest, UsesTheUrlAlphabet) {
  EXPECT_EQ(base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
}

TEST(Base64UrlTest, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t length = 0; length <= bytes.size(); length += 37) {
    const auto part = bytes.substr(0, length);
    EXPECT_EQ(base64UrlDecode(base64UrlEncode(part)), part) << length;
  }
}

TEST(Base64UrlTest, RefusesPaddingAndForeignCharacters) {
  EXPECT_FALSE(base64UrlDecode("Zg=="));
  EXPECT_FALSE(base64UrlDecode("Zm8="));
  EXPECT_FALSE(base64UrlDecode("Zm+v"));  // standard alphabet, not url
  EXPECT_FALSE(base64UrlDecode("Zm/v"));
  EXPECT_FALSE(base64UrlDecode("Zm9 v"));
  EXPECT_FALSE(base64UrlDecode(std::string("Zm\0v", 4)));
}

TEST(Base64UrlTest, RefusesImpossibleLengthsAndNonCanonicalSpellings) {
  EXPECT_FALSE(base64UrlDecode("Z"));
  EXPECT_FALSE(base64UrlDecode("Zm9vY"));
  // "Zh" would decode to "f" as well as "Zg" if the unused bits were ignored.
  EXPECT_FALSE(base64UrlDecode("Zh"));
  EXPECT_EQ(base64UrlDecode("Zg"), "f");
}

}  // namespace
}  // namespace arena::server::auth
