#include "run_request.hpp"

#include <cstring>

namespace arena::sandbox::detail {

namespace {

class Writer {
 public:
  void u64(std::uint64_t v) { m_out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    u64(s.size());
    m_out += s;
  }
  void strings(const std::vector<std::string>& list) {
    u64(list.size());
    for (const auto& s : list) {
      str(s);
    }
  }
  std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : m_in(in) {}
  bool u64(std::uint64_t& v) {
    if (m_in.size() - m_pos < sizeof v) {
      return false;
    }
    std::memcpy(&v, m_in.data() + m_pos, sizeof v);
    m_pos += sizeof v;
    return true;
  }
  bool u32(std::uint32_t& v) {
    std::uint64_t wide = 0;
    if (!u64(wide) || wide > UINT32_MAX) {
      return false;
    }
    v = static_cast<std::uint32_t>(wide);
    return true;
  }
  bool str(std::string& s) {
    std::uint64_t n = 0;
    if (!u64(n) || n > m_in.size() - m_pos) {
      return false;
    }
    s.assign(m_in, m_pos, n);
    m_pos += n;
    return true;
  }
  bool strings(std::vector<std::string>& list) {
    std::uint64_t n = 0;
    if (!u64(n) || n > m_in.size()) {
      return false;
    }
    list.resize(n);
    for (auto& s : list) {
      if (!str(s)) {
        return false;
      }
    }
    return true;
  }

 private:
  const std::string& m_in;
  std::size_t m_pos = 0;
};

}  // namespace

std::string encodeRequest(const RunRequest& r) {
  Writer w;
  w.strings(r.argv);
  w.strings(r.env);
  w.u64(r.dirs.size());
  for (const auto& d : r.dirs) {
    w.str(d.host);
    w.str(d.box);
    w.u64(d.writable ? 1 : 0);
  }
  w.str(r.workdir);
  w.u64(r.cpuTimeMs);
  w.u64(r.memoryKb);
  w.u64(r.outputKb);
  w.u64(r.stackKb);
  w.u64(r.processes);
  w.u64(r.openFiles);
  w.u64(r.rlimitMode ? 1 : 0);
  return w.take();
}

Result<RunRequest> decodeRequest(const std::string& bytes) {
  Reader in(bytes);
  RunRequest r;
  std::uint64_t dirCount = 0;
  bool good = in.strings(r.argv) && in.strings(r.env) && in.u64(dirCount) &&
              dirCount <= bytes.size();
  for (std::uint64_t i = 0; good && i < dirCount; ++i) {
    BindDir d;
    std::uint64_t rw = 0;
    good = in.str(d.host) && in.str(d.box) && in.u64(rw);
    d.writable = rw != 0;
    r.dirs.push_back(std::move(d));
  }
  std::uint64_t rlimitMode = 0;
  good = good && in.str(r.workdir) && in.u64(r.cpuTimeMs) && in.u64(r.memoryKb) &&
         in.u64(r.outputKb) && in.u64(r.stackKb) && in.u32(r.processes) &&
         in.u32(r.openFiles) && in.u64(rlimitMode);
  if (!good) {
    return fail(ErrorCode::Internal, "malformed run request");
  }
  r.rlimitMode = rlimitMode != 0;
  return r;
}

}  // namespace arena::sandbox::detail
