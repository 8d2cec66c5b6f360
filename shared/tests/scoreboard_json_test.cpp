// The scoreboard JSON text: parsed back and compared with the expected document.

#include "arena/scoring/scoreboard_json.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "scoreboard_test_support.hpp"

namespace arena::scoring {
namespace {

using model::Verdict;
using nlohmann::json;
using testing::at;
using testing::submission;

IcpcScoreboard smallIcpcBoard() {
  IcpcScoreboard board({11, 12}, {1, 2}, IcpcOptions{20, at(60)});
  EXPECT_TRUE(board.apply(submission(1, 2, 11, at(5), Verdict::WrongAnswer)));
  EXPECT_TRUE(board.apply(submission(2, 2, 11, at(9), Verdict::Accepted)));
  EXPECT_TRUE(board.apply(submission(3, 1, 12, at(61), Verdict::Accepted)));
  return board;
}

TEST(ScoreboardJsonTest, IcpcBoardHasTheContestApiShape) {
  const auto board = smallIcpcBoard();
  const json expected = json::parse(R"({"view":"public","rows":[
    {"rank":1,"team_id":2,"score":{"num_solved":1,"total_time":29},"problems":[
      {"problem_id":11,"num_judged":2,"num_pending":0,"solved":true,"time":9,"first_to_solve":true},
      {"problem_id":12,"num_judged":0,"num_pending":0,"solved":false,"first_to_solve":false}]},
    {"rank":2,"team_id":1,"score":{"num_solved":0,"total_time":0},"problems":[
      {"problem_id":11,"num_judged":0,"num_pending":0,"solved":false,"first_to_solve":false},
      {"problem_id":12,"num_judged":0,"num_pending":1,"solved":false,"first_to_solve":false}]}]})");
  EXPECT_EQ(json::parse(toJson(board, ScoreboardView::Public)), expected);
}

TEST(ScoreboardJsonTest, RowsToJsonCarriesOnlyTheNamedRowsInRankOrder) {
  const auto board = smallIcpcBoard();
  const std::vector<std::int64_t> changed{2, 1};
  const json delta = json::parse(rowsToJson(board, ScoreboardView::Jury, changed));
  EXPECT_EQ(delta["view"], "jury");
  ASSERT_EQ(delta["rows"].size(), 2u);
  // In the jury view both solved one problem; team 2's 29 minutes beat team 1's 61.
  EXPECT_EQ(delta["rows"][0]["team_id"], 2);
  EXPECT_EQ(delta["rows"][1]["team_id"], 1);
  EXPECT_EQ(delta["rows"][1]["problems"][1]["time"], 61);

  const std::vector<std::int64_t> one{1};
  const json single = json::parse(rowsToJson(board, ScoreboardView::Jury, one));
  ASSERT_EQ(single["rows"].size(), 1u);
  EXPECT_EQ(single["rows"][0]["team_id"], 1);
  const json none = json::parse(rowsToJson(board, ScoreboardView::Jury, {}));
  EXPECT_TRUE(none["rows"].empty());
}

TEST(ScoreboardJsonTest, IoiBoardCarriesFractionalPointsExactly) {
  IoiScoreboard board({7}, {3});
  ASSERT_TRUE(board.apply(submission(1, 3, 7, at(1), Verdict::WrongAnswer, {12.5, 60})));
  const json expected = json::parse(R"({"view":"jury","rows":[
    {"rank":1,"team_id":3,"score":{"total":72.5},"problems":[
      {"problem_id":7,"score":72.5,"num_judged":1,"num_pending":0}]}]})");
  EXPECT_EQ(json::parse(toJson(board, ScoreboardView::Jury)), expected);
}

TEST(ScoreboardJsonTest, WriteJsonReplacesTheBufferContents) {
  const auto board = smallIcpcBoard();
  std::string buffer = "stale bytes that must go";
  writeJson(buffer, board, ScoreboardView::Jury);
  EXPECT_EQ(buffer, toJson(board, ScoreboardView::Jury));
  writeJson(buffer, board, ScoreboardView::Public);
  EXPECT_EQ(buffer, toJson(board, ScoreboardView::Public));
}

TEST(ScoreboardJsonTest, EmptyBoardIsValidJson) {
  IcpcScoreboard board({}, {});
  EXPECT_EQ(json::parse(toJson(board, ScoreboardView::Jury)),
            json::parse(R"({"view":"jury","rows":[]})"));
}

}  // namespace
}  // namespace arena::scoring
