#pragma once
// Shared by the judging tests: a Storage in a temporary directory with a user and a problem,
// and one Sandbox per test process.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "arena/judge/temp_dir.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "storage/storage.hpp"

namespace arena::server::judging::testing {

// The process's Sandbox. ctest runs each test case in its own process, possibly two at once,
// so the uids come from the executable's block of 1000 offset by the pid.
inline sandbox::Sandbox* sharedSandbox(std::uint32_t uidBlock, std::uint32_t slots = 2) {
  static std::unique_ptr<sandbox::Sandbox> box;
  if (!box) {
    sandbox::SandboxOptions options;
    options.slots = slots;
    options.firstUid = uidBlock + static_cast<std::uint32_t>(getpid() % 200) * 4;
    auto created = sandbox::Sandbox::create(options);
    if (!created) {
      ADD_FAILURE() << "sandbox: " << created.error().message;
      return nullptr;
    }
    box = std::make_unique<sandbox::Sandbox>(std::move(*created));
  }
  return box.get();
}

inline std::unique_ptr<storage::Storage> openStorage(const std::filesystem::path& dir) {
  auto opened = storage::Storage::open("sqlite://" + (dir / "arena.db").string());
  if (!opened) {
    ADD_FAILURE() << opened.error().message;
    return nullptr;
  }
  return std::move(*opened);
}

inline std::int64_t makeUser(storage::Storage& storage, const std::string& name) {
  auto user = storage.users().create({name + "@example.org", name,
                                      "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
                                      model::Role::Contestant});
  EXPECT_TRUE(user.has_value()) << user.error().message;
  return user ? user->user.id : 0;
}

struct TestRow {
  std::string input;
  std::string output;
  bool isPublic = false;
};

inline std::int64_t makeProblem(storage::Storage& storage, const std::string& slug,
                                const std::vector<TestRow>& rows,
                                model::Limits limits = {1000, 262144, 65536}) {
  model::Problem problem;
  problem.slug = slug;
  problem.title = "Problem " + slug;
  problem.description = "Add two numbers.";
  problem.limits = limits;
  auto created = storage.problems().create(problem);
  EXPECT_TRUE(created.has_value()) << created.error().message;
  if (!created) return 0;
  std::vector<model::TestCase> tests;
  for (const auto& row : rows) tests.push_back({0, 0, row.input, row.output, row.isPublic});
  auto replaced = storage.problems().replaceTestCases(created->problem.id, tests);
  EXPECT_TRUE(replaced.has_value()) << replaced.error().message;
  return created->problem.id;
}

inline std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The value of one series in a Prometheus text rendering ("name{labels} value"); 0 if absent.
inline double metricValue(const std::string& rendered, const std::string& series) {
  std::istringstream lines(rendered);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
  }
  return 0;
}

}  // namespace arena::server::judging::testing
