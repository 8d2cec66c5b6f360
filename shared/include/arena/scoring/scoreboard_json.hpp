#pragma once
// Scoreboards as JSON text, in the shape of the ICPC Contest API's /scoreboard rows (snake_case,
// minutes for times), written straight into a string: a live board is serialised after every
// verdict, so this avoids building a JSON tree of thousands of cells each time.
//
//   {"view":"public","rows":[{"rank":1,"team_id":7,"score":{"num_solved":2,"total_time":85},
//     "problems":[{"problem_id":3,"num_judged":1,"num_pending":0,"solved":true,"time":20,
//                  "first_to_solve":true}, ...]}, ...]}
//   IOI: "score":{"total":172.5}, cells {"problem_id","score","num_judged","num_pending"}.
//
// The *RowsJson forms carry only the named teams' rows (in ranking order): the delta a live
// client applies after a ScoreboardChange.

#include <cstdint>
#include <span>
#include <string>

#include "arena/scoring/icpc_scoreboard.hpp"
#include "arena/scoring/ioi_scoreboard.hpp"
#include "arena/scoring/resolver.hpp"

namespace arena::scoring {

std::string toJson(const IcpcScoreboard& board, ScoreboardView view);
std::string rowsToJson(const IcpcScoreboard& board, ScoreboardView view,
                       std::span<const std::int64_t> teamIds);
// The same into `out` (cleared first): a caller serialising after every verdict keeps one
// buffer, so a large board does not cost a fresh half-megabyte allocation each time.
void writeJson(std::string& out, const IcpcScoreboard& board, ScoreboardView view);

std::string toJson(const IoiScoreboard& board, ScoreboardView view);
void writeJson(std::string& out, const IoiScoreboard& board, ScoreboardView view);
std::string rowsToJson(const IoiScoreboard& board, ScoreboardView view,
                       std::span<const std::int64_t> teamIds);

// A board mid-reveal (resolver.hpp): its rows as the public sees them, in the public view's shape.
void writeJson(std::string& out, const IcpcResolver& resolver);
void writeJson(std::string& out, const IoiResolver& resolver);
std::string rowsToJson(const IcpcResolver& resolver, std::span<const std::int64_t> teamIds);
std::string rowsToJson(const IoiResolver& resolver, std::span<const std::int64_t> teamIds);

}  // namespace arena::scoring
