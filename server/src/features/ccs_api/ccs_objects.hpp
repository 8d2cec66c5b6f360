#pragma once
// CodeArena's data as the ICPC Contest API's objects (2023-06), for one contest and one viewer.
// Theory of operation: every endpoint and the event feed are built from one snapshot, made by
// collect(), so a collection, its /{id} and the feed can never disagree.
//
// Mapping:
//   contest          the contest; id as a string; pass-fail (ICPC, penalty 20) or score (IOI)
//   state            started/frozen/ended/thawed/finalized/end_of_updates from its phase;
//                    finalized (and end_of_updates) once ended, revealed (or never frozen) and
//                    nothing is left to judge
//   judgement-types  our verdicts: AC WA TLE MLE RTE OLE CE JE SV
//   languages        the judge's language table
//   problems         the contest's problems in board order: label, rgb/color, time limit
//   organizations    none (CodeArena has no affiliations); the endpoint answers []
//   teams            the contest's teams (an individual is a team of one)
//   submissions      contest submissions; time = arrival, contest_time = the time it counts at
//   judgements       one per judging attempt ("<submission>-<attempt>"); no end time until judged
//   runs             per-test results of a finished judgement ("<judgement>-<test>")
//   clarifications   a question ("q<id>", from its team), its answer ("a<id>", reply_to the
//                    question, to the team when private) and announcements ("n<id>")
//
// Who sees what (the spec's public vs. jury):
//   Jury    everything
//   Team    the public view, plus its own judgements/runs and its own clarifications
//   Public  problems only from the start; judgements and runs of submissions made after the
//           freeze hidden while the board is frozen; clarifications only those shown to all
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "storage/clarification_repository.hpp"
#include "storage/contest_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::ccs_api {

enum class Audience { Public, Team, Jury };

struct Viewer {
  Audience audience = Audience::Public;
  std::optional<std::int64_t> teamId;  // set for Audience::Team
};

struct CcsLanguage {
  std::string id;
  std::string name;
  std::vector<std::string> extensions;  // without the dot
};

// The repositories a snapshot is read from.
struct CcsSources {
  storage::ContestRepository& contests;
  storage::ClarificationRepository& clarifications;
  storage::ProblemRepository& problems;
  storage::SubmissionRepository& submissions;
  std::vector<CcsLanguage> languages;
};

// The collection types in the order the feed introduces them (objects before what refers to them).
inline const std::vector<std::string> kCollectionTypes{
    "judgement-types", "languages",  "problems", "organizations", "teams",
    "submissions",     "judgements", "runs",     "clarifications"};

struct CcsSnapshot {
  nlohmann::json contest;
  nlohmann::json state;
  bool finalized = false;
  // One array per kCollectionTypes entry, same order; objects by id.
  std::vector<nlohmann::json> collections;

  const nlohmann::json* collection(const std::string& type) const;
};

Result<CcsSnapshot> collect(CcsSources& sources, const storage::ContestRecord& contest,
                            const Viewer& viewer, Timestamp now);

}  // namespace arena::server::ccs_api
