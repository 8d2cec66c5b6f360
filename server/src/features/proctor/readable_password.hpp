#pragma once
// Passwords people read off a printed card and type on a lab keyboard: groups of letters and
// digits from an alphabet without the characters that look alike in common fonts
// (0/O/o, 1/l/I/i, and 5/S, 2/Z, 8/B), joined by hyphens: "k7xq-mw4t-hpa9".
// Each character is drawn uniformly from the OS CSPRNG (libsodium's randombytes_uniform), so
// 12 characters from 48 carry about 67 bits.

#include <cstddef>
#include <string>
#include <string_view>

namespace arena::server::proctor {

inline constexpr std::string_view kReadableAlphabet =
    "abcdefghjkmnpqrtuvwxyzACDEFGHJKLMNPQRTUVWXY34679";

// `groups` groups of `groupLength` characters, hyphen-separated.
std::string readablePassword(std::size_t groups = 3, std::size_t groupLength = 4);

}  // namespace arena::server::proctor
