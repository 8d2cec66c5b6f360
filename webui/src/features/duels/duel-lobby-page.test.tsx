import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import DuelLobbyPage from "./duel-lobby-page";
import { fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { loadSession, saveSession } from "../../lib/token-store";
import { liveClient } from "../../lib/live-client";
import { FakeSocket, NoSocket } from "../../testing/fake-socket";

const me = { ...makeSession().user, rating: 1623.7 };
const duelRoute = [{ path: "/duels/:id", element: <p>duel page</p> }];

function lobbyApi(dequeueAnswer: () => { status?: number; body?: unknown }) {
  return fakeApi({
    "GET /api/auth/me": () => ({ body: me }),
    "GET /api/users/7/rating-history": () => ({
      body: {
        user_id: 7,
        points: [
          { rating: 1500, previous_rating: null, delta: null, rating_deviation: 350, volatility: 0.06, match_id: null, changed_at: "2026-01-01T10:00:00Z" },
          { rating: 1623.7, previous_rating: 1500, delta: 123.7, rating_deviation: 290, volatility: 0.06, match_id: 3, changed_at: "2026-01-02T10:00:00Z" },
        ],
      },
    }),
    "POST /api/match/enqueue": () => ({ body: { status: "queued" } }),
    "POST /api/match/dequeue": dequeueAnswer,
    "DELETE /api/match/queue": () => ({ status: 204 }),
  });
}

beforeEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
  saveSession(makeSession());
});

afterEach(() => {
  liveClient.stop();
  vi.useRealTimers();
});

describe("DuelLobbyPage", () => {
  it("shows my current rating from the server and its history", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    lobbyApi(() => ({ status: 202, body: { status: "waiting" } }));
    renderPage(<DuelLobbyPage />, { path: "/duels", route: "/duels" });
    await vi.waitFor(() => expect(screen.getByTestId("my-rating")).toHaveTextContent("1624"));
    await vi.waitFor(() => expect(loadSession()?.user.rating).toBe(1624)); // the header follows
    expect(await screen.findByRole("img", { name: "Rating history: 1500, 1624" })).toBeInTheDocument();
  });

  it("opens the duel when match.found arrives on the live channel", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    const { calls } = lobbyApi(() => ({ status: 202, body: { status: "waiting" } }));
    const { router } = renderPage(<DuelLobbyPage />, { path: "/duels", route: "/duels", extraRoutes: duelRoute });
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    act(() => socket.onopen?.());

    await userEvent.setup().click(await screen.findByRole("button", { name: "Find a match" }));
    expect(await screen.findByTestId("queue-status")).toHaveTextContent("Looking for an opponent");
    expect(calls.some((call) => call.url === "/api/match/enqueue" && call.method === "POST")).toBe(true);

    act(() => socket.emit("match.found", { match_id: 42, problem_id: 4, opponent_id: 8 }));
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/duels/42"));
    // Found, not cancelled: leaving the lobby for the duel does not leave a queue.
    expect(calls.some((call) => call.method === "DELETE")).toBe(false);
  });

  it("without the live channel asks dequeue every second until matched", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    let polls = 0;
    const { calls } = lobbyApi(() => {
      polls += 1;
      return polls < 3 ? { status: 202, body: { status: "waiting" } } : { body: { match_id: 43, problem_id: 5 } };
    });
    const { router } = renderPage(<DuelLobbyPage />, { path: "/duels", route: "/duels", extraRoutes: duelRoute });
    await userEvent.setup().click(await screen.findByRole("button", { name: "Find a match" }));
    expect(await screen.findByText(/checking every second/)).toBeInTheDocument();
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/duels/43"), { timeout: 4000 });
    expect(calls.filter((call) => call.url === "/api/match/dequeue")).toHaveLength(3);
  });

  it("cancel leaves the queue and stops asking", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    const { calls } = lobbyApi(() => ({ status: 202, body: { status: "waiting" } }));
    renderPage(<DuelLobbyPage />, { path: "/duels", route: "/duels" });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Find a match" }));
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    await vi.waitFor(() => expect(calls.some((call) => call.method === "DELETE" && call.url === "/api/match/queue")).toBe(true));
    expect(screen.getByRole("button", { name: "Find a match" })).toBeInTheDocument();
    const asked = calls.filter((call) => call.url === "/api/match/dequeue").length;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(calls.filter((call) => call.url === "/api/match/dequeue")).toHaveLength(asked);
  });

  it("shows the server's refusal to queue", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({
      "GET /api/auth/me": () => ({ body: me }),
      "GET /api/users/7/rating-history": () => ({ body: { user_id: 7, points: [] } }),
      "POST /api/match/enqueue": () => ({ status: 409, body: { error: { type: "conflict", message: "you are in a duel already", status: 409 } } }),
    });
    renderPage(<DuelLobbyPage />, { path: "/duels", route: "/duels" });
    await userEvent.setup().click(await screen.findByRole("button", { name: "Find a match" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/you are in a duel already/i);
    expect(screen.getByText(/No rated duels yet/)).toBeInTheDocument();
  });
});
