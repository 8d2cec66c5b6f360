#include "features/contests/address_range.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace arena::server::contests {

namespace {

struct Parsed {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};

bool parseAddress(std::string_view text, Parsed& out) {
  if (text.empty() || text.size() > 64) return false;
  const std::string copy{text};
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1) {
    std::memcpy(out.bytes.data(), &v4, 4);
    out.v4 = true;
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) != 1) return false;
  std::memcpy(out.bytes.data(), &v6, 16);
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(out.bytes.data(), kMapped, 12) == 0) {
    std::memmove(out.bytes.data(), out.bytes.data() + 12, 4);
    std::memset(out.bytes.data() + 4, 0, 12);
    out.v4 = true;
  }
  return true;
}

bool samePrefix(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                int prefix) {
  int bits = prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask =
        bits >= 8 ? std::uint8_t{0xff} : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

}  // namespace

Result<AddressRange> AddressRange::parse(std::string_view cidr) {
  const auto slash = cidr.find('/');
  const auto addressText = cidr.substr(0, slash);
  Parsed parsed;
  if (!parseAddress(addressText, parsed))
    return fail(ErrorCode::InvalidArgument,
                "'" + std::string(cidr.substr(0, 64)) + "' is not an address range (CIDR)");
  const int maxPrefix = parsed.v4 ? 32 : 128;
  int prefix = maxPrefix;
  if (slash != std::string_view::npos) {
    const auto digits = cidr.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > maxPrefix)
      return fail(ErrorCode::InvalidArgument, "the prefix length of '" +
                                                  std::string(cidr.substr(0, 64)) +
                                                  "' must be 0.." + std::to_string(maxPrefix));
  }
  AddressRange range;
  range.m_bytes = parsed.bytes;
  range.m_v4 = parsed.v4;
  range.m_prefix = prefix;
  range.m_text = std::string(cidr);
  return range;
}

bool AddressRange::contains(std::string_view address) const {
  Parsed parsed;
  if (!parseAddress(address, parsed) || parsed.v4 != m_v4) return false;
  return samePrefix(parsed.bytes, m_bytes, m_prefix);
}

}  // namespace arena::server::contests
