import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen } from "@testing-library/react";
import { SubmissionProgress } from "./submission-progress";
import { applyLiveEvent } from "./use-submission-tracker";
import { fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";
import { liveClient } from "../../lib/live-client";

const base = { id: 41, user_id: 7, problem_id: 1, language: "python3", code: "print(1)", exec_time_ms: 0, memory_kb: 0, tests: [], created_at: "2026-01-01T00:00:00Z" };
const queued = { ...base, status: "queued", verdict: null };
const judged = {
  ...base,
  status: "judged",
  verdict: "AC",
  exec_time_ms: 12,
  memory_kb: 3072,
  tests: [
    { index: 1, verdict: "AC", time_ms: 10, memory_kb: 3000 },
    { index: 2, verdict: "AC", time_ms: 12, memory_kb: 3072 },
  ],
};

// Stands in for the browser's WebSocket so the test can play the server's live channel.
class FakeSocket {
  static last: FakeSocket | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send() {}
  close() {}
  emit(type: string, data: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify({ type, data }) });
  }
}

beforeEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
  saveSession(makeSession());
});

afterEach(() => {
  liveClient.stop();
});

describe("SubmissionProgress", () => {
  it("polls every second while the live channel is down and shows the verdict", async () => {
    vi.stubGlobal("WebSocket", vi.fn(() => { throw new Error("no socket here"); }));
    let polls = 0;
    fakeApi({ "GET /api/submissions/41": () => ({ body: ++polls < 3 ? queued : judged }) });
    renderPage(<SubmissionProgress id={41} />);
    expect(await screen.findByText("In the queue…")).toBeInTheDocument();
    expect(screen.getByText("polling")).toBeInTheDocument();
    const verdict = await screen.findByTestId("final-verdict", {}, { timeout: 4000 });
    expect(verdict).toHaveAttribute("data-verdict", "AC");
    expect(polls).toBe(3);
    expect(screen.getByLabelText("Test results")).toHaveTextContent("1:AC2:AC");
    expect(screen.getByText("Accepted")).toBeInTheDocument();
  });

  it("shows live per-test progress and refetches on the verdict event", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    let judgedNow = false;
    fakeApi({ "GET /api/submissions/41": () => ({ body: judgedNow ? { ...judged, verdict: "WA", tests: [{ index: 1, verdict: "WA", time_ms: 5, memory_kb: 100 }] } : queued }) });
    renderPage(<SubmissionProgress id={41} />);
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    expect(socket.url).toContain("access_token=access-1");
    act(() => socket.onopen?.());
    expect(await screen.findByText("live")).toBeInTheDocument();

    act(() => socket.emit("submission.progress", { id: 41, problem_id: 1, stage: "compiling", test: 0, total: 3 }));
    expect(await screen.findByText("Compiling…")).toBeInTheDocument();
    act(() => socket.emit("submission.test", { id: 41, problem_id: 1, test: 1, total: 3, verdict: "AC", time_ms: 4, memory_kb: 900 }));
    act(() => socket.emit("submission.progress", { id: 41, problem_id: 1, stage: "running", test: 2, total: 3 }));
    expect(await screen.findByText("Running test 2 of 3…")).toBeInTheDocument();
    expect(screen.getByLabelText("Test results")).toHaveTextContent("1:AC");
    // Another submission's events are not ours.
    act(() => socket.emit("submission.test", { id: 99, problem_id: 1, test: 2, total: 3, verdict: "TLE", time_ms: 4, memory_kb: 900 }));
    expect(screen.getByLabelText("Test results")).not.toHaveTextContent("TLE");

    judgedNow = true;
    act(() => socket.emit("submission.verdict", { id: 41, problem_id: 1, user_id: 7, verdict: "WA", exec_time_ms: 5, memory_kb: 100 }));
    const verdict = await screen.findByTestId("final-verdict");
    expect(verdict).toHaveAttribute("data-verdict", "WA");
  });
});

describe("applyLiveEvent", () => {
  it("keeps test results ordered and replaces a repeated test", () => {
    let state = applyLiveEvent(null, { type: "submission.progress", data: { stage: "running", test: 1, total: 2 } });
    state = applyLiveEvent(state, { type: "submission.test", data: { test: 2, total: 2, verdict: "WA", time_ms: 1, memory_kb: 1 } });
    state = applyLiveEvent(state, { type: "submission.test", data: { test: 1, total: 2, verdict: "AC", time_ms: 1, memory_kb: 1 } });
    state = applyLiveEvent(state, { type: "submission.test", data: { test: 2, total: 2, verdict: "TLE", time_ms: 1, memory_kb: 1 } });
    expect(state?.results.map((r) => `${r.index}:${r.verdict}`)).toEqual(["1:AC", "2:TLE"]);
    expect(state?.total).toBe(2);
  });

  it("ignores events it does not know", () => {
    const state = applyLiveEvent(null, { type: "submission.progress", data: { stage: "compiling", test: 0, total: 5 } });
    expect(applyLiveEvent(state, { type: "leaderboard.changed", data: {} })).toBe(state);
  });
});
