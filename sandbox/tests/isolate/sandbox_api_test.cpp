// The public API and the CLI contract: parsing, stdio plumbing, exit statuses, slot reuse,
// concurrency, the rlimit fallback, and the toolchains the judge relies on.

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "seccomp_filter.hpp"
#include "test_support.hpp"

namespace arena::sandbox::test {
namespace {

TEST(BindDirTest, ParsesHostBoxAndRw) {
  auto a = BindDir::parse("/srv/x");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "/srv/x");
  EXPECT_EQ(a->box, "");
  EXPECT_FALSE(a->writable);
  auto b = BindDir::parse("/srv/x:/box:rw");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->box, "/box");
  EXPECT_TRUE(b->writable);
  auto c = BindDir::parse("/srv/x:rw");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->box, "");
  EXPECT_TRUE(c->writable);
  auto d = BindDir::parse("/srv/x:/data");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->box, "/data");
  EXPECT_FALSE(d->writable);
  EXPECT_FALSE(BindDir::parse("relative"));
  EXPECT_FALSE(BindDir::parse("/a:/b:ro"));
  EXPECT_FALSE(BindDir::parse("/a/../etc"));
}

TEST(NamesTest, StatusAndIsolationNames) {
  EXPECT_EQ(statusName(Status::TLE), "TLE");
  EXPECT_EQ(statusName(Status::XX), "XX");
  EXPECT_EQ(isolationName(Isolation::Cgroup1), "cgroup1");
  EXPECT_EQ(isolationName(Isolation::Rlimit), "rlimit");
}

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto box = Sandbox::create(testOptions());
    ASSERT_TRUE(box.has_value()) << box.error().message;
    m_box.emplace(std::move(*box));
  }
  void TearDown() override {
    EXPECT_TRUE(processesOfUid(testFirstUid()).empty()) << "box processes left behind";
  }
  std::optional<Sandbox> m_box;
};

TEST_F(RunTest, TrueIsOkWithStrongIsolationWhenRoot) {
  auto r = m_box->run(helperSpec({"true"}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, Status::OK);
  EXPECT_EQ(r->exitCode, 0);
  if (::geteuid() == 0) {
    EXPECT_NE(r->isolation, Isolation::Rlimit);
  }
}

TEST_F(RunTest, NonZeroExitIsRuntimeError) {
  auto r = m_box->run(helperSpec({"exit", "3"}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, Status::RE);
  EXPECT_EQ(r->exitCode, 3);
  EXPECT_EQ(r->signal, 0);
}

TEST_F(RunTest, StdinDataAndCapturedOutputs) {
  auto spec = helperSpec({"echo", "arg1"});
  spec.stdinData = "hello\n";
  auto r = m_box->run(spec);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->stdoutData, "hello\narg1\n");
  EXPECT_EQ(r->stderrData, "to-stderr\n");
  EXPECT_EQ(r->outputBytes, r->stdoutData.size() + r->stderrData.size());
}

// The box init reports "Exited" before the output pipes reach EOF, and the supervisor then
// drains what they hold without waiting for it: what a program wrote just before it exited —
// here megabytes, far more than a pipe holds — is all there.
TEST_F(RunTest, OutputWrittenUpToTheExitIsCapturedWhole) {
  std::string data;
  for (int i = 0; data.size() < 3'000'000; ++i) {
    data += "line " + std::to_string(i) + "\n";
  }
  auto spec = helperSpec({"echo", "last"});
  spec.stdinData = data;
  auto r = m_box->run(spec);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, Status::OK) << r->message;
  EXPECT_EQ(r->stdoutData.size(), data.size() + 5);
  EXPECT_TRUE(r->stdoutData == data + "last\n") << "output differs";
  EXPECT_EQ(r->stderrData, "to-stderr\n");
}

TEST_F(RunTest, FilesForStdinStdoutAndMergedStderr) {
  std::string dir = "/tmp/arena-api-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(writeText(dir + "/in", "from-file\n"));
  auto spec = helperSpec({"echo"});
  spec.captureStdout = spec.captureStderr = false;
  spec.stdinPath = dir + "/in";
  spec.stdoutPath = dir + "/out";
  spec.stderrToStdout = true;
  auto r = m_box->run(spec);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(readText(dir + "/out"), "from-file\nto-stderr\n");
  std::filesystem::remove_all(dir);
}

