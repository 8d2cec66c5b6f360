#pragma once
// Base64url without padding (RFC 4648 section 5), the alphabet of JWT segments and of our opaque
// refresh tokens. Decoding is strict because it guards authentication: padding, characters outside
// the alphabet, an impossible length or non-zero unused bits are all refused, so each byte string
// has exactly one accepted spelling.

#include <optional>
#include <string>
#include <string_view>

namespace arena::server::auth {

std::string base64UrlEncode(std::string_view bytes);

// nullopt for anything that is not the canonical unpadded encoding of some byte string.
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace arena::server::auth
