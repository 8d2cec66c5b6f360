#pragma once
// An address range in CIDR notation ("10.1.0.0/16", "2001:db8::/32", or one address without a
// prefix length), to lock a contest to a lab's network. IPv4-mapped IPv6 peers
// ("::ffff:10.1.2.3", as a dual-stack socket reports them) match IPv4 ranges.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::server::contests {

class AddressRange {
 public:
  // InvalidArgument naming what is wrong ("bad address", "prefix length above 32").
  static Result<AddressRange> parse(std::string_view cidr);

  // False for anything that is not an address (an empty peer address included).
  bool contains(std::string_view address) const;
  const std::string& text() const { return m_text; }

 private:
  std::array<std::uint8_t, 16> m_bytes{};
  bool m_v4 = false;
  int m_prefix = 0;
  std::string m_text;
};

}  // namespace arena::server::contests
