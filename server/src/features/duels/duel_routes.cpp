#include "features/duels/duel_routes.hpp"

#include <charconv>

#include "arena/protocol/json_reader.hpp"
#include "http/json_body.hpp"

namespace arena::server::duels {

namespace {

using nlohmann::json;

std::optional<std::int64_t> parseId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

Result<std::int64_t> idParam(const http::Request& request, std::string_view what) {
  const auto id = parseId(request.pathParam("id"));
  if (!id) {
    return fail(ErrorCode::NotFound,
                "no " + std::string(what) + " with id '" + request.pathParam("id") + "'");
  }
  return *id;
}

json optionalTime(const std::optional<Timestamp>& at) {
  return at ? json(formatTimestamp(*at)) : json(nullptr);
}

Result<NewDuel> newDuelFromJson(const json& body) {
  auto reader = protocol::readObject(body, "match");
  if (!reader) return std::unexpected(reader.error());
  constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
  NewDuel duel;
  duel.player1Id = reader->integer("player1", 1, kMaxId);
  duel.player2Id = reader->integer("player2", 1, kMaxId);
  duel.problemId = reader->integer("problem_id", 1, kMaxId);
  duel.rated = reader->optionalBoolean("rated").value_or(false);
  return reader->finish(duel);
}

}  // namespace

json ratingPointJson(const RatingPoint& point) {
  return {{"rating", point.rating},
          {"previous_rating", point.previousRating ? json(*point.previousRating) : json(nullptr)},
          {"delta", point.previousRating ? json(point.rating - *point.previousRating)
                                         : json(nullptr)},
          {"rating_deviation", point.ratingDeviation},
          {"volatility", point.volatility},
          {"match_id", point.matchId ? json(*point.matchId) : json(nullptr)},
          {"changed_at", formatTimestamp(point.changedAt)}};
}

json matchViewJson(const MatchView& view, bool showProblemEarly) {
  const model::Match& match = view.duel.match;
  const bool showProblem = showProblemEarly || view.state != DuelState::Countdown;
  json players = json::array();
  for (const PlayerView& player : view.players) {
    json verdicts = json::array();
    for (const auto& verdict : player.verdicts) {
      verdicts.push_back(verdict ? json(std::string(model::enumName(*verdict))) : json(nullptr));
    }
    players.push_back({{"user_id", player.userId},
                       {"username", player.username},
                       {"rating", player.rating},
                       {"rating_deviation", player.ratingDeviation},
                       {"tries", player.tries},
                       {"verdicts", verdicts},
                       {"solved", player.solved}});
  }
  json result = nullptr;
  if (view.state == DuelState::Finished) {
    json changes = json::array();
    for (const RatingPoint& point : view.ratingChanges) {
      json change = ratingPointJson(point);
      change["user_id"] = point.userId;
      changes.push_back(std::move(change));
    }
    result = {{"winner_id", match.winnerId ? json(*match.winnerId) : json(nullptr)},
              {"reason", view.duel.endReason
                             ? json(std::string(model::enumName(*view.duel.endReason)))
                             : json(nullptr)},
              {"rating_changes", changes}};
  }
  return {{"id", match.id},
          {"state", std::string(stateName(view.state))},
          {"status", std::string(model::enumName(match.status))},
          {"rated", view.duel.rated},
          {"problem_id", showProblem ? json(match.problemId) : json(nullptr)},
          {"started_at", optionalTime(match.startedAt)},
          {"ends_at", optionalTime(view.duel.endsAt)},
          {"ended_at", optionalTime(match.endedAt)},
          {"server_time", formatTimestamp(view.serverTime)},
          {"players", players},
          {"result", result}};
}

void registerDuelRoutes(http::Router& router, DuelService& service) {
  router.add({"GET", "/api/matches/{id}", http::Access::Authenticated,
              "A duel: state, clock, both players' tries and verdicts, result (players, proctors)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = idParam(request, "match");
               if (!id) return std::unexpected(id.error());
               const bool proctor = request.principal->isProctor();
               auto view = service.view(*id, request.principal->userId, proctor);
               if (!view) return std::unexpected(view.error());
               return http::Response::json(matchViewJson(*view, proctor));
             });

  router.add({"POST", "/api/matches/{id}/forfeit", http::Access::Authenticated,
              "Give up your duel: the opponent wins"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = idParam(request, "match");
               if (!id) return std::unexpected(id.error());
               auto view = service.forfeit(*id, request.principal->userId);
               if (!view) return std::unexpected(view.error());
               return http::Response::json(matchViewJson(*view, false));
             });

  router.add({"POST", "/api/matches", http::Access::Proctor,
              "Start a duel between two players (lab duels: unrated unless rated is true)", true},
             [&service](http::Request& request) -> Result<http::Response> {
               auto body = http::jsonBody(request);
               if (!body) return std::unexpected(body.error());
               auto duel = newDuelFromJson(*body);
               if (!duel) return std::unexpected(duel.error());
               auto created = service.create(*duel);
               if (!created) return std::unexpected(created.error());
               auto view = service.view(created->match.id, request.principal->userId, true);
               if (!view) return std::unexpected(view.error());
               return http::Response::json(matchViewJson(*view, true), 201);
             });

  router.add({"GET", "/api/users/{id}/rating-history", http::Access::Public,
              "A user's rating after each rated duel, oldest first (the profile chart)"},
             [&service](http::Request& request) -> Result<http::Response> {
               auto id = idParam(request, "user");
               if (!id) return std::unexpected(id.error());
               auto points = service.ratingHistory(*id);
               if (!points) return std::unexpected(points.error());
               json series = json::array();
               for (const RatingPoint& point : *points) series.push_back(ratingPointJson(point));
               return http::Response::json({{"user_id", *id}, {"points", series}});
             });
}

}  // namespace arena::server::duels
