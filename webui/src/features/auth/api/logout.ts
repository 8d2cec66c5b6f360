import { apiRequest } from "../../../lib/api-client";
import { loadSession, saveSession } from "../../../lib/token-store";

// Revokes the refresh token family on the server; the local session ends whatever it answers.
export async function logout(): Promise<void> {
  const session = loadSession();
  saveSession(null);
  if (!session) return;
  try {
    await apiRequest<void>("/api/auth/logout", {
      method: "POST",
      body: { refresh_token: session.refreshToken },
      retryOnUnauthorized: false,
    });
  } catch {
    // already logged out locally; a server that cannot be reached forgets the token at expiry
  }
}
