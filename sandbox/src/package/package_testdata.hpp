#pragma once
// The test data reader's shared state, split over three files by dialect:
//   package_testdata.cpp         the walk of data/, case discovery, judging order
//   package_testdata_legacy.cpp  legacy groups and testdata.yaml
//   package_testdata_2025.cpp    2025-09 sample/secret/groups and test_group.yaml

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "package_parts.hpp"

namespace arena::judge::detail {

// Settings a group hands down to its cases (and, where the dialect says so, to subgroups).
struct GroupSettings {
  std::vector<std::string> args;
  std::vector<std::string> outputValidatorArgs;
  std::vector<std::string> inputValidatorArgs;
  bool fullFeedback = false;
  // legacy grader
  ScoreAggregation aggregation = ScoreAggregation::Sum;
  double acceptScore = 1.0;
  bool continueOnReject = false;
  bool ignoreSample = false;
  std::optional<double> rangeMax;
};

// Reads data/ into ProblemPackage::data (see the theory of operation in package_testdata.cpp).
class TestDataReader {
 public:
  TestDataReader(PackageContext& context, ProblemPackage& package)
      : m_context(context), m_package(package) {}

  Result<void> read();

 private:
  bool modern() const { return m_package.format == PackageFormat::Kattis2025; }
  bool scoring() const { return m_package.type.scoring; }
  std::filesystem::path dataDir() const { return m_context.root() / "data"; }

  Result<TestGroup> readLegacyGroup(const std::filesystem::path& dir, const std::string& name,
                                    const GroupSettings& inherited, bool isSample);
  Result<GroupSettings> readLegacyTestdata(const std::filesystem::path& file,
                                           const std::string& groupName);

  Result<TestGroup> readModernTop(const std::filesystem::path& dir, const std::string& name);
  Result<TestGroup> readModernGroup(const std::filesystem::path& dir, const std::string& name,
                                    const GroupSettings& inherited);
  Result<GroupSettings> readTestGroupYaml(const std::filesystem::path& dir,
                                          const std::string& groupName, GroupSettings settings,
                                          TestGroup& group);

  // Cases directly in `dir` (and, with `recurse`, in its subdirectories, which must not be
  // groups); subdirectories that are not part of a case are returned in `subdirs`.
  Result<void> scanCases(const std::filesystem::path& dir, const std::string& name,
                         const GroupSettings& settings, bool isSample, bool recurse,
                         std::vector<TestCase>& cases, std::vector<std::filesystem::path>& subdirs,
                         bool nested = false);
  Result<void> readCaseYaml(const std::filesystem::path& file, TestCase& testCase);

  static void buildOrder(TestGroup& group);
  void assignModernScores(TestGroup& secret);

  PackageContext& m_context;
  ProblemPackage& m_package;
};

}  // namespace arena::judge::detail
