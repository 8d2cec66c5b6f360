import { beforeEach, describe, expect, it, vi } from "vitest";
import { apiRequest, refreshSession } from "./api-client";
import { loadSession, onSessionChange, saveSession } from "./token-store";
import { errorBody, fakeApi, makeSession, tokenBody } from "../testing/fake-api";

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession(null);
});

describe("apiRequest", () => {
  it("sends the access token as a Bearer header on every request", async () => {
    saveSession(makeSession("tok-A"));
    const { calls } = fakeApi({ "GET /api/auth/me": () => ({ body: { id: 7 } }) });
    await apiRequest("/api/auth/me");
    expect(calls[0].headers.Authorization).toBe("Bearer tok-A");
  });

  it("sends no Authorization header when logged out", async () => {
    const { calls } = fakeApi({ "GET /api/problems": () => ({ body: { problems: [] } }) });
    await apiRequest("/api/problems");
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it("turns the error shape into an ApiError", async () => {
    fakeApi({ "POST /api/auth/register": () => errorBody("invalid_argument", "email must look like name@example.org", 400) });
    const failure = apiRequest("/api/auth/register", { method: "POST", body: {}, retryOnUnauthorized: false });
    await expect(failure).rejects.toMatchObject({ type: "invalid_argument", status: 400, message: "email must look like name@example.org" });
  });

  it("reports an unreachable server as a network error", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiRequest("/api/problems")).rejects.toMatchObject({ type: "network", status: 0 });
  });

  it("returns undefined for 204 No Content", async () => {
    fakeApi({ "POST /api/auth/logout": () => ({ status: 204 }) });
    await expect(apiRequest("/api/auth/logout", { method: "POST", body: {} })).resolves.toBeUndefined();
  });

  it("refreshes on 401 and replays the request with the new token", async () => {
    saveSession(makeSession("old-access", "old-refresh"));
    const { calls } = fakeApi({
      "GET /api/submissions/5": ({ headers }) =>
        headers.Authorization === "Bearer new-access" ? { body: { id: 5 } } : errorBody("unauthenticated", "token expired", 401),
      "POST /api/auth/refresh": ({ body }) =>
        (body as { refresh_token: string }).refresh_token === "old-refresh"
          ? { body: tokenBody("new-access", "new-refresh") }
          : errorBody("unauthenticated", "refresh token reused", 401),
    });
    await expect(apiRequest("/api/submissions/5")).resolves.toEqual({ id: 5 });
    expect(calls.map((c) => c.url)).toEqual(["/api/submissions/5", "/api/auth/refresh", "/api/submissions/5"]);
    expect(loadSession()).toMatchObject({ accessToken: "new-access", refreshToken: "new-refresh" });
  });

  it("shares one refresh among concurrent 401s (rotating tokens must not be reused)", async () => {
    saveSession(makeSession("old-access", "old-refresh"));
    let refreshes = 0;
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    fakeApi({
      "GET /api/*": ({ headers }) =>
        headers.Authorization === "Bearer new-access" ? { body: { ok: true } } : errorBody("unauthenticated", "expired", 401),
      "POST /api/auth/refresh": async ({ body }) => {
        refreshes += 1;
        await refreshGate;
        return (body as { refresh_token: string }).refresh_token === "old-refresh"
          ? { body: tokenBody("new-access", "new-refresh") }
          : errorBody("unauthenticated", "refresh token reused; family revoked", 401);
      },
    });
    const requests = [apiRequest("/api/a"), apiRequest("/api/b"), apiRequest("/api/c")];
    await vi.waitFor(() => expect(refreshes).toBe(1));
    releaseRefresh();
    await expect(Promise.all(requests)).resolves.toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(refreshes).toBe(1);
  });

  it("uses a token another request already refreshed instead of refreshing again", async () => {
    saveSession(makeSession("old-access", "old-refresh"));
    let refreshes = 0;
    fakeApi({
      "GET /api/slow": ({ headers }) => {
        if (headers.Authorization === "Bearer new-access") return { body: { ok: true } };
        // While this request was in flight, another one refreshed the session.
        saveSession(makeSession("new-access", "new-refresh"));
        return errorBody("unauthenticated", "expired", 401);
      },
      "POST /api/auth/refresh": () => {
        refreshes += 1;
        return errorBody("unauthenticated", "reused", 401);
      },
    });
    await expect(apiRequest("/api/slow")).resolves.toEqual({ ok: true });
    expect(refreshes).toBe(0);
  });

  it("clears the session and rethrows the 401 when the refresh is refused", async () => {
    saveSession(makeSession("old-access", "stolen-refresh"));
    const heard: unknown[] = [];
    const stop = onSessionChange((session) => heard.push(session));
    fakeApi({
      "GET /api/submissions": () => errorBody("unauthenticated", "token expired", 401),
      "POST /api/auth/refresh": () => errorBody("unauthenticated", "refresh token reused", 401),
    });
    await expect(apiRequest("/api/submissions")).rejects.toMatchObject({ status: 401, message: "token expired" });
    expect(loadSession()).toBeNull();
    expect(heard).toEqual([null]);
    stop();
  });

  it("does not refresh when login itself answers 401", async () => {
    saveSession(makeSession());
    const { calls } = fakeApi({ "POST /api/auth/login": () => errorBody("unauthenticated", "wrong password", 401) });
    await expect(apiRequest("/api/auth/login", { method: "POST", body: {}, retryOnUnauthorized: false })).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(1);
  });

  it("keeps the session when the refresh fails for network reasons", async () => {
    saveSession(makeSession("a", "r"));
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    await expect(refreshSession()).rejects.toMatchObject({ type: "network" });
    expect(loadSession()).not.toBeNull();
  });
});
