// Hostile programs: each must get the expected status, and after each run nothing may be
// left: no process of the box's uid, no file outside the box, the host listener untouched.

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <thread>

#include "test_support.hpp"

namespace arena::sandbox::test {
namespace {

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) {
      GTEST_SKIP() << "the hostile suite needs root (cgroups, a dedicated box uid)";
    }
    auto box = Sandbox::create(testOptions());
    ASSERT_TRUE(box.has_value()) << box.error().message;
    m_box.emplace(std::move(*box));
  }

  void TearDown() override {
    if (!m_box) {
      return;
    }
    // Nothing of the run may survive it.
    EXPECT_TRUE(processesOfUid(testFirstUid()).empty()) << "box processes left behind";
  }

  RunResult run(const RunSpec& spec) {
    auto r = m_box->run(spec);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r ? *r : RunResult{};
  }

  std::optional<Sandbox> m_box;
};

TEST_F(HostileTest, ForkBombIsContainedAndTimesOut) {
  auto spec = helperSpec({"forkbomb"});
  spec.cpuTimeMs = 500;
  spec.wallTimeMs = 1500;
  spec.processes = 32;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::TLE) << r.message;
}

TEST_F(HostileTest, DetachedForkBombCpuIsAccountedAndKilled) {
  auto spec = helperSpec({"forkbomb_detached"});
  spec.cpuTimeMs = 400;
  spec.wallTimeMs = 3000;
  spec.processes = 32;
  auto r = run(spec);
  // The parent only sleeps: the CPU is the detached grandchildren's, and it counts.
  EXPECT_EQ(r.status, Status::TLE) << r.message;
  EXPECT_GE(r.cpuMs, 400u);
  EXPECT_LT(r.wallMs, 2000u);
}

TEST_F(HostileTest, DetachedChildrenDieWithTheParent) {
  auto spec = helperSpec({"forkbomb_detached", "exit_now"});
  spec.processes = 32;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::OK) << r.message;
}

TEST_F(HostileTest, ThreadBombStopsAtTheProcessLimit) {
  auto spec = helperSpec({"threadbomb"});
  spec.cpuTimeMs = 300;
  spec.wallTimeMs = 1000;
  spec.processes = 20;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::TLE) << r.message;
  int created = std::atoi(r.stdoutData.c_str());
  EXPECT_GT(created, 0);
  EXPECT_LT(created, 20) << "threads beyond the limit";
}

TEST_F(HostileTest, MallocBombIsMemoryLimitExceeded) {
  auto spec = helperSpec({"malloc_bomb"});
  spec.memoryKb = 64 * 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::MLE) << r.message;
  EXPECT_GE(r.memoryKb, 60u * 1024);
}

TEST_F(HostileTest, MmapTouchBombIsMemoryLimitExceeded) {
  auto spec = helperSpec({"mmap_bomb"});
  spec.memoryKb = 64 * 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::MLE) << r.message;
}

TEST_F(HostileTest, DeepRecursionIsMemoryLimitExceeded) {
  auto spec = helperSpec({"recursion"});
  spec.memoryKb = 64 * 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::MLE) << r.message;
}

TEST_F(HostileTest, RecursionPastAnExplicitStackLimitIsRuntimeError) {
  auto spec = helperSpec({"recursion"});
  spec.memoryKb = 64 * 1024;
  spec.stackKb = 8 * 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::RE) << r.message;
  EXPECT_EQ(r.signal, SIGSEGV);
}

TEST_F(HostileTest, ProcessesTogetherOverTheLimitAreMemoryLimitExceeded) {
  // 4 x 40 MB: each alone is far below 128 MB, together they are not.
  auto spec = helperSpec({"memory_procs", "4", "40"});
  spec.memoryKb = 128 * 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::MLE) << r.message;
}