TEST_F(RunTest, StdioPathsMustBeRegularFilesNotLinksOrFifos) {
  // A box with a writable bind could plant these for the next run; root must not follow them.
  std::string dir = "/tmp/arena-api-links-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(writeText(dir + "/target", "secret\n"));
  std::filesystem::create_symlink(dir + "/target", dir + "/link");
  ASSERT_EQ(::mkfifo((dir + "/fifo").c_str(), 0600), 0);

  auto viaLink = helperSpec({"echo"});
  viaLink.stdinPath = dir + "/link";
  EXPECT_FALSE(m_box->run(viaLink).has_value());
  auto intoLink = helperSpec({"true"});
  intoLink.stdoutPath = dir + "/link";
  EXPECT_FALSE(m_box->run(intoLink).has_value());
  EXPECT_EQ(readText(dir + "/target"), "secret\n");
  auto fromFifo = helperSpec({"echo"});
  fromFifo.stdinPath = dir + "/fifo";
  EXPECT_FALSE(m_box->run(fromFifo).has_value());  // refused at once, not hung
  auto intoFifo = helperSpec({"true"});
  intoFifo.stdoutPath = dir + "/fifo";
  EXPECT_FALSE(m_box->run(intoFifo).has_value());
  std::filesystem::remove_all(dir);
}

TEST_F(RunTest, PageCacheLeftByAnEarlierRunNeitherRaisesTheLimitNorTheReportedPeak) {
  if (m_box->isolation() == Isolation::Rlimit) GTEST_SKIP() << "needs cgroup accounting";
  std::string dir = "/tmp/arena-cache-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_EQ(::chown(dir.c_str(), 0, m_box->boxGroup()), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0770), 0);
  // 96 MB written into a host directory: page cache charged to the slot's cgroup.
  RunSpec writer;
  writer.argv = {"/bin/sh", "-c", "head -c 100663296 /dev/zero > big"};
  writer.dirs = {{kHelperHostDir, kHelperBoxDir, false}, {dir, "/work", true}};
  writer.workdir = "/work";
  writer.memoryKb = 256 * 1024;
  writer.outputKb = 128 * 1024;
  auto wrote = m_box->run(writer);
  ASSERT_TRUE(wrote) << wrote.error().message;
  ASSERT_EQ(wrote->status, Status::OK) << wrote->message;

  auto small = helperSpec({"memory_procs", "1", "8"});
  small.dirs.push_back({dir, "/work", true});  // same binds: the same box, same cgroup
  small.memoryKb = 64 * 1024;
  auto measured = m_box->run(small);
  ASSERT_TRUE(measured) << measured.error().message;
  EXPECT_EQ(measured->status, Status::OK) << measured->message;
  EXPECT_LT(measured->memoryKb, 40u * 1024) << "old page cache counted as the program's memory";

  auto greedy = helperSpec({"memory_procs", "1", "120"});
  greedy.dirs.push_back({dir, "/work", true});
  greedy.memoryKb = 64 * 1024;
  auto limited = m_box->run(greedy);
  ASSERT_TRUE(limited) << limited.error().message;
  EXPECT_EQ(limited->status, Status::MLE) << "the cache raised the limit: " << limited->memoryKb;
  std::filesystem::remove_all(dir);
}

TEST(SandboxOptionsTest, PrivilegedBoxUidsMustBeUnprivilegedAndInRange) {
  if (::geteuid() != 0) GTEST_SKIP() << "uids are only chosen when root";
  for (std::uint32_t uid : {0u, 1u, 1000u, 9999u}) {
    SandboxOptions options = testOptions();
    options.firstUid = uid;
    auto box = Sandbox::create(options);
    ASSERT_FALSE(box.has_value()) << "uid " << uid;
    EXPECT_EQ(box.error().code, ErrorCode::InvalidArgument);
  }
}

TEST_F(RunTest, WritableBindIsTheWorkdirAndPrivateBoxIsFreshEachRun) {
  std::string dir = "/tmp/arena-rw-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  // Writable for the box group, as a judge would hand it over (any slot may run it).
  ASSERT_EQ(::chown(dir.c_str(), 0, m_box->boxGroup()), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0770), 0);
  RunSpec spec;
  spec.argv = {"/bin/sh", "-c", "echo made > result.txt; test ! -e /box/left && touch /box/left"};
  spec.dirs = {{dir, "/work", true}};
  spec.workdir = "/work";
  auto r = m_box->run(spec);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, Status::OK) << r->message;
  EXPECT_TRUE(std::filesystem::exists(dir + "/result.txt"));
  auto again = m_box->run(spec);  // /box/left must not survive into the next run
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, Status::OK) << again->message;
  std::filesystem::remove_all(dir);
}

