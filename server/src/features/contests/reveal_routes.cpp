#include "features/contests/reveal_routes.hpp"

#include <charconv>

namespace arena::server::contests {

void registerRevealRoutes(http::Router& router, RevealService& service) {
  router.add({"POST", "/api/contests/{id}/reveal/step", http::Access::Proctor,
              "Reveal the next pending cell of the frozen board (awards-ceremony order)"},
             [&service](http::Request& request) -> Result<http::Response> {
               const std::string& text = request.pathParam("id");
               std::int64_t id = 0;
               const auto [end, error] =
                   std::from_chars(text.data(), text.data() + text.size(), id);
               if (error != std::errc{} || end != text.data() + text.size() || id < 1)
                 return fail(ErrorCode::NotFound, "no contest with id '" + text.substr(0, 32) + "'");
               auto step = service.step(id);
               if (!step) return std::unexpected(step.error());
               return http::Response::json(*step, 200);
             });
}

}  // namespace arena::server::contests
