#pragma once
// Reading a request body whose size the sender controls: never more than a limit in memory.

#include <cstddef>
#include <istream>
#include <string>

namespace arena {

// Reads `in` to its end keeping at most `limit` bytes. When there is more, the result is empty
// and `over` is set; up to `drainBytes` more are read and dropped first, so that a client that
// is nearly done sending gets the answer (a 413) instead of a connection reset.
std::string readBounded(std::istream& in, std::size_t limit, bool& over,
                        std::size_t drainBytes = 1024 * 1024);

}  // namespace arena
