// Names of statuses and isolation modes, and the HOST[:BOX][:rw] bind syntax.

#include "arena/sandbox/sandbox.hpp"

namespace arena::sandbox {

std::string_view statusName(Status s) {
  switch (s) {
    case Status::OK: return "OK";
    case Status::RE: return "RE";
    case Status::TLE: return "TLE";
    case Status::MLE: return "MLE";
    case Status::OLE: return "OLE";
    case Status::SV: return "SV";
    case Status::XX: return "XX";
  }
  return "XX";
}

std::string_view isolationName(Isolation i) {
  switch (i) {
    case Isolation::Cgroup2: return "cgroup2";
    case Isolation::Cgroup1: return "cgroup1";
    case Isolation::Rlimit: return "rlimit";
  }
  return "rlimit";
}

Result<BindDir> BindDir::parse(std::string_view text) {
  BindDir dir;
  std::string_view rest = text;
  auto next = [&rest]() {
    auto colon = rest.find(':');
    std::string_view part = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    return part;
  };
  bool more = true;
  dir.host = std::string(next());
  more = !rest.empty() || text.find(':') != std::string_view::npos;
  if (more) {
    std::string_view second = next();
    if (second == "rw" && rest.empty()) {
      dir.writable = true;
    } else {
      dir.box = std::string(second);
      if (!rest.empty()) {
        std::string_view third = next();
        if (third != "rw" || !rest.empty()) {
          return fail(ErrorCode::InvalidArgument, "bad --dir option '" + std::string(text) +
                                                      "': expected HOST[:BOX][:rw]");
        }
        dir.writable = true;
      }
    }
  }
  auto absolute = [](const std::string& p) { return !p.empty() && p[0] == '/'; };
  if (!absolute(dir.host) || (!dir.box.empty() && !absolute(dir.box)) ||
      dir.host.find("..") != std::string::npos || dir.box.find("..") != std::string::npos) {
    return fail(ErrorCode::InvalidArgument,
                "bad --dir option '" + std::string(text) + "': paths must be absolute, no '..'");
  }
  return dir;
}

}  // namespace arena::sandbox
