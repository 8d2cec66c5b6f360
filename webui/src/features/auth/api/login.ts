import { apiRequest, sessionFromTokens, type TokenResponse } from "../../../lib/api-client";
import { saveSession, type Session } from "../../../lib/token-store";

export interface LoginInput {
  login: string; // a username or an email address
  password: string;
}

export async function login(input: LoginInput): Promise<Session> {
  const name = input.login.trim();
  const body = name.includes("@")
    ? { email: name, password: input.password }
    : { username: name, password: input.password };
  const tokens = await apiRequest<TokenResponse>("/api/auth/login", {
    method: "POST",
    body,
    retryOnUnauthorized: false,
  });
  const session = sessionFromTokens(tokens);
  saveSession(session);
  return session;
}