TEST_F(HostileTest, InfiniteLoopIsTimeLimitExceededWithinFiftyMs) {
  auto spec = helperSpec({"infinite"});
  spec.cpuTimeMs = 300;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::TLE) << r.message;
  EXPECT_GE(r.cpuMs, 300u);
  EXPECT_LE(r.cpuMs, 350u);
}

TEST_F(HostileTest, SleepingForeverHitsTheWallLimit) {
  auto spec = helperSpec({"sleep"});
  spec.cpuTimeMs = 1000;
  spec.wallTimeMs = 300;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::TLE) << r.message;
  EXPECT_GE(r.wallMs, 300u);
  EXPECT_LE(r.wallMs, 400u);
  EXPECT_LT(r.cpuMs, 50u);
}

TEST_F(HostileTest, IgnoringSigtermDoesNotHelp) {
  auto spec = helperSpec({"ignore_sigterm"});
  spec.cpuTimeMs = 200;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::TLE) << r.message;
}

TEST_F(HostileTest, ProgramIsNotPidOneSoSigtermKillsIt) {
  auto r = run(helperSpec({"sigterm_self"}));
  EXPECT_EQ(r.status, Status::RE) << r.message;
  EXPECT_EQ(r.signal, SIGTERM);
  auto pid = run(helperSpec({"pid"}));
  EXPECT_GT(std::atoi(pid.stdoutData.c_str()), 1) << "the program must not be PID 1";
}

TEST_F(HostileTest, StdoutFloodIsOutputLimitExceeded) {
  auto spec = helperSpec({"flood"});
  spec.outputKb = 1024;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::OLE) << r.message;
  EXPECT_EQ(r.stdoutData.size(), 1024u * 1024);
}

TEST_F(HostileTest, HugeFileIsOutputLimitExceeded) {
  auto spec = helperSpec({"huge_file", "/box/huge"});
  spec.outputKb = 2048;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::OLE) << r.message;
  EXPECT_EQ(r.signal, SIGXFSZ);
}

TEST_F(HostileTest, HugeFileInTmpIsOutputLimitExceeded) {
  auto spec = helperSpec({"huge_file", "/tmp/huge"});
  spec.outputKb = 2048;
  auto r = run(spec);
  EXPECT_EQ(r.status, Status::OLE) << r.message;
}

TEST_F(HostileTest, NoNetworkAndHostListenerSeesNothing) {
  int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  socklen_t len = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);

  auto r = run(helperSpec({"connect", std::to_string(port)}));
  EXPECT_EQ(r.status, Status::OK) << r.message << " " << r.stdoutData;
  EXPECT_EQ(r.exitCode, 0) << r.stdoutData;
  int conn = ::accept(listener, nullptr, nullptr);
  EXPECT_LT(conn, 0) << "the host listener got a connection";
  EXPECT_EQ(errno, EAGAIN);
  ::close(listener);
}

TEST_F(HostileTest, HostFilesOutsideTheBoxAreUnreadable) {
  std::string secret = "/tmp/arena-secret-" + std::to_string(::getpid());
  ASSERT_TRUE(writeText(secret, "secret"));
  ::chmod(secret.c_str(), 0644);
  auto r = run(helperSpec({"read_files", secret, "/etc/shadow", "/root/.bashrc",
                           std::string(ARENA_SANDBOX_CLI), "/sys/kernel/notes"}));
  ::unlink(secret.c_str());
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
}

TEST_F(HostileTest, WritingOutsideTheBoxFails) {
  std::string hostDir = "/tmp/arena-outside-" + std::to_string(::getpid());
  ASSERT_EQ(::mkdir(hostDir.c_str(), 0777), 0);
  ::chmod(hostDir.c_str(), 0777);
  auto r = run(helperSpec({"write_files", hostDir + "/x", "/usr/x", "/etc/x", "/x",
                           "/tmp/helpers/x", "/proc/x", "/dev/x"}));
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
  struct stat st {};
  EXPECT_NE(::stat((hostDir + "/x").c_str(), &st), 0) << "a file appeared outside the box";
  ::rmdir(hostDir.c_str());
}

