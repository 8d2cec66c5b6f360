#include "request_id.hpp"

#include <random>

namespace arena::server::http {

bool isSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string generateRequestId() {
  // Unguessability is not needed, only uniqueness: a per-thread engine seeded once.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = engine();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

void ensureRequestId(Request& request) {
  if (isSaneRequestId(request.requestId)) return;
  const std::string_view incoming = request.header("x-request-id");
  request.requestId = isSaneRequestId(incoming) ? std::string(incoming) : generateRequestId();
}

}  // namespace arena::server::http