TEST_F(RunTest, MissingProgramIsASandboxErrorNotAVerdict) {
  RunSpec spec;
  spec.argv = {"/no/such/program"};
  auto r = m_box->run(spec);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("execve"), std::string::npos) << r.error().message;
  auto next = m_box->run(helperSpec({"true"}));  // the slot is still usable
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->status, Status::OK);
}

TEST_F(RunTest, SlotIsReusedManyTimes) {
  for (int i = 0; i < 30; ++i) {
    auto r = m_box->run(helperSpec({"exit", std::to_string(i % 2)}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, i % 2 ? Status::RE : Status::OK);
  }
}

// Interactive problems connect two boxes by pipes: a run can take an open descriptor as its
// stdin or stdout; the caller closes its own copy from `started`, so the reader sees EOF.
TEST_F(RunTest, DescriptorsAsStdinAndStdoutConnectTwoRuns) {
  int p[2];
  ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
  int readEnd = p[0];
  int writeEnd = p[1];

  RunSpec writer;
  writer.argv = {"/bin/echo", "ping"};
  writer.stdoutFd = writeEnd;
  writer.started = [&] {
    ::close(writeEnd);
    writeEnd = -1;
  };
  auto wrote = m_box->run(writer);
  ASSERT_TRUE(wrote) << wrote.error().message;
  EXPECT_EQ(wrote->status, Status::OK);
  EXPECT_EQ(writeEnd, -1);

  RunSpec reader;
  reader.argv = {"/bin/cat"};
  reader.stdinFd = readEnd;
  reader.captureStdout = true;
  reader.started = [&] {
    ::close(readEnd);
    readEnd = -1;
  };
  auto read = m_box->run(reader);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->status, Status::OK);  // cat saw EOF: no copy of the write end was left
  EXPECT_EQ(read->stdoutData, "ping\n");

  RunSpec both;
  both.argv = {"/bin/true"};
  both.stdinFd = 0;
  both.stdinData = "x";
  EXPECT_FALSE(m_box->run(both));
  RunSpec capture;
  capture.argv = {"/bin/true"};
  capture.stdoutFd = 1;
  capture.captureStdout = true;
  EXPECT_FALSE(m_box->run(capture));
}

// The staging directory names of /run/arena-sandbox/staging that belong to process `pid`.
std::vector<std::string> stagingDirsOf(pid_t pid) {
  std::vector<std::string> found;
  const std::string mark = "-" + std::to_string(pid) + "-";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/run/arena-sandbox/staging", ec)) {
    if (e.path().filename().string().find(mark) != std::string::npos) {
      found.push_back(e.path().string());
    }
  }
  return found;
}

// A process that made a pool and was killed without running destructors (reaped), or -1.
pid_t killedPoolOwner() {
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return -1;
  pid_t child = ::fork();
  if (child == 0) {
    auto box = Sandbox::create(testOptions());
    char c = box ? '1' : '0';
    if (::write(ready[1], &c, 1) != 1) ::_exit(1);
    ::raise(SIGKILL);  // no destructor runs
    ::_exit(1);
  }
  ::close(ready[1]);
  char c = 0;
  const bool made = child > 0 && ::read(ready[0], &c, 1) == 1 && c == '1';
  ::close(ready[0]);
  if (child > 0) ::waitpid(child, nullptr, 0);
  return made ? child : -1;
}

TEST(StagingTest, StagingDirOfAProcessKilledWithoutDestructorsIsRemovedByTheNextSandbox) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "needs root (the staging parent is /run/arena-sandbox/staging)";
  }
  const pid_t child = killedPoolOwner();
  ASSERT_GT(child, 0) << "the child could not create its sandbox";
  ASSERT_EQ(stagingDirsOf(child).size(), 1u) << "the killed process's staging dir is there";

  auto next = Sandbox::create(testOptions());
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_TRUE(stagingDirsOf(child).empty()) << "the next sandbox removed it";
  EXPECT_EQ(stagingDirsOf(::getpid()).size(), 1u) << "and made its own there";
}

