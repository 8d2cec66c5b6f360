import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, within } from "@testing-library/react";
import BracketPage from "./bracket-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";
import { liveClient } from "../../lib/live-client";
import { FakeSocket, NoSocket } from "../../testing/fake-socket";
import type { Bracket, BracketSlot } from "./api/types";

const ada = { user_id: 7, username: "ada", seed: 2 };
const bob = { user_id: 8, username: "bob", seed: 1 };
const cy = { user_id: 9, username: "cy", seed: 3 };

const slot = (extra: Partial<BracketSlot>): BracketSlot => ({
  round: 0,
  position: 0,
  state: "waiting",
  player1: null,
  player2: null,
  match_id: null,
  winner_id: null,
  decided_by: null,
  ...extra,
});

// Three players: bob (seed 1) has a bye, ada (2) plays cy (3), the final waits.
const running: Bracket = {
  id: 5,
  name: "Class 7B",
  rated: false,
  status: "running",
  champion_id: null,
  champion: null,
  player_count: 3,
  created_by: 1,
  created_at: "2026-01-01T10:00:00Z",
  finished_at: null,
  players: [
    { ...bob, seed: 1, rating: 1700 },
    { ...ada, seed: 2, rating: 1600 },
    { ...cy, seed: 3, rating: 1500 },
  ],
  problem_ids: [4],
  draw_rule: "fewer wrong tries, then the higher seed",
  rounds: [
    {
      round: 0,
      name: "Semifinals",
      slots: [
        slot({ state: "decided", player1: bob, winner_id: 8, decided_by: "bye" }),
        slot({ position: 1, state: "playing", player1: ada, player2: cy, match_id: 31 }),
      ],
    },
    { round: 1, name: "Final", slots: [slot({ round: 1, player1: bob })] },
  ],
};

const finished: Bracket = {
  ...running,
  status: "finished",
  champion_id: 8,
  champion: bob,
  finished_at: "2026-01-01T11:00:00Z",
  rounds: [
    {
      ...running.rounds[0],
      slots: [
        running.rounds[0].slots[0],
        { ...running.rounds[0].slots[1], state: "decided", winner_id: 7, decided_by: "fewer_wrong_tries" },
      ],
    },
    {
      round: 1,
      name: "Final",
      slots: [slot({ round: 1, state: "decided", player1: bob, player2: ada, match_id: 32, winner_id: 8, decided_by: "solved" })],
    },
  ],
};

const renderBracket = (extraRoutes = [{ path: "/duels/:id", element: <p>duel view</p> }]) =>
  renderPage(<BracketPage />, { path: "/brackets/5", route: "/brackets/:id", extraRoutes });

beforeEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
  saveSession(makeSession()); // ada, a contestant (id 7)
});

afterEach(() => {
  liveClient.stop();
  vi.useRealTimers();
});

describe("BracketPage", () => {
  it("draws the rounds with players, seeds, byes, states and a link to the viewer's own duel", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({ "GET /api/brackets/5": () => ({ body: running }) });
    renderBracket();
    expect(await screen.findByRole("heading", { name: "Class 7B" })).toBeInTheDocument();
    expect(screen.getByTestId("bracket-status")).toHaveTextContent("running");
    const semifinals = screen.getByRole("region", { name: "Semifinals" });
    const slots = within(semifinals).getAllByTestId("bracket-slot");
    expect(slots).toHaveLength(2);
    expect(slots[0]).toHaveAttribute("data-state", "decided");
    expect(slots[0]).toHaveTextContent("bob");
    expect(slots[0]).toHaveTextContent("bye");
    expect(slots[1]).toHaveAttribute("data-state", "playing");
    expect(slots[1]).toHaveTextContent("ada(you)");
    expect(within(slots[1]).getByRole("link", { name: "Duel #31" })).toHaveAttribute("href", "/duels/31");
    const final = within(screen.getByRole("region", { name: "Final" })).getByTestId("bracket-slot");
    expect(final).toHaveAttribute("data-state", "waiting");
    expect(final).toHaveTextContent("to be decided");
    expect(screen.queryByTestId("bracket-champion")).not.toBeInTheDocument();
  });

  it("shows other players' duels without a link (only players and proctors may open a duel)", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    saveSession({ ...makeSession(), user: { ...makeSession().user, id: 99, username: "zed" } });
    fakeApi({ "GET /api/brackets/5": () => ({ body: running }) });
    renderBracket();
    const semifinals = await screen.findByRole("region", { name: "Semifinals" });
    expect(within(semifinals).queryByRole("link")).not.toBeInTheDocument();
    expect(semifinals).toHaveTextContent("Duel #31");
  });

  it("gives proctors a link to every duel", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    saveSession({ ...makeSession(), user: { ...makeSession().user, id: 1, username: "teacher", role: "proctor" } });
    fakeApi({ "GET /api/brackets/5": () => ({ body: running }) });
    renderBracket();
    expect(await screen.findByRole("link", { name: "Duel #31" })).toBeInTheDocument();
  });

  it("shows the champion, the winners and how each duel was decided", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({ "GET /api/brackets/5": () => ({ body: finished }) });
    renderBracket();
    expect(await screen.findByTestId("bracket-champion")).toHaveTextContent("Champion: bob");
    expect(screen.getByTestId("bracket-status")).toHaveTextContent("finished");
    const semifinal = within(screen.getByRole("region", { name: "Semifinals" })).getAllByTestId("bracket-slot")[1];
    expect(semifinal).toHaveTextContent("draw: fewer wrong tries");
    const winners = within(semifinal)
      .getAllByTestId("slot-player")
      .filter((line) => line.dataset.winner === "true");
    expect(winners.map((line) => line.textContent)).toEqual([expect.stringContaining("ada")]);
    const final = within(screen.getByRole("region", { name: "Final" })).getByTestId("bracket-slot");
    expect(final).toHaveTextContent("solved first");
  });

  it("refetches on this bracket's bracket.changed and on nothing else", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    let current: Bracket = running;
    const { calls } = fakeApi({ "GET /api/brackets/5": () => ({ body: current }), "GET /api/brackets": () => ({ body: { brackets: [] } }) });
    renderBracket();
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    act(() => socket.onopen?.());
    expect(socket.sent).toContainEqual({ type: "subscribe", data: { channel: "brackets" } });
    await screen.findByRole("heading", { name: "Class 7B" });
    await vi.waitFor(() => expect(calls.filter((call) => call.url === "/api/brackets/5").length).toBeGreaterThan(0));
    const before = calls.filter((call) => call.url === "/api/brackets/5").length;

    current = finished;
    act(() => socket.emit("bracket.changed", { bracket_id: 6, status: "running", champion_id: null }));
    act(() => socket.emit("bracket.changed", { bracket_id: 5, status: "finished", champion_id: 8 }));
    expect(await screen.findByTestId("bracket-champion")).toHaveTextContent("bob");
    expect(calls.filter((call) => call.url === "/api/brackets/5").length).toBe(before + 1);
  });

  it("polls a running bracket while the live channel is down", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    let current: Bracket = running;
    fakeApi({ "GET /api/brackets/5": () => ({ body: current }) });
    renderBracket();
    await screen.findByRole("heading", { name: "Class 7B" });
    current = finished;
    expect(await screen.findByTestId("bracket-champion", {}, { timeout: 5000 })).toHaveTextContent("bob");
  });

  it("says so when the bracket does not exist", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({ "GET /api/brackets/5": () => errorBody("not_found", "no bracket with id 5", 404) });
    renderBracket();
    expect(await screen.findByRole("alert")).toHaveTextContent(/no bracket with id 5/i);
  });
});
