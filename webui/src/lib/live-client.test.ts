import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveClient, parseEvent } from "./live-client";
import { saveSession } from "./token-store";
import { makeSession } from "../testing/fake-api";

// A WebSocket stand-in the test drives by hand.
class FakeSocket {
  static all: FakeSocket[] = [];
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
}

function makeClient() {
  return new LiveClient({
    url: () => "ws://arena.test/api/ws",
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    minBackoffMs: 100,
    maxBackoffMs: 1000,
    random: () => 1, // no jitter: the longest delay of each step
  });
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
  saveSession(makeSession("jwt.token.sig"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveClient", () => {
  it("connects with the access token in the query string", async () => {
    const client = makeClient();
    client.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    expect(latest().url).toBe("ws://arena.test/api/ws?access_token=jwt.token.sig");
    client.stop();
  });

  it("does not connect without a session", async () => {
    saveSession(null);
    const client = makeClient();
    client.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(FakeSocket.all).toHaveLength(0);
  });

  it("reports connected on open and delivers events to listeners", async () => {
    const client = makeClient();
    const events: string[] = [];
    const states: boolean[] = [];
    client.onEvent((event) => events.push(event.type));
    client.onStateChange((connected) => states.push(connected));
    client.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    latest().open();
    latest().receive({ type: "hello", data: { user_id: 7, role: "contestant", heartbeat_ms: 15000 } });
    latest().receive({ type: "submission.verdict", data: { id: 3, verdict: "AC" } });
    latest().onmessage?.({ data: "not json" });
    expect(client.connected).toBe(true);
    expect(states).toEqual([true]);
    expect(events).toEqual(["hello", "submission.verdict"]);
    client.stop();
  });

  it("subscribes to its channels on every (re)connect", async () => {
    const client = makeClient();
    client.subscribe("leaderboard");
    client.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    latest().open();
    expect(latest().sent).toEqual([JSON.stringify({ type: "subscribe", data: { channel: "leaderboard" } })]);
    latest().drop(4008);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(latest().sent).toEqual([JSON.stringify({ type: "subscribe", data: { channel: "leaderboard" } })]);
    client.stop();
  });

  it("reconnects with doubling backoff, capped, and resets it after a good connection", async () => {
    const client = makeClient();
    client.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const delays = [100, 200, 400, 800, 1000, 1000];
    for (const [i, delay] of delays.entries()) {
      latest().drop();
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(FakeSocket.all).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(FakeSocket.all).toHaveLength(i + 2);
    }
    latest().open();
    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(delays.length + 2);
    client.stop();
  });

  it("stops reconnecting after stop()", async () => {
    const client = makeClient();
    client.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const socket = latest();
    socket.open();
    client.stop();
    expect(socket.closed).toBe(true);
    expect(client.connected).toBe(false);
    socket.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("adds jitter of at most half the delay", () => {
    const low = new LiveClient({ minBackoffMs: 1000, maxBackoffMs: 8000, random: () => 0 });
    const high = new LiveClient({ minBackoffMs: 1000, maxBackoffMs: 8000, random: () => 1 });
    expect(low.backoffMs(0)).toBe(500);
    expect(high.backoffMs(0)).toBe(1000);
    expect(low.backoffMs(10)).toBe(4000);
    expect(high.backoffMs(10)).toBe(8000);
  });
});

describe("parseEvent", () => {
  it("accepts {type, data} and rejects anything else", () => {
    expect(parseEvent('{"type":"pong","data":{}}')).toEqual({ type: "pong", data: {} });
    expect(parseEvent('{"type":"pong"}')).toEqual({ type: "pong", data: {} });
    expect(parseEvent('{"data":{}}')).toBeNull();
    expect(parseEvent("garbage")).toBeNull();
  });
});
