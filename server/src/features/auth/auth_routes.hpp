#pragma once
// The /api/auth routes: register, login, refresh, logout, me. Thin: each reads its JSON body
// field by field (protocol::JsonReader, so a wrong type is a 400 naming the field), calls
// AuthService and shapes the answer:
//   {access_token, refresh_token, token_type:"Bearer", expires_in, user}
// Token answers carry Cache-Control: no-store so no proxy or browser cache keeps them.

#include "features/auth/auth_service.hpp"
#include "http/router.hpp"

namespace arena::server::auth {

// `service` must outlive the router.
void registerAuthRoutes(http::Router& router, AuthService& service);

}  // namespace arena::server::auth