TEST(ConcurrencyTest, TwoSlotsRunInParallelFromTwoThreads) {
  auto options = testOptions();
  options.slots = 2;
  auto box = Sandbox::create(options);
  ASSERT_TRUE(box) << box.error().message;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto r = box->run(helperSpec({"spin", "20"}));
        if (r && r->status == Status::OK) {
          ++ok;
        }
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(ok.load(), 20);
}

TEST(RlimitModeTest, FallbackIsReportedAsRlimitAndStillLimits) {
  auto options = testOptions();
  options.isolation = Isolation::Rlimit;
  auto box = Sandbox::create(options);
  ASSERT_TRUE(box) << box.error().message;
  auto ok = box->run(helperSpec({"spin", "100"}));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->status, Status::OK);
  EXPECT_EQ(ok->isolation, Isolation::Rlimit);
  EXPECT_GE(ok->cpuMs, 90u);
  auto spec = helperSpec({"infinite"});
  spec.cpuTimeMs = 300;
  auto tle = box->run(spec);
  ASSERT_TRUE(tle) << tle.error().message;
  EXPECT_EQ(tle->status, Status::TLE);
  EXPECT_LE(tle->cpuMs, 400u);
  auto mem = helperSpec({"malloc_bomb"});
  mem.memoryKb = 64 * 1024;
  auto mle = box->run(mem);
  ASSERT_TRUE(mle) << mle.error().message;
  EXPECT_EQ(mle->status, Status::MLE) << mle->message;
}

TEST_F(RunTest, ToolchainsRunInTheBox) {
  std::string dir = "/tmp/arena-tc-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  ASSERT_EQ(::chown(dir.c_str(), testFirstUid(), testFirstUid()), 0);
  ASSERT_TRUE(writeText(dir + "/a.c",
                        "#include <stdio.h>\nint main(void){puts(\"compiled\");return 0;}\n"));
  RunSpec spec;
  spec.dirs = {{dir, "/box", true}};
  spec.cpuTimeMs = 10000;
  spec.wallTimeMs = 20000;
  spec.memoryKb = 512 * 1024;
  spec.captureStdout = spec.captureStderr = true;

  spec.argv = {"gcc", "-O2", "-o", "a", "a.c"};
  auto cc = m_box->run(spec);
  ASSERT_TRUE(cc) << cc.error().message;
  EXPECT_EQ(cc->status, Status::OK) << cc->stderrData;
  spec.argv = {"./a"};
  auto run = m_box->run(spec);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->stdoutData, "compiled\n");

  spec.argv = {"/usr/bin/python3", "-c", "print(6*7)"};
  auto py = m_box->run(spec);
  ASSERT_TRUE(py) << py.error().message;
  EXPECT_EQ(py->stdoutData, "42\n") << py->stderrData;

  spec.argv = {"/usr/bin/node", "-e", "console.log(6*7)"};
  auto node = m_box->run(spec);
  ASSERT_TRUE(node) << node.error().message;
  EXPECT_EQ(node->stdoutData, "42\n") << node->stderrData;

  spec.argv = {"/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-Xmx128m", "-version"};
  auto java = m_box->run(spec);
  ASSERT_TRUE(java) << java.error().message;
  EXPECT_EQ(java->status, Status::OK) << java->message << java->stderrData;
  EXPECT_NE(java->stderrData.find("openjdk"), std::string::npos) << java->stderrData;
  std::filesystem::remove_all(dir);
}

// ---- the command --------------------------------------------------------------------------

struct CliRun {
  int exitStatus = -1;
  nlohmann::json json;
};

CliRun runCli(const std::string& args) {
  std::string command = std::string(ARENA_SANDBOX_CLI) + " " + args + " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) {
    out.append(buf, n);
  }
  CliRun result;
  int status = ::pclose(pipe);
  result.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.json = nlohmann::json::parse(out, nullptr, false);
  return result;
}

std::string cliHelper(const std::string& mode) {
  return "--uid " + std::to_string(testFirstUid()) + " --dir " + kHelperHostDir + ":" +
         kHelperBoxDir + " -- " + kHelper + " " + mode;
}

