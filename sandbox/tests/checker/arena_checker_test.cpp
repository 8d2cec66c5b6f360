// The arena-checker program with the Kattis calling convention and exit codes.

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

class ArenaCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("arena-checker-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "feedback");
    write("input", "3\n");
    write("answer", "3.14159\n");
  }
  void TearDown() override { fs::remove_all(m_dir); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(m_dir / name, std::ios::binary) << text;
  }

  std::string read(const std::string& name) {
    std::ifstream file(m_dir / name);
    std::stringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
  }

  // Runs the checker on `output` and returns its exit code.
  int check(const std::string& output, const std::string& args) {
    write("output", output);
    const std::string command = std::string(ARENA_CHECKER_PATH) + " " + args + " 2>" +
                                (m_dir / "stderr").string() + " <" + (m_dir / "output").string();
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string files() const {
    return (m_dir / "input").string() + " " + (m_dir / "answer").string() + " " +
           (m_dir / "feedback").string() + "/";
  }

  fs::path m_dir;
};

TEST_F(ArenaCheckerTest, AcceptsWith42) {
  EXPECT_EQ(check("3.14159\n", files()), 42);
  EXPECT_EQ(read("feedback/judgemessage.txt"), "");
}

TEST_F(ArenaCheckerTest, RejectsWith43AndSaysWhyInTheFeedbackDirectory) {
  EXPECT_EQ(check("3.1416\n", files()), 43);
  EXPECT_NE(read("feedback/judgemessage.txt").find("expected '3.14159', got '3.1416'"),
            std::string::npos);
}

TEST_F(ArenaCheckerTest, FlagsBeforeOrAfterTheFiles) {
  EXPECT_EQ(check("3.1416\n", "float_tolerance 1e-4 " + files()), 42);
  EXPECT_EQ(check("3.1416\n", files() + " float_absolute_tolerance 1e-4"), 42);
  EXPECT_EQ(check("3.1416\n", files() + " float_relative_tolerance 1e-9"), 43);
}

TEST_F(ArenaCheckerTest, EmptyOutputIsAWrongAnswer) { EXPECT_EQ(check("", files()), 43); }

TEST_F(ArenaCheckerTest, BadCallsAreJudgeErrorsNeverAVerdict) {
  EXPECT_EQ(check("3.14159\n", files() + " float_tolerance"), 1);
  EXPECT_EQ(check("3.14159\n", files() + " bogus_flag"), 1);
  EXPECT_EQ(check("3.14159\n", (m_dir / "input").string()), 1);
  EXPECT_EQ(check("3.14159\n", (m_dir / "input").string() + " " + (m_dir / "missing").string() +
                                   " " + (m_dir / "feedback").string()),
            1);
  EXPECT_EQ(check("3.14159\n", (m_dir / "input").string() + " " + (m_dir / "answer").string() +
                                   " " + (m_dir / "no-such-dir").string()),
            1);
  EXPECT_NE(read("stderr").find("usage: arena-checker"), std::string::npos);
}

}  // namespace
