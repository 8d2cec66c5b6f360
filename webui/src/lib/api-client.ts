// Theory of operation: every request goes through apiRequest, which adds the access token as a
// Bearer header. A 401 on an authenticated request means the access token expired (15 min):
// the client trades the refresh token for a new pair and replays the request once. Refresh
// tokens rotate and a reused one revokes the whole family, so concurrent 401s must share ONE
// refresh: the in-flight promise is kept and every waiter awaits it. When the refresh fails the
// session is cleared; the app hears that through token-store and sends the user to /login.

import { ApiError, apiErrorFromBody, kNetworkErrorType } from "./api-error";
import { loadSession, saveSession, type Session, type SessionUser } from "./token-store";

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  user: SessionUser;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  // false for login/register/refresh: their 401 is an answer, not an expired token
  retryOnUnauthorized?: boolean;
}

let refreshInFlight: Promise<Session | null> | null = null;

export function sessionFromTokens(tokens: TokenResponse): Session {
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, user: tokens.user };
}

async function send(path: string, options: RequestOptions, accessToken: string | undefined) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(kNetworkErrorType, "Cannot reach the server. Check your connection.", 0);
  }
}

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) throw apiErrorFromBody(body, response.status);
  return body as T;
}

// Trades the stored refresh token for a new pair; resolves null (and clears the session) when
// the server refuses it. One refresh at a time: later callers get the same promise.
export function refreshSession(): Promise<Session | null> {
  if (refreshInFlight) return refreshInFlight;
  const current = loadSession();
  if (!current) return Promise.resolve(null);
  refreshInFlight = (async () => {
    try {
      const response = await send(
        "/api/auth/refresh",
        { method: "POST", body: { refresh_token: current.refreshToken } },
        undefined,
      );
      const tokens = await parse<TokenResponse>(response);
      const next = sessionFromTokens(tokens);
      saveSession(next);
      return next;
    } catch (error) {
      // A network failure keeps the session (the server may be restarting); a refusal ends it.
      if (error instanceof ApiError && error.type === kNetworkErrorType) throw error;
      saveSession(null);
      return null;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const session = loadSession();
  const response = await send(path, options, session?.accessToken);
  if (response.status === 401 && session && options.retryOnUnauthorized !== false) {
    // Another request may have refreshed already: only refresh when our token is still current.
    const latest = loadSession();
    const renewed =
      latest && latest.accessToken !== session.accessToken ? latest : await refreshSession();
    if (!renewed) return parse<T>(response); // throws the 401 in the error shape
    return parse<T>(await send(path, options, renewed.accessToken));
  }
  return parse<T>(response);
}