TEST(CliTest, ProgramFailureStillExitsZeroWithAllKeys) {
  auto r = runCli("run --cpu-time 200 " + cliHelper("infinite"));
  EXPECT_EQ(r.exitStatus, 0);
  ASSERT_TRUE(r.json.is_object());
  EXPECT_EQ(r.json["status"], "TLE");
  for (const char* key : {"status", "exit_code", "signal", "cpu_ms", "wall_ms", "memory_kb",
                          "isolation", "message"}) {
    EXPECT_TRUE(r.json.contains(key)) << key;
  }
  auto re = runCli("run " + cliHelper("exit 5"));
  EXPECT_EQ(re.exitStatus, 0);
  EXPECT_EQ(re.json["status"], "RE");
  EXPECT_EQ(re.json["exit_code"], 5);
}

// `arena-sandbox run` takes the direct path (no keeper): hostile programs through it get the
// same verdicts, and when the command has returned nothing of the box is left (its box init
// dies with the command: waited for, with a deadline — noProcessOfUidWithin).

TEST(CliHostileTest, ForkBombThroughTheCommandIsTimeLimitedAndLeavesNothing) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto r = runCli("run --cpu-time 300 --wall-time 1500 --processes 16 " + cliHelper("forkbomb"));
  EXPECT_EQ(r.exitStatus, 0);
  ASSERT_TRUE(r.json.is_object());
  EXPECT_EQ(r.json["status"], "TLE") << r.json.dump();
  EXPECT_EQ(r.json["isolation"], "cgroup1") << "or cgroup2 on such a host; never rlimit as root";
  EXPECT_TRUE(noProcessOfUidWithin(testFirstUid(), std::chrono::seconds(2)))
      << "box processes left behind";
}

TEST(CliHostileTest, PrivilegesNamespacesAndForeignSyscallsAreDeniedThroughTheCommand) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto privileges = runCli("run " + cliHelper("privileges"));
  EXPECT_EQ(privileges.json["status"], "OK") << privileges.json.dump();
  EXPECT_EQ(privileges.json["exit_code"], 0) << privileges.json.dump();
  auto sockets = runCli("run " + cliHelper("socket_families"));
  EXPECT_EQ(sockets.json["exit_code"], 0) << sockets.json.dump();
  auto i386 = runCli("run " + cliHelper("i386"));
  EXPECT_EQ(i386.json["status"], "SV") << i386.json.dump();
  EXPECT_TRUE(noProcessOfUidWithin(testFirstUid(), std::chrono::seconds(2)));
}

TEST(CliHostileTest, MemoryBombThroughTheCommandIsMemoryLimitExceeded) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto r = runCli("run --memory 65536 " + cliHelper("malloc_bomb"));
  EXPECT_EQ(r.exitStatus, 0);
  EXPECT_EQ(r.json["status"], "MLE") << r.json.dump();
  auto after = runCli("run " + cliHelper("true"));  // a reused cgroup carries nothing over
  EXPECT_EQ(after.json["status"], "OK") << after.json.dump();
  EXPECT_LT(after.json["memory_kb"].get<long>(), 16 * 1024) << after.json.dump();
}

// ---- the cold path: a prebuilt root and a kept cgroup ------------------------------------

// The mount points of a mountinfo text, in order.
std::vector<std::string> mountPoints(const std::string& mountinfo) {
  std::vector<std::string> points;
  std::size_t line = 0;
  while (line < mountinfo.size()) {
    std::size_t end = mountinfo.find('\n', line);
    if (end == std::string::npos) end = mountinfo.size();
    std::vector<std::string> fields;
    std::size_t field = line;
    while (field < end && fields.size() < 5) {
      std::size_t space = mountinfo.find(' ', field);
      if (space == std::string::npos || space > end) space = end;
      fields.push_back(mountinfo.substr(field, space - field));
      field = space + 1;
    }
    if (fields.size() == 5) points.push_back(fields[4]);
    line = end + 1;
  }
  return points;
}

// Our pinned prebuilt roots, as the host's mountinfo lists them.
std::vector<std::string> pinnedRoots() {
  std::vector<std::string> pins;
  for (const auto& point : mountPoints(readText("/proc/self/mountinfo"))) {
    if (point.starts_with("/run/arena-sandbox/root-")) pins.push_back(point);
  }
  return pins;
}

