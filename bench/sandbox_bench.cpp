// arena-sandbox-bench: what a sandboxed run costs next to a bare fork + exec, measured in the
// same process and the same minute.
//
//   arena-sandbox-bench [-n RUNS] [--cli PATH]
//
// For /bin/true and `python3 -c pass` it measures, per run (median and p90 over RUNS):
//   bare    fork + execve + waitpid, no isolation
//   pooled  Sandbox::run through one pre-made slot (namespaces, cgroup, seccomp, limits)
//   cold    a whole `arena-sandbox run -- PROGRAM` process (creates its Sandbox each time)
// and prints each as a ratio to bare. Targets: pooled <= 1.3x bare; cold < 2.5 ms for
// /bin/true (isolate --run: 5.2-5.9 ms, plus ~3 ms box init/cleanup).
// Run as root (cgroups). On a busy machine, `chrt -f 50 arena-sandbox-bench` keeps other
// load from inflating the handoffs between processes that a sandboxed run has and bare
// fork + exec has not.

#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "arena/sandbox/sandbox.hpp"

namespace {

namespace sb = arena::sandbox;

double nowMs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Stats {
  double median = 0;
  double p90 = 0;
};

Stats summarize(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  Stats s;
  if (!samples.empty()) {
    s.median = samples[samples.size() / 2];
    s.p90 = samples[samples.size() * 9 / 10];
  }
  return s;
}

// fork + exec + wait, output to /dev/null.
bool spawnAndWait(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    return false;
  }
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

template <class F>
Stats measure(int runs, F&& once) {
  std::vector<double> samples;
  for (int i = 0; i < std::max(3, runs / 10); ++i) {  // warm-up
    once();
  }
  for (int i = 0; i < runs; ++i) {
    double start = nowMs();
    if (!once()) {
      std::fprintf(stderr, "run failed\n");
      return {};
    }
    samples.push_back(nowMs() - start);
  }
  return summarize(std::move(samples));
}

void printRow(const char* program, const char* mode, Stats s, Stats bare) {
  std::printf("  %-18s %-7s median %7.3f ms   p90 %7.3f ms   %5.2fx bare\n", program, mode,
              s.median, s.p90, bare.median > 0 ? s.median / bare.median : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 200;
  std::string cli = ARENA_SANDBOX_CLI;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "-n") == 0) {
      runs = std::max(1, std::atoi(argv[i + 1]));
    } else if (std::strcmp(argv[i], "--cli") == 0) {
      cli = argv[i + 1];
    }
  }
  auto box = sb::Sandbox::create({});
  if (!box) {
    std::fprintf(stderr, "cannot create sandbox: %s\n", box.error().message.c_str());
    return 2;
  }
  std::printf("arena-sandbox-bench: %d runs each, isolation %s\n", runs,
              std::string(sb::isolationName(box->isolation())).c_str());

  struct Program {
    const char* label;
    std::vector<std::string> argv;
  };
  const Program programs[] = {
      {"/bin/true", {"/bin/true"}},
      {"python3 -c pass", {"/usr/bin/python3", "-c", "pass"}},
  };
  for (const auto& program : programs) {
    Stats bare = measure(runs, [&] { return spawnAndWait(program.argv); });
    sb::RunSpec spec;
    spec.argv = program.argv;
    spec.cpuTimeMs = 5000;
    spec.memoryKb = 256 * 1024;
    Stats pooled = measure(runs, [&] {
      auto r = box->run(spec);
      return r && r->status == sb::Status::OK;
    });
    std::vector<std::string> cold = {cli, "run", "--cpu-time", "5000", "--"};
    cold.insert(cold.end(), program.argv.begin(), program.argv.end());
    Stats coldStats = measure(runs, [&] { return spawnAndWait(cold); });
    std::printf("%s\n", program.label);
    printRow(program.label, "bare", bare, bare);
    printRow(program.label, "pooled", pooled, bare);
    printRow(program.label, "cold", coldStats, bare);
  }
  return 0;
}