TEST_F(HostileTest, KillMinusOneCannotReachSameUidProcessOutside) {
  // A victim with the box's own host uid, outside the box.
  pid_t victim = ::fork();
  ASSERT_GE(victim, 0);
  if (victim == 0) {
    if (::setresgid(testFirstUid(), testFirstUid(), testFirstUid()) != 0 ||
        ::setresuid(testFirstUid(), testFirstUid(), testFirstUid()) != 0) {
      ::_exit(3);
    }
    for (;;) {
      ::pause();
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto r = run(helperSpec({"kill_all"}));
  EXPECT_EQ(r.status, Status::OK) << r.message;
  int status = 0;
  EXPECT_EQ(::waitpid(victim, &status, WNOHANG), 0) << "the victim outside the box died";
  ::kill(victim, SIGKILL);
  ::waitpid(victim, &status, 0);
}

TEST_F(HostileTest, SetuidUnshareMountPtraceAreDenied) {
  auto r = run(helperSpec({"privileges"}));
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
  EXPECT_EQ(r.exitCode, 0) << r.stdoutData;
}

TEST_F(HostileTest, OnlyUnnamedUnixSocketPairsCanBeMade) {
  // The empty network namespace does not cover every family: AF_VSOCK reaches a VM's host.
  auto r = run(helperSpec({"socket_families"}));
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
  EXPECT_EQ(r.exitCode, 0) << r.stdoutData;
}

// A second box beside the test's own: `arena-sandbox run` under the next uid, with the helper
// bound as usual plus `more` options, running the helper with `args`. finish() waits for it
// and returns its JSON line, once nothing of it is left.
class SecondBox {
 public:
  SecondBox(const std::vector<std::string>& more, const std::vector<std::string>& args) {
    char out[] = "/tmp/arena-second-XXXXXX";
    m_outFd = ::mkstemp(out);
    m_out = out;
    std::vector<std::string> all = {ARENA_SANDBOX_CLI, "run", "--uid", std::to_string(uid()),
                                    "--wall-time", "3000", "--dir",
                                    std::string(kHelperHostDir) + ":" + kHelperBoxDir};
    all.insert(all.end(), more.begin(), more.end());
    all.push_back("--");
    all.push_back(kHelper);
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, m_outFd, 1);
    if (m_outFd < 0 || ::posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ)) {
      m_pid = -1;
    }
    ::posix_spawn_file_actions_destroy(&actions);
  }
  ~SecondBox() { (void)finish(); }

  static unsigned uid() { return testFirstUid() + 1; }
  bool started() const { return m_pid > 0; }

  std::string finish() {
    if (m_pid > 0) {
      int status = 0;
      ::waitpid(m_pid, &status, 0);
      m_pid = -1;
      m_json = readText(m_out);
      ::close(m_outFd);
      ::unlink(m_out.c_str());
      EXPECT_TRUE(noProcessOfUidWithin(uid(), std::chrono::seconds(2)))
          << "the second box left processes behind";
    }
    return m_json;
  }

 private:
  pid_t m_pid = -1;
  int m_outFd = -1;
  std::string m_out, m_json;
};

bool ranCleanly(const std::string& json) {
  return json.find("\"status\":\"OK\"") != std::string::npos &&
         json.find("\"exit_code\":0") != std::string::npos;
}

// The names of abstract UNIX sockets are scoped to a network namespace, and boxes that run at
// once do not share one (below); even so, no socket in a box may get a name, so two runs at
// once find no way to each other by name. Box A names sockets every
// way it can (bind, a socketpair's socket cut loose, autobind); box B tries every name it can
// see for as long as A waits.
TEST_F(HostileTest, AbstractUnixSocketsDoNotLinkTwoBoxesAtOnce) {
  const std::string name = "arena-link-" + std::to_string(::getpid());
  SecondBox boxB({}, {"unix_reach", name, "1500"});
  ASSERT_TRUE(boxB.started());
  auto boxA = run(helperSpec({"unix_listen", name, "1500"}));
  const std::string reached = boxB.finish();
  EXPECT_EQ(boxA.status, Status::OK) << boxA.message;
  EXPECT_EQ(boxA.exitCode, 0) << "box A: " << boxA.stdoutData;
  EXPECT_TRUE(ranCleanly(reached)) << "box B: " << reached;
}