// What a cold box with a host directory bound at `boxPath` prints: the directory's data.txt
// ("from the host"), its own mountinfo, then whatever `more` (shell) prints.
std::string coldBoxView(const std::string& boxPath, const std::string& more = "") {
  TempHostDir in, out;
  EXPECT_TRUE(writeText(in.path + "/data.txt", "from the host\n"));
  auto r = runCli("run --uid " + std::to_string(testFirstUid()) + " --stdout " + out.path +
                  "/seen --dir " + in.path + ":" + boxPath + " -- /bin/sh -c 'cat " + boxPath +
                  "/data.txt /proc/self/mountinfo" + more + "'");
  EXPECT_EQ(r.json["status"], "OK") << r.json.dump();
  return readText(out.path + "/seen");
}

TEST(ColdPathTest, ABoxWithBindsInBoxOrTmpStartsFromThePrebuiltRootAndSeesNoHostMount) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  const std::string seen = coldBoxView("/box/in", "; touch /box/in/x || echo ro");
  EXPECT_TRUE(seen.starts_with("from the host\n")) << seen;
  EXPECT_TRUE(seen.ends_with("ro\n")) << "the bind is read-only: " << seen;
  const auto points = mountPoints(seen);
  EXPECT_EQ(std::count(points.begin(), points.end(), "/proc"), 2)
      << "the box's procfs over the prebuilt root's empty one:\n" << seen;
  for (const char* wanted : {"/", "/usr", "/etc", "/dev/null", "/tmp", "/box", "/box/in"}) {
    EXPECT_NE(std::find(points.begin(), points.end(), wanted), points.end()) << wanted;
  }
  for (const auto& point : points) {
    EXPECT_FALSE(point.starts_with("/sys") || point.starts_with("/run") ||
                 point.starts_with("/dev/pts") || point.starts_with("/dev/shm"))
        << "a host mount in the box: " << point;
  }
  EXPECT_EQ(seen.find(" shared:"), std::string::npos) << "a box mount propagates out:\n" << seen;
  EXPECT_EQ(seen.find(" master:"), std::string::npos) << "a box mount receives events:\n" << seen;
  EXPECT_FALSE(pinnedRoots().empty()) << "the prebuilt root is pinned";
}

TEST(ColdPathTest, ManyBindsAllArriveInThePrebuiltRoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  TempHostDir in, out;
  ASSERT_TRUE(writeText(in.path + "/data.txt", "x"));
  std::string binds, cats;
  for (int i = 0; i < 12; ++i) {
    binds += " --dir " + in.path + ":/box/d" + std::to_string(i);
    cats += " /box/d" + std::to_string(i) + "/data.txt";
  }
  auto r = runCli("run --uid " + std::to_string(testFirstUid()) + " --stdout " + out.path +
                  "/seen" + binds + " -- /bin/cat" + cats);
  EXPECT_EQ(r.json["status"], "OK") << r.json.dump();
  EXPECT_EQ(readText(out.path + "/seen"), std::string(12, 'x'));
}

TEST(ColdPathTest, ABindElsewhereBuildsTheRootInPlace) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  const std::string seen = coldBoxView("/data");
  EXPECT_TRUE(seen.starts_with("from the host\n")) << seen;
  const auto points = mountPoints(seen);
  EXPECT_EQ(std::count(points.begin(), points.end(), "/proc"), 1) << seen;
  EXPECT_NE(std::find(points.begin(), points.end(), "/data"), points.end()) << seen;
}

TEST(ColdPathTest, AStalePinIsReplacedByTheNextRun) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  ASSERT_EQ(runCli("run -- /bin/true").json["status"], "OK");
  auto pins = pinnedRoots();
  ASSERT_FALSE(pins.empty());
  // As after a crash between creating the file and pinning: plain files, no namespace.
  for (const auto& pin : pins) {
    ASSERT_EQ(::umount2(pin.c_str(), MNT_DETACH), 0);
  }
  auto r = runCli("run -- /bin/true");
  EXPECT_EQ(r.json["status"], "OK") << r.json.dump();
  EXPECT_EQ(pinnedRoots().size(), 1u);
}

// The host's path of our cgroup in one v1 hierarchy ("" when not v1).
std::string ownCgroupV1(const std::string& controller) {
  const std::string text = readText("/proc/self/cgroup");
  const std::string key = ":" + controller + ":";
  std::size_t pos = text.find(key);
  if (pos == std::string::npos) return "";
  std::size_t end = text.find('\n', pos);
  return "/sys/fs/cgroup/" + controller +
         text.substr(pos + key.size(), end - pos - key.size());
}

