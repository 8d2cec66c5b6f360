#include "features/brackets/bracket_routes.hpp"

#include <charconv>
#include <limits>

#include "arena/protocol/json_reader.hpp"
#include "http/json_body.hpp"

namespace arena::server::brackets {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxUsernameLength = 64;

Result<std::int64_t> idParam(const http::Request& request) {
  const std::string& text = request.pathParam("id");
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) {
    return fail(ErrorCode::NotFound, "no bracket with id '" + text + "'");
  }
  return value;
}

json optionalTime(const std::optional<Timestamp>& at) {
  return at ? json(formatTimestamp(*at)) : json(nullptr);
}

json optionalId(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

std::string roundName(int round, int rounds) {
  if (round == rounds - 1) return "Final";
  if (round == rounds - 2) return "Semifinals";
  if (round == rounds - 3) return "Quarterfinals";
  return "Round " + std::to_string(round + 1);
}

// waiting: a player is still to come; ready: both known, the duel about to start (or waiting for
// a busy player); playing: the duel is on; decided: a winner.
std::string_view slotState(const Slot& slot) {
  if (slot.winnerId) return "decided";
  if (slot.matchId) return "playing";
  if (slot.player1 && slot.player2) return "ready";
  return "waiting";
}

Result<PlayerRef> playerFromJson(const json& value, const std::string& path) {
  if (value.is_number_integer()) {
    const auto id = value.get<std::int64_t>();
    if (id < 1) return fail(ErrorCode::InvalidArgument, path + ": must be a positive user id");
    return PlayerRef{id, {}};
  }
  if (value.is_string()) {
    const auto& name = value.get_ref<const std::string&>();
    if (name.empty() || name.size() > kMaxUsernameLength) {
      return fail(
          ErrorCode::InvalidArgument,
          path + ": a username is 1 to " + std::to_string(kMaxUsernameLength) + " characters");
    }
    return PlayerRef{std::nullopt, name};
  }
  return fail(ErrorCode::InvalidArgument, path + ": must be a user id or a username");
}

}  // namespace

Result<BracketRequest> bracketRequestFromJson(const json& body) {
  auto reader = protocol::readObject(body, "bracket");
  if (!reader) return std::unexpected(reader.error());
  BracketRequest request;
  request.name = reader->string("name", 1, kMaxNameLength);
  if (reader->ok() && request.name.find_first_not_of(" \t\r\n") == std::string::npos) {
    reader->reject("name", "must not be blank");
  }
  // One more than allowed is read, so "too many" is the service's clear message, not a cut list.
  request.players = reader->array<PlayerRef>("players", kMaxPlayers + 1, playerFromJson);
  request.rated = reader->optionalBoolean("rated").value_or(false);
  if (body.contains("problem_ids") && !body["problem_ids"].is_null()) {
    request.problemIds = reader->array<std::int64_t>(
        "problem_ids", kMaxPoolProblems,
        [](const json& value, const std::string& path) -> Result<std::int64_t> {
          if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
            return fail(ErrorCode::InvalidArgument, path + ": must be a positive problem id");
          }
          return value.get<std::int64_t>();
        });
  }
  return reader->finish(std::move(request));
}

json summaryJson(const BracketSummary& summary) {
  return {{"id", summary.id},
          {"name", summary.name},
          {"rated", summary.rated},
          {"status", std::string(model::enumName(summary.status))},
          {"champion_id", optionalId(summary.championId)},
          {"player_count", summary.playerCount},
          {"created_by", summary.createdBy},
          {"created_at", formatTimestamp(summary.createdAt)},
          {"finished_at", optionalTime(summary.finishedAt)}};
}

json bracketJson(const BracketRecord& bracket) {
  json out = summaryJson(bracket.summary);
  auto playerJson = [&](const std::optional<std::int64_t>& id) -> json {
    if (!id) return nullptr;
    const Entrant* entrant = bracket.entrant(*id);
    if (entrant == nullptr) return {{"user_id", *id}, {"username", ""}, {"seed", nullptr}};
    return {{"user_id", *id}, {"username", entrant->username}, {"seed", entrant->seed}};
  };
  json players = json::array();
  for (const Entrant& entrant : bracket.entrants) {
    players.push_back({{"user_id", entrant.userId},
                       {"username", entrant.username},
                       {"seed", entrant.seed},
                       {"rating", entrant.rating}});
  }
  const int rounds = bracket.rounds();
  json roundList = json::array();
  for (int round = 0; round < rounds; ++round) {
    json slots = json::array();
    for (const Slot& slot : bracket.slots) {
      if (slot.round != round) continue;
      slots.push_back(
          {{"round", slot.round},
           {"position", slot.position},
           {"state", std::string(slotState(slot))},
           {"player1", playerJson(slot.player1)},
           {"player2", playerJson(slot.player2)},
           {"match_id", optionalId(slot.matchId)},
           {"winner_id", optionalId(slot.winnerId)},
           {"decided_by",
            slot.decidedBy ? json(std::string(model::enumName(*slot.decidedBy))) : json(nullptr)}});
    }
    roundList.push_back({{"round", round}, {"name", roundName(round, rounds)}, {"slots", slots}});
  }
  out["champion"] = playerJson(bracket.summary.championId);
  out["players"] = players;
  out["problem_ids"] = bracket.problems;
  out["rounds"] = roundList;
  out["draw_rule"] = "fewer wrong tries, then the higher seed";
  return out;
}

void registerBracketRoutes(http::Router& router, BracketService& service) {
  router.add({"POST", "/api/brackets", http::Access::Proctor,
              "Start a single-elimination bracket of duels for a class (seeded by rating, byes "
              "for the top seeds, unrated unless rated is true)",
              true},
             [&service](http::Request& request) -> Result<http::Response> {
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               auto parsed = bracketRequestFromJson(*body);
               if (!parsed) return std::unexpected(parsed.error());
               parsed->createdBy = request.principal->userId;
               auto created = service.create(*parsed);
               if (!created) return std::unexpected(created.error());
               return http::Response::json(bracketJson(*created), 201);
             });

  router.add({"GET", "/api/brackets", http::Access::Authenticated, "Brackets, newest first"},
             [&service](http::Request&) -> Result<http::Response> {
               auto brackets = service.list();
               if (!brackets) return std::unexpected(brackets.error());
               json list = json::array();
               for (const BracketSummary& summary : *brackets) list.push_back(summaryJson(summary));
               return http::Response::json({{"brackets", list}});
             });

  router.add({"GET", "/api/brackets/{id}", http::Access::Authenticated,
              "A bracket: rounds, slots, players, duel ids, winners, champion"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = idParam(request);
               if (!id) return std::unexpected(id.error());
               auto bracket = service.find(*id);
               if (!bracket) return std::unexpected(bracket.error());
               return http::Response::json(bracketJson(*bracket));
             });
}

}  // namespace arena::server::brackets