// Starts a second box (a concurrent `arena-sandbox run`) in a hog `mode`, waits (bounded)
// until it has written its ready file, having taken what it could, and runs `meanwhile` while
// the box holds it all. `meanwhile` says what went wrong, "" for nothing.
template <class Meanwhile>
void whileASecondBoxHolds(const std::string& mode, Meanwhile meanwhile) {
  const TempHostDir dir(0777);  // the box writes its ready file here
  ASSERT_FALSE(dir.path.empty());
  SecondBox box({"--processes", "16", "--dir", dir.path + ":/box/out:rw"}, {mode, "/box/out"});
  ASSERT_TRUE(box.started());
  const std::string ready = dir.path + "/ready";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (::access(ready.c_str(), F_OK) != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const bool gotThere = ::access(ready.c_str(), F_OK) == 0;
  const std::string wrong = meanwhile();
  const std::string json = box.finish();
  EXPECT_TRUE(gotThere) << "the box never got that far: " << json;
  EXPECT_EQ(wrong, "") << "while the second box held what it took";
  EXPECT_TRUE(ranCleanly(json)) << json;
}

// /proc/net lists every socket of the network namespace it is read in: two boxes in one would
// each see when, and how many, sockets the other makes — a channel between two runs, however
// unnamed the sockets. So boxes that run at once never share a network namespace: a second
// box holds socket pairs while this one (a pooled or a direct slot), then another command
// (which may hold the kept cgroup, with its pinned namespace, or not), looks.
TEST_F(HostileTest, SocketsOfABoxAreNotSeenFromAnotherAtOnce) {
  whileASecondBoxHolds("unix_hold", [this] {
    auto census = run(helperSpec({"unix_census"}));
    return census.exitCode == 0 ? std::string() : census.stdoutData + census.message;
  });
  whileASecondBoxHolds("unix_hold", [] {
    SecondBox census({}, {"unix_census"});
    const std::string json = census.finish();
    return ranCleanly(json) ? std::string() : json;
  });
}

// Some per-user counts charge the box's processes to whoever made its user namespace — host
// root. A box that takes all it can of each must leave root its own: each test tries root's
// share while a second box holds all it took.
TEST_F(HostileTest, InotifyInstancesOfABoxLeaveHostRootItsOwn) {
  whileASecondBoxHolds("inotify_hog", [] {
    const int fd = ::inotify_init1(IN_CLOEXEC);
    const std::string error = fd < 0 ? std::strerror(errno) : "";
    if (fd >= 0) ::close(fd);
    return error;
  });
}

TEST_F(HostileTest, QueuedSignalsOfABoxLeaveHostRootItsOwn) {
  whileASecondBoxHolds("signal_hog", [] {
    sigset_t rt, old;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    ::pthread_sigmask(SIG_BLOCK, &rt, &old);
    const std::string error =
        ::sigqueue(::getpid(), SIGRTMIN, sigval{}) == 0 ? "" : std::strerror(errno);
    timespec none{};
    while (::sigtimedwait(&rt, nullptr, &none) == SIGRTMIN) {
    }
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return error;
  });
}

// Native AIO events come from one pool for the whole host (fs.aio-max-nr).
TEST_F(HostileTest, AioEventsOfABoxLeaveTheHostItsOwn) {
  whileASecondBoxHolds("aio_hog", [] {
    aio_context_t ctx = 0;
    if (::syscall(SYS_io_setup, 1, &ctx) != 0) return std::string(std::strerror(errno));
    ::syscall(SYS_io_destroy, ctx);
    return std::string();
  });
}

// Huge pages come from the host's preallocated pool, outside any memory cgroup v1. The test
// reserves two more for its duration (a host without huge pages has no pool to take), one
// test process at a time (the keeper and the direct suites run in parallel).
TEST_F(HostileTest, HugePagesOfTheHostPoolStayTheHosts) {
  const int lock = ::open("/tmp/arena-test-hugepages.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  ASSERT_GE(lock, 0);
  ::flock(lock, LOCK_EX);
  const std::string knob = "/proc/sys/vm/nr_hugepages";
  auto reserve = [&](long pages) {
    std::ofstream(knob) << pages << "\n";
    return std::atol(readText(knob).c_str()) == pages;
  };
  struct Restore {
    std::function<bool(long)> reserve;
    long pages;
    int lock;
    ~Restore() {
      reserve(pages);
      ::close(lock);
    }
  } restore{reserve, std::atol(readText(knob).c_str()), lock};
  if (!reserve(restore.pages + 2)) {
    GTEST_SKIP() << "this host cannot reserve huge pages";
  }
  whileASecondBoxHolds("hugetlb_hog", [] {
    void* page = ::mmap(nullptr, 2 << 20, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0);
    if (page == MAP_FAILED) return std::string(std::strerror(errno));
    ::munmap(page, 2 << 20);
    return std::string();
  });
}

TEST_F(HostileTest, TheBoxInitCannotBeTamperedWith) {
  // Lowering pid 1's limits or priority would poison every later run in the slot.
  auto r = run(helperSpec({"tamper_init"}));
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
  EXPECT_EQ(r.exitCode, 0) << r.stdoutData;
  auto after = run(helperSpec({"true"}));
  EXPECT_EQ(after.status, Status::OK) << after.message;
}

TEST_F(HostileTest, I386SyscallIsASecurityViolation) {
  auto r = run(helperSpec({"i386"}));
  EXPECT_EQ(r.status, Status::SV) << r.message << " " << r.stdoutData;
  EXPECT_EQ(r.signal, SIGSYS);
}

TEST_F(HostileTest, X32SyscallIsASecurityViolation) {
  auto r = run(helperSpec({"x32"}));
  EXPECT_EQ(r.status, Status::SV) << r.message << " " << r.stdoutData;
}

// The box keeps its IPC namespace between runs only while no System V object is left in it.
TEST_F(HostileTest, IpcObjectsOfOneRunAreGoneInTheNext) {
  auto leave = run(helperSpec({"ipc_leave"}));
  ASSERT_EQ(leave.status, Status::OK) << leave.message << " " << leave.stderrData;
  auto find = run(helperSpec({"ipc_find"}));
  EXPECT_EQ(find.status, Status::OK) << "left over: " << find.stdoutData;
  auto again = run(helperSpec({"ipc_find"}));  // and a run that made nothing changes nothing
  EXPECT_EQ(again.status, Status::OK) << again.stdoutData;
}

// A command's box takes a pinned IPC namespace while it holds the kept cgroup (as the second
// of two commands in a row mostly does): what the first one's run left there is gone for it.
TEST_F(HostileTest, IpcObjectsOfOneCommandAreGoneInTheNext) {
  const std::string left = SecondBox({}, {"ipc_leave"}).finish();
  ASSERT_TRUE(ranCleanly(left)) << left;
  const std::string found = SecondBox({}, {"ipc_find"}).finish();
  EXPECT_TRUE(ranCleanly(found)) << "left over: " << found;
}

TEST_F(HostileTest, PosixMessageQueuesAreRefused) {
  auto r = run(helperSpec({"mq_open"}));
  EXPECT_EQ(r.status, Status::OK) << r.stdoutData;
}

}  // namespace
}  // namespace arena::sandbox::test