// The kept cgroup (SandboxOptions::reuseCgroup) holds only the run, so it is free again the
// moment the command returns, though the command's box init, killed as it exits, may not be
// reaped for a while (this VM's PID 1 takes over a second).
TEST(ColdPathTest, TheKeptCgroupIsEmptyTheMomentTheCommandReturns) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  const std::string memory = ownCgroupV1("memory"), pids = ownCgroupV1("pids");
  if (memory.empty() || pids.empty()) GTEST_SKIP() << "cgroup v1 only";
  for (int attempt = 0; attempt < 20; ++attempt) {
    ASSERT_EQ(runCli("run -- /bin/true").json["status"], "OK");
    // Another test's command may hold it right now: ours only if we get its lock.
    int lock = ::open((memory + "/arena-direct").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ASSERT_GE(lock, 0);
    if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock);
      continue;
    }
    const std::string count = readText(pids + "/arena-direct/pids.current");
    ::close(lock);
    EXPECT_EQ(count, "0\n");
    return;
  }
  GTEST_SKIP() << "the kept cgroup was busy every time";
}

// A pool's cgroups outlive a process killed without destructors; the next pool removes them
// once they are a minute old (a younger one may be just being made), and only if their owner
// was of our PID namespace (where we can tell it is dead).
TEST(CgroupCleanupTest, CgroupsOfAKilledProcessAreRemovedByALaterPoolOnceAMinuteOld) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  std::vector<std::string> parents;
  for (const char* controller : {"memory", "cpuacct", "pids"}) {
    parents.push_back(ownCgroupV1(controller));
    if (parents.back().empty()) GTEST_SKIP() << "cgroup v1 only";
  }
  const pid_t child = killedPoolOwner();
  ASSERT_GT(child, 0) << "the child could not create its sandbox";
  struct stat pidns {};
  ASSERT_EQ(::stat("/proc/self/ns/pid", &pidns), 0);
  const std::string ours = "/arena-" + std::to_string(pidns.st_ino) + "-";
  const std::string name = ours + std::to_string(child) + "-0";
  // Its keeper and box init go as soon as they see it gone.
  for (int i = 0; i < 400 && !readText(parents[0] + name + "/cgroup.procs").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::string young = ours + std::to_string(child) + "-9";
  // As old and as empty, but another PID namespace's: its owner may be alive there.
  const std::string foreign = "/arena-1-" + std::to_string(child) + "-0";
  const timespec twoMinutesAgo[2] = {{std::time(nullptr) - 120, 0}, {std::time(nullptr) - 120, 0}};
  for (const auto& parent : parents) {
    ASSERT_TRUE(std::filesystem::is_directory(parent + name)) << parent + name;
    ASSERT_EQ(::utimensat(AT_FDCWD, (parent + name).c_str(), twoMinutesAgo, 0), 0);
    ASSERT_EQ(::mkdir((parent + young).c_str(), 0755), 0);
    ASSERT_EQ(::mkdir((parent + foreign).c_str(), 0755), 0);
    ASSERT_EQ(::utimensat(AT_FDCWD, (parent + foreign).c_str(), twoMinutesAgo, 0), 0);
  }

  auto next = Sandbox::create(testOptions());
  ASSERT_TRUE(next.has_value()) << next.error().message;
  for (const auto& parent : parents) {
    EXPECT_FALSE(std::filesystem::exists(parent + name)) << parent + name;
    EXPECT_TRUE(std::filesystem::is_directory(parent + young)) << "too young to go";
    EXPECT_TRUE(std::filesystem::is_directory(parent + foreign)) << "not ours to judge";
    ::rmdir((parent + young).c_str());
    ::rmdir((parent + foreign).c_str());
  }
}

// SandboxOptions::direct, through the library.
TEST(DirectSandboxTest, HasExactlyOneSlot) {
  auto options = testOptions();
  options.direct = true;
  options.slots = 2;
  EXPECT_FALSE(Sandbox::create(options).has_value());
}

