#include "features/proctor/readable_password.hpp"

#include <sodium.h>

#include <cstdint>

#include "features/auth/secure_random.hpp"

namespace arena::server::proctor {

std::string readablePassword(std::size_t groups, std::size_t groupLength) {
  (void)auth::ensureSodiumReady();  // randombytes works without it, but sodium_init picks the source
  std::string password;
  password.reserve(groups * (groupLength + 1));
  for (std::size_t group = 0; group < groups; ++group) {
    if (group > 0) password += '-';
    for (std::size_t i = 0; i < groupLength; ++i) {
      password += kReadableAlphabet[randombytes_uniform(
          static_cast<std::uint32_t>(kReadableAlphabet.size()))];
    }
  }
  return password;
}

}  // namespace arena::server::proctor
