// cgroup v2: one directory per box slot in the unified hierarchy.
//
// Theory of operation. cpu.stat's usage_usec and memory.events' oom_kill cannot be reset, so
// prepare() records baselines and usage() reports differences. memory.peak can be reset
// (kernel 6.12+) by writing to it, and the reset applies to reads through the same descriptor,
// which we keep open for the slot's lifetime; on older kernels a fresh cgroup is made before
// each run and the keeper moved into it (the slow path: a mkdir, a migration and an rmdir).
// memory.oom.group and cgroup.kill are not used: the keeper shares the cgroup and must live.

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

class CgroupV2 final : public BoxCgroup {
 public:
  ~CgroupV2() override {
    m_keeper = -1;  // stopped by now
    (void)killAll();
    close();
    for (int i = 0; i < 500 && ::rmdir(m_dir.c_str()) != 0 && errno == EBUSY; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  StepResult init(const CgroupHost& host, const std::string& name) {
    m_base = host.v2Parent + "/" + name;
    m_dir = m_base;
    if (auto r = open(); !r) {
      return r;
    }
    m_peakResettable = writeSmallFile(m_memPeak.get(), "reset").has_value();
    return ok();
  }

  Isolation kind() const override { return Isolation::Cgroup2; }

  StepResult prepare(const CgroupLimits& limits) override {
    if (!m_peakResettable) {
      // Old kernel: a fresh cgroup is the only way to a fresh peak.
      std::string old = m_dir;
      close();
      m_dir = m_base + "-" + std::to_string(++m_generation);
      if (auto r = open(); !r) {
        return r;
      }
      if (auto r = adopt(m_keeper); !r) {
        return r;
      }
      ::rmdir(old.c_str());
      m_lastMemory = UINT64_MAX;
      m_lastPids = UINT32_MAX;
      m_oomAfterLastRun.reset();  // a new cgroup counts from zero
    }
    auto current = readSmallFile(m_memCurrent.get());
    if (current && std::stoull(*current) > kReclaimBaselineAbove) {
      // Asks for more than is there; EAGAIN for the part that could not go is expected.
      (void)writePath(m_dir + "/memory.reclaim", std::to_string(std::stoull(*current)));
      current = readSmallFile(m_memCurrent.get());
    }
    if (!current) {
      return std::unexpected(current.error());
    }
    m_baseline = std::stoull(*current);
    std::uint64_t limit = limits.memoryBytes ? limits.memoryBytes + roundBaseline(m_baseline) : 0;
    if (limitNeedsWrite(limit, m_lastMemory)) {
      std::string value = limit ? std::to_string(limit) : "max";
      if (auto r = writeSmallFile(m_memMax.get(), value); !r) {
        return sysFail("set memory.max");
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
    if (m_peakResettable) {
      if (auto r = writeSmallFile(m_memPeak.get(), "reset"); !r) {
        return sysFail("reset memory.peak");
      }
    }
    // CPU is read now: the box init's clean-up after the last run is not this run's. The OOM
    // count is the last usage()'s reading, taken once that run's processes were all gone.
    auto cpu = readSmallFile(m_cpuStat.get());
    if (!cpu) {
      return sysFail("read cgroup v2 cpu.stat");
    }
    m_cpuBaselineUs = keyedValue(*cpu, "usage_usec");
    if (!m_oomAfterLastRun) {
      auto events = readSmallFile(m_memEvents.get());
      if (!events) {
        return sysFail("read cgroup v2 memory.events");
      }
      m_oomAfterLastRun = keyedValue(*events, "oom_kill");
    }
    m_oomBaseline = *m_oomAfterLastRun;
    m_oomAfterLastRun.reset();
    return ok();
  }

  std::vector<int> joinFds() const override { return {m_procs.get()}; }

  void setKeeper(pid_t keeper) override { m_keeper = keeper; }

  bool empty() override {
    // pids.current, not cgroup.procs: a dead process leaves the listing at once, but counts
    // against pids.max until it is reaped.
    UniqueFd fd(::openat(AT_FDCWD, (m_dir + "/pids.current").c_str(), O_RDONLY | O_CLOEXEC));
    auto text = fd.valid() ? readSmallFile(fd.get()) : Result<std::string>(std::string());
    return text && text->find_first_of("123456789") == std::string::npos;
  }

  StepResult adopt(pid_t keeper) {
    if (auto s = writeSmallFile(m_procs.get(), std::to_string(keeper)); !s) {
      return sysFail("move keeper into cgroup");
    }
    m_keeper = keeper;
    return ok();
  }

  Result<std::uint64_t> cpuNs() override {
    auto text = readSmallFile(m_cpuStat.get());
    if (!text) {
      return std::unexpected(text.error());
    }
    return (keyedValue(*text, "usage_usec") - m_cpuBaselineUs) * 1000;
  }

  Result<CgroupUsage> usage() override {
    auto u = usageSinceBaseline(cpuNs(), readSmallFile(m_memPeak.get()),
                                readSmallFile(m_memEvents.get()), m_baseline, m_oomBaseline,
                                "cgroup v2");
    if (u) {
      m_oomAfterLastRun = m_oomBaseline + u->oomKills;
    }
    return u;
  }

  StepResult killAll(pid_t alsoSpare = -1) override {
    return killListedProcesses(m_procsRead.get(), m_keeper, alsoSpare, "cgroup v2");
  }

 private:
  StepResult open() {
    if (::mkdir(m_dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return sysFail("mkdir " + m_dir);
    }
    struct Want {
      UniqueFd* fd;
      const char* file;
      int flags;
      bool optional;
    };
    Want wants[] = {
        {&m_memMax, "memory.max", O_RDWR, false},
        {&m_memPeak, "memory.peak", O_RDWR, false},
        {&m_memCurrent, "memory.current", O_RDONLY, false},
        {&m_memEvents, "memory.events", O_RDONLY, false},
        {&m_cpuStat, "cpu.stat", O_RDONLY, false},
        {&m_pidsMax, "pids.max", O_RDWR, false},
        {&m_procs, "cgroup.procs", O_WRONLY, false},
        {&m_procsRead, "cgroup.procs", O_RDONLY, false},
    };
    for (auto& want : wants) {
      std::string path = m_dir + "/" + want.file;
      int fd = ::openat(AT_FDCWD, path.c_str(), want.flags | O_CLOEXEC);
      if (fd < 0 && !want.optional) {
        return sysFail("open " + path);
      }
      want.fd->reset(fd);
    }
    (void)writePath(m_dir + "/memory.swap.max", "0");
    return ok();
  }

  void close() {
    for (UniqueFd* fd : {&m_memMax, &m_memPeak, &m_memCurrent, &m_memEvents, &m_cpuStat, &m_pidsMax, &m_procs,
                         &m_procsRead}) {
      fd->reset();
    }
  }

  std::string m_base;
  std::string m_dir;
  unsigned m_generation = 0;
  pid_t m_keeper = -1;
  UniqueFd m_memMax, m_memPeak, m_memCurrent, m_memEvents, m_cpuStat, m_pidsMax, m_procs,
      m_procsRead;
  std::uint64_t m_baseline = 0;
  bool m_peakResettable = false;
  std::uint64_t m_lastMemory = UINT64_MAX;
  std::uint32_t m_lastPids = UINT32_MAX;
  std::uint64_t m_cpuBaselineUs = 0;
  std::uint64_t m_oomBaseline = 0;
  std::optional<std::uint64_t> m_oomAfterLastRun;
};

}  // namespace

Result<std::unique_ptr<BoxCgroup>> createCgroupV2(const CgroupHost& host, const std::string& name) {
  auto cg = std::make_unique<CgroupV2>();
  if (auto r = cg->init(host, name); !r) {
    return std::unexpected(r.error());
  }
  return std::unique_ptr<BoxCgroup>(std::move(cg));
}

}  // namespace arena::sandbox::detail
