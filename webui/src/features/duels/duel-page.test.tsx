import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import DuelPage from "./duel-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { loadSession, saveSession } from "../../lib/token-store";
import { liveClient } from "../../lib/live-client";
import { FakeSocket, NoSocket } from "../../testing/fake-socket";
import type { DuelPlayer, Match } from "./api/types";

const player = (id: number, username: string, extra: Partial<DuelPlayer> = {}): DuelPlayer => ({
  user_id: id,
  username,
  rating: 1500,
  rating_deviation: 350,
  tries: 0,
  verdicts: [],
  solved: false,
  ...extra,
});

const serverNow = "2026-01-01T10:00:00.000Z";
const base: Match = {
  id: 42,
  state: "active",
  status: "active",
  rated: true,
  problem_id: 4,
  started_at: "2026-01-01T09:59:00.000Z",
  ends_at: "2026-01-01T10:29:00.000Z",
  ended_at: null,
  server_time: serverNow,
  players: [player(8, "bob"), player(7, "ada")],
  result: null,
};

const problem = {
  id: 4,
  slug: "shortest-path",
  title: "Shortest Path",
  difficulty: "medium",
  limits: { time_limit_ms: 2000, memory_limit_kb: 262144, output_limit_kb: 1024 },
};

function duelApi(current: () => Match) {
  return fakeApi({
    "GET /api/matches/42": () => ({ body: current() }),
    "GET /api/problems": () => ({ body: { problems: [problem] } }),
    "GET /api/problems/shortest-path": () => ({ body: { ...problem, description: "Find the *distances*.", samples: [{ input: "2 1\n1 2 5\n", output: "0 5\n" }] } }),
    "GET /api/languages": () => ({ body: { languages: [{ id: "python3", name: "Python 3", extensions: [".py"] }] } }),
    "POST /api/matches/42/forfeit": () => ({
      body: { ...current(), state: "finished", status: "finished", result: { winner_id: 8, reason: "forfeit", rating_changes: [] } },
    }),
  });
}

const renderDuel = () => renderPage(<DuelPage />, { path: "/duels/42", route: "/duels/:id" });

beforeEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
  saveSession(makeSession());
});

afterEach(() => {
  liveClient.stop();
  vi.useRealTimers();
});

describe("DuelPage", () => {
  it("counts down on the server's clock and keeps the problem hidden until the start", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    // The browser's clock is an hour behind: the countdown must still say 5 seconds.
    vi.useFakeTimers({ now: Date.parse("2026-01-01T09:00:00.000Z"), toFake: ["Date"] });
    const { calls } = duelApi(() => ({ ...base, state: "countdown", status: "active", problem_id: null, started_at: "2026-01-01T10:00:05.000Z" }));
    renderDuel();
    expect(await screen.findByTestId("duel-countdown")).toHaveTextContent(/^Starts in 00:00:0[45]$/);
    expect(screen.getByText(/the problem appears when the countdown ends/i)).toBeInTheDocument();
    expect(calls.some((call) => call.url.startsWith("/api/problems"))).toBe(false);
  });

  it("shows the problem with the editor and both players once active", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    duelApi(() => ({ ...base, players: [player(8, "bob", { tries: 2, verdicts: ["WA", null] }), player(7, "ada")] }));
    renderDuel();
    expect(await screen.findByRole("heading", { name: "Shortest Path" }, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByTestId("statement", {}, { timeout: 5000 })).toHaveTextContent("Find the distances.");
    expect(screen.getByTestId("duel-problem")).toHaveAttribute("data-slug", "shortest-path");
    const opponent = screen.getByTestId("opponent-progress");
    expect(opponent).toHaveTextContent("bob");
    expect(opponent).toHaveTextContent("2 tries");
    expect(within(opponent).getByText("WA")).toBeInTheDocument();
    expect(screen.getByTestId("my-progress")).toHaveTextContent("ada(you)");
    expect(screen.getByTestId("duel-clock")).toHaveTextContent(/^Ends in /);
  });

  it("refetches on the match channel's events and shows the result with both rating changes", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    let current: Match = base;
    const { calls } = duelApi(() => current);
    renderDuel();
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    act(() => socket.onopen?.());
    expect(socket.sent).toContainEqual({ type: "subscribe", data: { channel: "match:42" } });
    await screen.findByTestId("opponent-progress");

    current = { ...base, players: [player(8, "bob", { tries: 1, verdicts: ["WA"] }), player(7, "ada")] };
    // Another match's event changes nothing.
    const before = calls.filter((call) => call.url === "/api/matches/42").length;
    act(() => socket.emit("match.progress", { match_id: 41, user_id: 8, tries: 1, last_verdict: "WA" }));
    act(() => socket.emit("match.progress", { match_id: 42, user_id: 8, tries: 1, last_verdict: "WA" }));
    await vi.waitFor(() => expect(screen.getByTestId("opponent-progress")).toHaveTextContent("1 try"));
    expect(calls.filter((call) => call.url === "/api/matches/42").length).toBe(before + 1);

    current = {
      ...base,
      state: "finished",
      status: "finished",
      ended_at: serverNow,
      players: [player(8, "bob", { tries: 1, verdicts: ["WA"] }), player(7, "ada", { tries: 1, verdicts: ["AC"], solved: true })],
      result: {
        winner_id: 7,
        reason: "solved",
        rating_changes: [
          { user_id: 7, rating: 1662.3, previous_rating: 1500, delta: 162.3, rating_deviation: 290, volatility: 0.06, match_id: 42, changed_at: serverNow },
          { user_id: 8, rating: 1337.7, previous_rating: 1500, delta: -162.3, rating_deviation: 290, volatility: 0.06, match_id: 42, changed_at: serverNow },
        ],
      },
    };
    act(() => socket.emit("match.finished", { match_id: 42, winner_id: 7, reason: "solved" }));
    const result = await screen.findByTestId("duel-result");
    expect(result).toHaveAttribute("data-outcome", "won");
    expect(result).toHaveTextContent("You won");
    expect(result).toHaveTextContent("Ended by first accepted solution.");
    const rows = within(result).getAllByTestId("rating-change");
    expect(rows.map((row) => [row.dataset.user, row.dataset.delta])).toEqual([["ada", "162"], ["bob", "-162"]]);
    expect(rows[0]).toHaveTextContent("1500 → 1662+162");
    // The header's rating (the stored session's) follows.
    await vi.waitFor(() => expect(loadSession()?.user.rating).toBe(1662));
    // The problem stays (with the submission's verdict under the editor); the game is over.
    expect(screen.getByTestId("duel-problem")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Forfeit" })).toBeNull();
  });

  it("forfeits after a confirmation and shows the loss", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    const { calls } = duelApi(() => base);
    renderDuel();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Forfeit" }));
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Yes, forfeit" }));
    const result = await screen.findByTestId("duel-result");
    expect(result).toHaveTextContent("bob won");
    expect(result).toHaveAttribute("data-outcome", "lost");
    expect(calls.filter((call) => call.url === "/api/matches/42/forfeit")).toHaveLength(1);
  });

  it("a spectator (not a player) gets no forfeit button", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    duelApi(() => ({ ...base, players: [player(8, "bob"), player(9, "cy")] }));
    renderDuel();
    expect(await screen.findAllByTestId("opponent-progress")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Forfeit" })).toBeNull();
  });

  it("an unknown duel shows the server's message", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({ "GET /api/matches/42": () => errorBody("not_found", "no match with id 42", 404) });
    renderDuel();
    expect(await screen.findByRole("alert")).toHaveTextContent(/no match with id 42/i);
  });
});
