#include "arena/core/bounded_read.hpp"

#include <vector>

namespace arena {

std::string readBounded(std::istream& in, std::size_t limit, bool& over, std::size_t drainBytes) {
  std::string body;
  std::vector<char> buffer(64 * 1024);
  over = false;
  std::size_t dropped = 0;
  while (in && dropped < drainBytes) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (over || body.size() + got > limit) {
      over = true;
      dropped += got;
      continue;
    }
    body.append(buffer.data(), got);
  }
  if (over) body.clear();
  return body;
}

}  // namespace arena
