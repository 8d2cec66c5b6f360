import { vi } from "vitest";
import type { Session } from "../lib/token-store";

export type Handler = (request: { url: string; method: string; headers: Record<string, string>; body: unknown }) =>
  | { status?: number; body?: unknown }
  | Promise<{ status?: number; body?: unknown }>;

// Replaces fetch with a table of "METHOD /path" -> handler; every call is recorded.
export function fakeApi(routes: Record<string, Handler>) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const request = { url, method, headers, body };
    calls.push(request);
    const path = url.split("?")[0];
    const handler =
      routes[`${method} ${url}`] ??
      routes[`${method} ${path}`] ??
      Object.entries(routes).find(([key]) => {
        const [m, pattern] = key.split(" ");
        return m === method && pattern.endsWith("*") && path.startsWith(pattern.slice(0, -1));
      })?.[1];
    if (!handler) {
      return new Response(JSON.stringify({ error: { type: "not_found", message: `no fake for ${method} ${url}`, status: 404 } }), {
        status: 404,
      });
    }
    const { status = 200, body: responseBody } = await handler(request);
    return new Response(responseBody === undefined ? null : JSON.stringify(responseBody), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

export function errorBody(type: string, message: string, status: number) {
  return { status, body: { error: { type, message, status } } };
}

export function makeSession(accessToken = "access-1", refreshToken = "refresh-1"): Session {
  return {
    accessToken,
    refreshToken,
    user: { id: 7, email: "ada@example.org", username: "ada", role: "contestant", rating: 1500 },
  };
}

export function tokenBody(accessToken: string, refreshToken: string) {
  const session = makeSession(accessToken, refreshToken);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: "Bearer",
    expires_in: 900,
    user: session.user,
  };
}
