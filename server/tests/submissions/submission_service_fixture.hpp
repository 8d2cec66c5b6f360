#pragma once
// A SubmissionService over the storage fixture's database, with a recording judge queue, a fake
// playground runner, three users (two contestants and a proctor) and one problem. Shared by the
// submit tests and the reading tests.

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "features/submissions/submission_service.hpp"
#include "judge_queue_double.hpp"
#include "storage_fixture.hpp"

namespace arena::server::submissions::testing {

using nlohmann::json;
using storage::testing::StorageTest;

constexpr std::size_t kTestCodeLimit = 1024;
constexpr std::size_t kTestStdinLimit = 2048;
const Timestamp kNow{std::chrono::milliseconds{1'790'000'000'000}};

class SubmissionServiceFixture : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_alice = principal(makeUser("alice"), "alice", model::Role::Contestant);
    m_bob = principal(makeUser("bob"), "bob", model::Role::Contestant);
    m_proctor = principal(makeUser("paula", model::Role::Proctor), "paula", model::Role::Proctor);

    model::Problem problem;
    problem.slug = "a-plus-b";
    problem.title = "A + B";
    problem.description = "Add two numbers.";
    problem.limits = {1500, 131072, 1024};
    auto created = storage().problems().create(problem);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    m_problem = created->problem;

    m_queue = std::make_unique<server::testing::RecordingJudgeQueue>(storage().submissions());
    SubmissionServiceOptions options;
    options.limits = {kTestCodeLimit, kTestStdinLimit};
    options.defaultPlaygroundLimits = {2000, 262144, 4096};
    options.now = [] { return kNow; };
    m_service = std::make_unique<SubmissionService>(
        storage().submissions(), storage().problems(), storage().analytics(), *m_queue,
        [this](const judging::PlaygroundRequest& request) -> Result<judging::PlaygroundResult> {
          m_runs.push_back(request);
          if (m_runnerError) return std::unexpected(*m_runnerError);
          return judging::PlaygroundResult{"OK", "3\n", "warning\n", "", 0, 12, 3456};
        },
        std::vector<LanguageInfo>{{"cpp17", "C++17", {".cpp", ".cc"}, {"cpp", "c++"}},
                                  {"python3", "Python 3", {".py"}, {}}},
        options);
  }

  static http::Principal principal(std::int64_t id, std::string name, model::Role role) {
    return {id, std::move(name), role};
  }

  json body(std::string code = "int main() {}") const {
    return {{"problem_id", m_problem.id}, {"language", "cpp17"}, {"code", std::move(code)}};
  }

  Result<SubmitOutcome> submit(const json& request, const http::Principal* who = nullptr) {
    return m_service->submit(who ? *who : m_alice, request);
  }

  // The error of a submit that must fail.
  Error refused(const json& request, const http::Principal* who = nullptr) {
    auto outcome = submit(request, who);
    EXPECT_FALSE(outcome.has_value()) << "accepted: " << request.dump().substr(0, 200);
    return outcome ? Error{} : outcome.error();
  }

  std::int64_t submitOk(const http::Principal& who, std::string code = "int main() {}") {
    auto outcome = submit(body(std::move(code)), &who);
    EXPECT_TRUE(outcome.has_value()) << outcome.error().message;
    return outcome ? outcome->body.at("id").get<std::int64_t>() : 0;
  }

  http::Principal m_alice;
  http::Principal m_bob;
  http::Principal m_proctor;
  model::Problem m_problem;
  std::unique_ptr<server::testing::RecordingJudgeQueue> m_queue;
  std::vector<judging::PlaygroundRequest> m_runs;
  std::optional<Error> m_runnerError;
  std::unique_ptr<SubmissionService> m_service;
};

}  // namespace arena::server::submissions::testing
