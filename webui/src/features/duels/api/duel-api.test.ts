import { beforeEach, describe, expect, it, vi } from "vitest";
import { errorBody, fakeApi, makeSession } from "../../../testing/fake-api";
import { saveSession } from "../../../lib/token-store";
import { enqueue } from "./enqueue";
import { leaveQueue } from "./leave-queue";
import { dequeue } from "./dequeue";
import { getMatch } from "./get-match";
import { forfeit } from "./forfeit";
import { getRatingHistory } from "./get-rating-history";

beforeEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  saveSession(makeSession());
});

describe("duel api", () => {
  it("enqueues and leaves the queue with the caller's token", async () => {
    const { calls } = fakeApi({
      "POST /api/match/enqueue": () => ({ body: { status: "queued" } }),
      "DELETE /api/match/queue": () => ({ status: 204 }),
    });
    expect(await enqueue()).toEqual({ status: "queued" });
    await leaveQueue();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(["POST /api/match/enqueue", "DELETE /api/match/queue"]);
    expect(calls[0].headers.Authorization).toBe("Bearer access-1");
  });

  it("dequeue answers null while waiting (202) and the match once paired", async () => {
    let matched = false;
    fakeApi({
      "POST /api/match/dequeue": () =>
        matched ? { body: { match_id: 42, problem_id: 4 } } : { status: 202, body: { status: "waiting" } },
    });
    expect(await dequeue()).toBeNull();
    matched = true;
    expect(await dequeue()).toEqual({ match_id: 42, problem_id: 4 });
  });

  it("dequeue throws the server's error instead of pretending to wait", async () => {
    fakeApi({ "POST /api/match/dequeue": () => errorBody("unauthenticated", "log in first", 401) });
    saveSession(null);
    await expect(dequeue()).rejects.toMatchObject({ status: 401 });
  });

  it("getMatch keeps the offset between the server's clock and the browser's", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T10:00:00.000Z"), toFake: ["Date"] });
    fakeApi({
      "GET /api/matches/42": () => ({ body: { id: 42, state: "countdown", server_time: "2026-01-01T10:00:30.000Z", players: [] } }),
    });
    const { match, offsetMs } = await getMatch(42);
    expect(match.id).toBe(42);
    expect(offsetMs).toBe(30_000);
  });

  it("forfeit posts to the match and rating history reads the user's points", async () => {
    const { calls } = fakeApi({
      "POST /api/matches/42/forfeit": () => ({ body: { id: 42, state: "finished" } }),
      "GET /api/users/7/rating-history": () => ({ body: { user_id: 7, points: [] } }),
    });
    expect((await forfeit(42)).state).toBe("finished");
    expect(await getRatingHistory(7)).toEqual({ user_id: 7, points: [] });
    expect(calls[0].method).toBe("POST");
  });
});
