import { apiRequest, sessionFromTokens, type TokenResponse } from "../../../lib/api-client";
import { saveSession, type Session } from "../../../lib/token-store";

export interface RegisterInput {
  email: string;
  username: string;
  password: string;
}

export async function register(input: RegisterInput): Promise<Session> {
  const tokens = await apiRequest<TokenResponse>("/api/auth/register", {
    method: "POST",
    body: { email: input.email.trim(), username: input.username.trim(), password: input.password },
    retryOnUnauthorized: false,
  });
  const session = sessionFromTokens(tokens);
  saveSession(session);
  return session;
}