TEST(DirectSandboxTest, RunsRebuildsForOtherDirsAndTellsWhetherItNeedsATeardown) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto options = testOptions();
  options.direct = true;
  auto box = Sandbox::create(options);
  ASSERT_TRUE(box) << box.error().message;
  RunSpec plain;
  plain.argv = {"/bin/true"};
  auto first = box->run(plain);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, Status::OK);
  EXPECT_NE(first->isolation, Isolation::Rlimit);
  EXPECT_TRUE(box->needsTeardown()) << "a private cgroup is removed at the end";
  auto helper = box->run(helperSpec({"exit", "3"}));  // other dirs: a new box init
  ASSERT_TRUE(helper) << helper.error().message;
  EXPECT_EQ(helper->status, Status::RE);
  EXPECT_EQ(helper->exitCode, 3);
  auto again = box->run(plain);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->status, Status::OK);

  auto pooled = Sandbox::create(testOptions());
  ASSERT_TRUE(pooled) << pooled.error().message;
  EXPECT_TRUE(pooled->needsTeardown()) << "keepers and cgroups";
}

}  // namespace
}  // namespace arena::sandbox::test

namespace arena::sandbox::detail {
namespace {

TEST(SeccompProgramTest, ShippedProgramEqualsAFreshCompilation) {
  auto fresh = compileSeccompFilter();
  ASSERT_TRUE(fresh) << fresh.error().message;
  const auto& shipped = shippedSeccompFilter();
  ASSERT_EQ(shipped.size(), fresh->size());
  for (std::size_t i = 0; i < shipped.size(); ++i) {
    EXPECT_EQ(shipped[i].code, (*fresh)[i].code) << i;
    EXPECT_EQ(shipped[i].jt, (*fresh)[i].jt) << i;
    EXPECT_EQ(shipped[i].jf, (*fresh)[i].jf) << i;
    EXPECT_EQ(shipped[i].k, (*fresh)[i].k) << i;
  }
}

}  // namespace
}  // namespace arena::sandbox::detail

namespace arena::sandbox::test {
namespace {

TEST(CliTest, SandboxFailureIsXXAndNonZero) {
  auto r = runCli("run -- /no/such/program");
  EXPECT_NE(r.exitStatus, 0);
  ASSERT_TRUE(r.json.is_object());
  EXPECT_EQ(r.json["status"], "XX");
  // A box that cannot be set up (its bind does not exist), in /box and elsewhere: the reason
  // comes back, and nothing ran.
  for (const char* box : {"/box/missing", "/missing"}) {
    auto setup = runCli(std::string("run --dir /no/such/dir:") + box + " -- /bin/true");
    EXPECT_EQ(setup.exitStatus, 2) << box;
    EXPECT_EQ(setup.json["status"], "XX") << setup.json.dump();
    EXPECT_NE(setup.json["message"].get<std::string>().find("/no/such/dir"), std::string::npos)
        << setup.json.dump();
  }
}

// Where musl is installed the command is linked with it (cmake/ArenaMuslCommand.cmake), so a
// cold run does not pay glibc's start-up; a build that quietly fell back would only be slower.
TEST(CliTest, CommandIsLinkedWithMuslWhereItIsInstalled) {
#if ARENA_SANDBOX_CLI_MUSL
  std::ifstream binary(ARENA_SANDBOX_CLI, std::ios::binary);
  ASSERT_TRUE(binary) << ARENA_SANDBOX_CLI;
  std::string bytes((std::istreambuf_iterator<char>(binary)), std::istreambuf_iterator<char>());
  EXPECT_GT(bytes.size(), 0u);
  // glibc's static start-up reads its tunables from the environment variable of this name.
  EXPECT_EQ(bytes.find("GLIBC_TUNABLES"), std::string::npos) << "glibc is linked in";
  auto r = runCli("run " + cliHelper("exit 0"));
  EXPECT_EQ(r.exitStatus, 0);
  EXPECT_EQ(r.json["status"], "OK") << r.json.dump();
#else
  GTEST_SKIP() << "built without musl (or under a sanitizer): the command uses glibc";
#endif
}

TEST(CliTest, CheckNamesTheIsolation) {
  auto r = runCli("check");
  ASSERT_TRUE(r.json.is_object());
  std::string iso = r.json["isolation"];
  EXPECT_TRUE(iso == "cgroup2" || iso == "cgroup1" || iso == "rlimit") << iso;
  EXPECT_TRUE(r.json["notes"].is_array());
}

}  // namespace
}  // namespace arena::sandbox::test
