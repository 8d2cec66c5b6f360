// The arena-executor binary as a user starts it: flags, the URL line on stdout, serving, and a
// clean exit on SIGTERM.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <gtest/gtest.h>

#include "arena/judge/temp_dir.hpp"

extern char** environ;

namespace arena::executor {
namespace {

struct Child {
  pid_t pid = -1;
  int stdoutFd = -1;
};

Child spawn(const std::vector<std::string>& args) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  Child child;
  if (posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    child.pid = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  child.stdoutFd = pipeFds[0];
  return child;
}

std::string readLine(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line += c;
  return line;
}

int waitExit(pid_t pid) {
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -2;  // did not stop in 10 s
}

TEST(ExecutorBinaryTest, PrintsItsUrlServesAndStopsOnSigterm) {
  auto dir = judge::TempDir::create(std::filesystem::temp_directory_path(), "executor-bin-",
                                    judge::kTraversable);
  ASSERT_TRUE(dir);
  Child child = spawn({ARENA_EXECUTOR_BINARY, "--port", "0", "--sandboxes", "1", "--languages",
                       ARENA_TEST_LANGUAGES_FILE, "--cache-dir", (dir->path() / "cache").string(),
                       "--work-dir", (dir->path() / "work").string()});
  ASSERT_GT(child.pid, 0);
  const std::string line = readLine(child.stdoutFd);
  close(child.stdoutFd);
  const auto at = line.find("http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << line;
  const int port = std::stoi(line.substr(at + 17));
  ASSERT_GT(port, 0);

  Poco::Net::HTTPClientSession client("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
  client.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = client.receiveResponse(response);
  std::string text((std::istreambuf_iterator<char>(body)), std::istreambuf_iterator<char>());
  EXPECT_EQ(static_cast<int>(response.getStatus()), 200);
  EXPECT_EQ(text, R"({"status":"ok"})");

  kill(child.pid, SIGTERM);
  EXPECT_EQ(waitExit(child.pid), 0);
}

TEST(ExecutorBinaryTest, BadFlagsExitWithUsage) {
  Child child = spawn({ARENA_EXECUTOR_BINARY, "--port", "http"});
  ASSERT_GT(child.pid, 0);
  close(child.stdoutFd);
  EXPECT_EQ(waitExit(child.pid), 1);

  Child help = spawn({ARENA_EXECUTOR_BINARY, "--help"});
  ASSERT_GT(help.pid, 0);
  EXPECT_NE(readLine(help.stdoutFd).find("usage: arena-executor"), std::string::npos);
  close(help.stdoutFd);
  EXPECT_EQ(waitExit(help.pid), 0);
}

TEST(ExecutorBinaryTest, AMissingLanguageTableIsAStartupError) {
  Child child = spawn({ARENA_EXECUTOR_BINARY, "--port", "0", "--languages", "/nonexistent.json"});
  ASSERT_GT(child.pid, 0);
  close(child.stdoutFd);
  EXPECT_EQ(waitExit(child.pid), 1);
}

}  // namespace
}  // namespace arena::executor
