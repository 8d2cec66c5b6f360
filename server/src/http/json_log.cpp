#include "json_log.hpp"

#include <chrono>
#include <string>

#include <unistd.h>

#include "arena/core/timestamp.hpp"

namespace arena::server::http {

void logJsonLine(nlohmann::json event) {
  if (!event.contains("ts")) {
    event["ts"] = formatTimestamp(
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  }
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line.push_back('\n');
  const char* data = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t wrote = ::write(STDERR_FILENO, data, left);
    if (wrote <= 0) return;  // stderr gone: logging must never take the server down
    data += wrote;
    left -= static_cast<std::size_t>(wrote);
  }
}

}  // namespace arena::server::http
