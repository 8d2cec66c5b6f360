// arena-sandbox: run one program under limits and print one JSON object (see --help).
// Thin main over arena_sandbox. Exit status 0 whenever the program ran (whatever it did),
// 2 when the sandbox itself failed (status XX), 64 on a usage error.
//
// A cold `run` is what this command costs every time, so it takes the shortest path: a direct
// Sandbox (no keeper: the box init is cloned straight from this process, SandboxOptions::
// direct), no iostreams, and the answer is printed before the teardown, which a forked child
// does after we have exited (whoever waits for us never waits for it).

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "arena/sandbox/sandbox.hpp"

namespace {

namespace sb = arena::sandbox;

constexpr const char* kUsage = R"(usage:
  arena-sandbox run [--cpu-time MS] [--wall-time MS] [--memory KB] [--processes N]
                    [--output KB] [--open-files N] [--stack KB]
                    [--stdin FILE] [--stdout FILE] [--stderr FILE]
                    [--dir HOST[:BOX][:rw]]... [--workdir DIR] [--env KEY=VALUE]...
                    [--isolation cgroup2|cgroup1|rlimit] [--uid FIRST_UID]
                    -- PROGRAM [ARGS...]
  arena-sandbox check
Prints one JSON object: status (OK RE TLE MLE OLE SV XX), exit_code, signal, cpu_ms, wall_ms,
memory_kb, isolation (cgroup2 cgroup1 rlimit), message.
Exit status: 0 when the program ran, whatever it did; 2 when the sandbox failed (XX).
)";

void writeAll(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

int usageError(const std::string& why) {
  writeAll(2, "arena-sandbox: " + why + "\n" + kUsage);
  return 64;
}

template <class T>
bool parseNumber(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// One JSON line for a sandbox failure.
std::string xxLine(const std::string& message, std::optional<sb::Isolation> isolation) {
  nlohmann::json out = {{"status", "XX"},   {"exit_code", 0}, {"signal", 0},
                        {"cpu_ms", 0},      {"wall_ms", 0},   {"memory_kb", 0},
                        {"isolation", isolation ? sb::isolationName(*isolation) : "rlimit"},
                        {"message", message}};
  return out.dump();
}

// Creates the sandbox, runs, prints the JSON line and exits with its status. The box init dies
// with us; a teardown (the box's private cgroups, when the reusable one was busy) is left to a
// child that outlives us.
[[noreturn]] void runAndAnswer(const sb::SandboxOptions& options, const sb::RunSpec& spec) {
  std::string answer;
  int code = 0;
  auto sandbox = sb::Sandbox::create(options);
  if (!sandbox) {
    code = 2;
    answer = xxLine(sandbox.error().message,
                    options.isolation ? options.isolation : sb::checkHost().isolation);
  } else {
    auto result = sandbox->run(spec);
    sandbox->yieldBoxInits();  // we exit next: our waiter first, the box init's end after
    if (!result) {
      code = 2;
      answer = xxLine(result.error().message, sandbox->isolation());
    } else {
      nlohmann::json json = {{"status", sb::statusName(result->status)},
                             {"exit_code", result->exitCode},
                             {"signal", result->signal},
                             {"cpu_ms", result->cpuMs},
                             {"wall_ms", result->wallMs},
                             {"memory_kb", result->memoryKb},
                             {"isolation", sb::isolationName(result->isolation)},
                             {"message", result->message}};
      answer = json.dump();
    }
  }
  writeAll(1, answer + "\n");
  if (sandbox && sandbox->needsTeardown() && ::fork() == 0) {
    // The teardown child: nothing of ours may keep the caller's pipes open, and the box init
    // (our parent's child, killed when our parent exits) must be gone before its cgroups can
    // be removed — the Sandbox's destructor waits for that.
    int null = ::openat(AT_FDCWD, "/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd < 3; ++fd) {
      ::dup2(null, fd);
    }
    sandbox = std::unexpected(arena::Error{});  // tears the Sandbox down here
    std::_Exit(0);
  }
  std::_Exit(code);  // no destructors: the teardown is the child's
}

int check() {
  sb::HostCheck host = sb::checkHost();
  nlohmann::json out = {{"isolation", sb::isolationName(host.isolation)},
                        {"user_namespaces", host.userNamespaces},
                        {"seccomp", host.seccomp},
                        {"notes", host.notes}};
  writeAll(1, out.dump(2) + "\n");
  return host.userNamespaces ? 0 : 2;
}

int run(int argc, char** argv) {
  sb::RunSpec spec;
  sb::SandboxOptions options;
  options.direct = true;  // one run: no keeper, the box init is cloned straight from us
  options.reuseCgroup = true;  // and nothing to make or remove when no one else runs
  int i = 2;
  for (; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (i + 1 >= argc) {
      return usageError("missing value for " + std::string(arg));
    }
    std::string_view value = argv[++i];
    bool good = true;
    if (arg == "--cpu-time") {
      good = parseNumber(value, spec.cpuTimeMs);
    } else if (arg == "--wall-time") {
      good = parseNumber(value, spec.wallTimeMs);
    } else if (arg == "--memory") {
      good = parseNumber(value, spec.memoryKb);
    } else if (arg == "--processes") {
      good = parseNumber(value, spec.processes);
    } else if (arg == "--output") {
      good = parseNumber(value, spec.outputKb);
    } else if (arg == "--open-files") {
      good = parseNumber(value, spec.openFiles);
    } else if (arg == "--stack") {
      good = parseNumber(value, spec.stackKb);
    } else if (arg == "--stdin") {
      spec.stdinPath = std::string(value);
    } else if (arg == "--stdout") {
      spec.stdoutPath = std::string(value);
    } else if (arg == "--stderr") {
      spec.stderrPath = std::string(value);
    } else if (arg == "--workdir") {
      spec.workdir = std::string(value);
    } else if (arg == "--env") {
      spec.env.emplace_back(value);
    } else if (arg == "--uid") {
      good = parseNumber(value, options.firstUid);
    } else if (arg == "--dir") {
      auto dir = sb::BindDir::parse(value);
      if (!dir) {
        return usageError(dir.error().message);
      }
      spec.dirs.push_back(*dir);
    } else if (arg == "--isolation") {
      if (value == "cgroup2") {
        options.isolation = sb::Isolation::Cgroup2;
      } else if (value == "cgroup1") {
        options.isolation = sb::Isolation::Cgroup1;
      } else if (value == "rlimit") {
        options.isolation = sb::Isolation::Rlimit;
      } else {
        good = false;
      }
    } else {
      return usageError("unknown option " + std::string(arg));
    }
    if (!good) {
      return usageError("bad value for " + std::string(arg) + ": " + std::string(value));
    }
  }
  for (; i < argc; ++i) {
    spec.argv.emplace_back(argv[i]);
  }
  if (spec.argv.empty()) {
    return usageError("no program given after --");
  }
  runAndAnswer(options, spec);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    writeAll(1, kUsage);
    return argc < 2 ? 64 : 0;
  }
  std::string_view command = argv[1];
  if (command == "check") {
    return check();
  }
  if (command == "run") {
    return run(argc, argv);
  }
  return usageError("unknown command " + std::string(command));
}
