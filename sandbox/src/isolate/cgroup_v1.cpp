// cgroup v1: one directory per controller (memory, cpuacct, pids) for each box slot.
//
// Theory of operation. v1 counters can be reset in place: writing 0 to
// memory.max_usage_in_bytes sets the peak to the current usage, writing 0 to cpuacct.usage
// zeroes the CPU counter. The OOM-kill count (memory.oom_control "oom_kill") cannot be reset,
// so prepare() records a baseline and usage() reports the difference. pids.max bounds the
// number of tasks (processes and threads). Nothing here is created per run.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <thread>

#include "cgroup.hpp"
#include "unique_fd.hpp"

namespace arena::sandbox::detail {

namespace {

class CgroupV1 final : public BoxCgroup {
 public:
  ~CgroupV1() override {
    m_keeper = -1;  // stopped by now
    (void)killAll();
    m_fds.clear();
    for (const auto& dir : m_dirs) {
      if (m_keep) {
        break;  // a reused cgroup (SandboxOptions::reuseCgroup) stays for the next user
      }
      for (int i = 0; i < 500 && ::rmdir(dir.c_str()) != 0 && errno == EBUSY; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
  }

  StepResult init(const CgroupHost& host, const std::string& name) {
    // Each directory is opened (made first if missing) and its files opened relative to it:
    // a cold `arena-sandbox run` opens all of these, and the long paths cost every time.
    UniqueFd dirFds[3];
    std::size_t i = 0;
    for (const std::string* parent : {&host.v1Memory, &host.v1Cpuacct, &host.v1Pids}) {
      std::string dir = *parent + "/" + name;
      UniqueFd& fd = dirFds[i++];
      fd.reset(::openat(AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      if (!fd.valid() && errno == ENOENT) {
        if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
          return sysFail("mkdir " + dir);
        }
        fd.reset(::openat(AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      }
      if (!fd.valid()) {
        return sysFail("open " + dir);
      }
      m_dirs.push_back(dir);
    }
    enum Dir : std::size_t { mem, cpu, pids };
    struct Want {
      UniqueFd* fd;
      Dir dir;
      const char* name;
      int flags;
      bool optional;
    };
    Want wants[] = {
        {&m_memLimit, mem, "memory.limit_in_bytes", O_RDWR, false},
        {&m_memswLimit, mem, "memory.memsw.limit_in_bytes", O_RDWR, true},
        {&m_memPeak, mem, "memory.max_usage_in_bytes", O_RDWR, false},
        {&m_memUsage, mem, "memory.usage_in_bytes", O_RDONLY, false},
        {&m_oomControl, mem, "memory.oom_control", O_RDONLY, false},
        {&m_cpuUsage, cpu, "cpuacct.usage", O_RDWR, false},
        {&m_pidsMax, pids, "pids.max", O_RDWR, false},
        {&m_pidsCurrent, pids, "pids.current", O_RDONLY, false},
    };
    for (auto& want : wants) {
      int fd = ::openat(dirFds[want.dir].get(), want.name, want.flags | O_CLOEXEC);
      if (fd < 0 && !want.optional) {
        return sysFail("open " + m_dirs[want.dir] + "/" + want.name);
      }
      want.fd->reset(fd);
    }
    for (std::size_t dir = 0; dir < m_dirs.size(); ++dir) {
      int fd = ::openat(dirFds[dir].get(), "tasks", O_WRONLY | O_CLOEXEC);
      if (fd < 0) {
        return sysFail("open " + m_dirs[dir] + "/tasks");
      }
      m_fds.emplace_back(fd);
    }
    return ok();
  }

  void setKeep(bool keep) { m_keep = keep; }

  Isolation kind() const override { return Isolation::Cgroup1; }

  StepResult prepare(const CgroupLimits& limits) override {
    auto current = readSmallFile(m_memUsage.get());
    if (current && std::stoull(*current) > kReclaimBaselineAbove) {
      (void)writePath(m_dirs[0] + "/memory.force_empty", "0");  // best effort
      current = readSmallFile(m_memUsage.get());
    }
    if (!current) {
      return std::unexpected(current.error());
    }
    m_baseline = std::stoull(*current);
    std::uint64_t limit = limits.memoryBytes ? limits.memoryBytes + roundBaseline(m_baseline) : 0;
    if (limitNeedsWrite(limit, m_lastMemory)) {
      std::string value = limit ? std::to_string(limit) : "-1";
      // memsw must stay >= limit: open it up, set the limit, then close it down to the limit.
      if (m_memswLimit.valid()) {
        (void)writeSmallFile(m_memswLimit.get(), "-1");
      }
      if (auto r = writeSmallFile(m_memLimit.get(), value); !r) {
        return sysFail("set memory.limit_in_bytes");
      }
      if (m_memswLimit.valid()) {
        (void)writeSmallFile(m_memswLimit.get(), value);
      }
      m_lastMemory = limit;
    }
    if (limits.pids != m_lastPids) {
      std::string value = limits.pids ? std::to_string(limits.pids) : "max";
      if (auto r = writeSmallFile(m_pidsMax.get(), value); !r) {
        return sysFail("set pids.max");
      }
      m_lastPids = limits.pids;
    }
    if (auto r = writeSmallFile(m_memPeak.get(), "0"); !r) {
      return sysFail("reset memory.max_usage_in_bytes");
    }
    if (auto r = writeSmallFile(m_cpuUsage.get(), "0"); !r) {
      return sysFail("reset cpuacct.usage");
    }
    // The OOM count as the last usage() read it, once every process of that run was gone;
    // read afresh only when there was no such reading.
    if (!m_oomAfterLastRun) {
      auto oom = readSmallFile(m_oomControl.get());
      if (!oom) {
        return std::unexpected(oom.error());
      }
      m_oomAfterLastRun = keyedValue(*oom, "oom_kill");
    }
    m_oomBaseline = *m_oomAfterLastRun;
    m_oomAfterLastRun.reset();
    return ok();
  }

  std::vector<int> joinFds() const override {
    std::vector<int> out;
    for (const auto& fd : m_fds) {
      out.push_back(fd.get());
    }
    return out;
  }

  void setKeeper(pid_t keeper) override { m_keeper = keeper; }

  bool empty() override {
    // pids.current, not cgroup.procs: a dead process leaves the listing at once, but counts
    // against pids.max until it is reaped.
    auto text = readSmallFile(m_pidsCurrent.get());
    return text && text->find_first_of("123456789") == std::string::npos;
  }

  Result<std::uint64_t> cpuNs() override {
    auto text = readSmallFile(m_cpuUsage.get());
    if (!text) {
      return std::unexpected(text.error());
    }
    return std::stoull(*text);
  }

  Result<CgroupUsage> usage() override {
    auto oom = readSmallFile(m_oomControl.get());
    auto u = usageSinceBaseline(cpuNs(), readSmallFile(m_memPeak.get()), oom, m_baseline,
                                m_oomBaseline, "cgroup v1");
    if (u) {
      m_oomAfterLastRun = m_oomBaseline + u->oomKills;
    }
    return u;
  }

  StepResult killAll(pid_t alsoSpare = -1) override {
    if (m_keeper < 0 && empty()) {
      return ok();  // a direct slot's, after its run: every process was reaped in the box
    }
    if (!m_memProcsRead.valid()) {
      // Opened when first needed: a kept cgroup that is found empty never needs it.
      const std::string procs = m_dirs[0] + "/cgroup.procs";
      m_memProcsRead.reset(::openat(AT_FDCWD, procs.c_str(), O_RDONLY | O_CLOEXEC));
      if (!m_memProcsRead.valid()) {
        return sysFail("open " + procs);
      }
    }
    return killListedProcesses(m_memProcsRead.get(), m_keeper, alsoSpare, "cgroup v1");
  }

 private:
  std::vector<std::string> m_dirs;
  std::vector<UniqueFd> m_fds;
  UniqueFd m_memLimit, m_memswLimit, m_memPeak, m_memUsage, m_oomControl, m_memProcsRead;
  std::uint64_t m_baseline = 0;
  UniqueFd m_cpuUsage, m_pidsMax, m_pidsCurrent;
  std::uint64_t m_lastMemory = UINT64_MAX;
  std::uint32_t m_lastPids = UINT32_MAX;
  std::uint64_t m_oomBaseline = 0;
  std::optional<std::uint64_t> m_oomAfterLastRun;
  pid_t m_keeper = -1;
  bool m_keep = false;
};

}  // namespace

Result<std::unique_ptr<BoxCgroup>> createCgroupV1(const CgroupHost& host, const std::string& name,
                                                  bool keep) {
  auto cg = std::make_unique<CgroupV1>();
  cg->setKeep(keep);
  if (auto r = cg->init(host, name); !r) {
    return std::unexpected(r.error());
  }
  return std::unique_ptr<BoxCgroup>(std::move(cg));
}

}  // namespace arena::sandbox::detail
