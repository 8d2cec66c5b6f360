import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import ContestPage from "./contest-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";
import { liveClient } from "../../lib/live-client";
import type { Clarification, Contest } from "./api/types";
import { FakeSocket, NoSocket } from "../../testing/fake-socket";

const serverNow = "2026-01-01T10:00:00.000Z";
const contest = (state: Contest["state"], startsAt: string, endsAt: string): Contest => ({
  id: 5,
  name: "Winter Cup",
  starts_at: startsAt,
  ends_at: endsAt,
  duration_seconds: 3600,
  freezes_at: null,
  unfrozen_at: null,
  state,
  scoreboard_frozen: false,
  rules: "icpc",
  visibility: "private",
  server_time: serverNow,
  problems: [{ problem_id: 1, label: "A", color: "" }],
});

const question: Clarification = {
  id: 9,
  contest_id: 5,
  problem_id: 1,
  kind: "clarification",
  question: "Is n positive?",
  answer: null,
  to_all: false,
  visibility: "private",
  from_user_id: 7,
  answered_by: null,
  created_at: "2026-01-01T09:58:00.000Z",
  answered_at: null,
};

beforeEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = null;
  saveSession(makeSession());
});

afterEach(() => {
  liveClient.stop();
  vi.useRealTimers();
});

describe("ContestPage", () => {
  it("before the start shows the countdown on the server's clock and does not ask for the problems", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    // The browser's clock is an hour behind the server's: the countdown must still say 5 minutes.
    vi.useFakeTimers({ now: Date.parse("2026-01-01T09:00:00.000Z"), toFake: ["Date"] });
    const { calls } = fakeApi({
      "GET /api/contests/5": () => ({ body: contest("scheduled", "2026-01-01T10:05:00.000Z", "2026-01-01T11:05:00.000Z") }),
      "GET /api/contests/5/problems": () => errorBody("permission_denied", "contest 5 has not started", 403),
      "GET /api/contests/5/clarifications": () => ({ body: { clarifications: [] } }),
    });
    renderPage(<ContestPage />, { path: "/contests/5", route: "/contests/:id" });
    expect(await screen.findByRole("heading", { name: "Winter Cup" })).toBeInTheDocument();
    expect(screen.getByText("The problems appear when the contest starts.", { exact: false })).toBeInTheDocument();
    expect(screen.getAllByTestId("countdown")[0].textContent).toMatch(/^Starts in 00:0[45]:\d\d$/);
    expect(calls.some((call) => call.url === "/api/contests/5/problems")).toBe(false);
  });

  it("lists the problems of a running contest with links that keep the contest", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({
      "GET /api/contests/5": () => ({ body: contest("running", "2026-01-01T09:00:00.000Z", "2099-01-01T00:00:00.000Z") }),
      "GET /api/contests/5/problems": () => ({
        body: {
          contest_id: 5,
          problems: [{ problem_id: 1, label: "A", color: "#ff0000", slug: "sum-of-two", title: "Sum of Two", difficulty: "easy", limits: { time_limit_ms: 1000, memory_limit_kb: 1024, output_limit_kb: 1024 } }],
        },
      }),
      "GET /api/contests/5/clarifications": () => ({ body: { clarifications: [] } }),
    });
    renderPage(<ContestPage />, { path: "/contests/5", route: "/contests/:id" });
    const link = await screen.findByRole("link", { name: "Sum of Two" });
    expect(link).toHaveAttribute("href", "/contests/5/problems/sum-of-two");
  });

  it("asks a question, and shows the answer with a notice when it arrives live", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    let clarifications: Clarification[] = [];
    const { calls } = fakeApi({
      "GET /api/contests/5": () => ({ body: contest("running", "2026-01-01T09:00:00.000Z", "2099-01-01T00:00:00.000Z") }),
      "GET /api/contests/5/problems": () => ({ body: { contest_id: 5, problems: [] } }),
      "GET /api/contests/5/clarifications": () => ({ body: { clarifications } }),
      "POST /api/contests/5/clarifications": () => {
        clarifications = [question];
        return { status: 201, body: question };
      },
    });
    renderPage(<ContestPage />, { path: "/contests/5", route: "/contests/:id" });
    await vi.waitFor(() => expect(FakeSocket.last).not.toBeNull());
    const socket = FakeSocket.last as FakeSocket;
    act(() => socket.onopen?.());
    expect(socket.sent).toContainEqual({ type: "subscribe", data: { channel: "contest:5" } });
    // A contestant is not on the jury channel.
    expect(socket.sent).not.toContainEqual({ type: "subscribe", data: { channel: "contest:5:jury" } });

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Your question"), "Is n positive?");
    await user.selectOptions(screen.getByLabelText("About"), "A");
    await user.click(screen.getByRole("button", { name: "Ask" }));
    const item = await screen.findByTestId("clarification");
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({ question: "Is n positive?", problem_id: 1 });
    expect(item).toHaveTextContent("Awaiting an answer");

    const answered = { ...question, answer: "Yes, 1 ≤ n.", to_all: true, visibility: "all", answered_by: 1 };
    clarifications = [answered];
    // Another contest's event changes nothing.
    act(() => socket.emit("clarification.answered", { ...answered, contest_id: 6 }));
    expect(screen.queryByTestId("contest-notice")).toBeNull();
    act(() => socket.emit("clarification.answered", answered));
    expect(await screen.findByTestId("clarification-answer")).toHaveTextContent("Yes, 1 ≤ n.");
    expect(within(screen.getByTestId("contest-notice")).getByText(/Clarification answered: Yes, 1 ≤ n\./)).toBeInTheDocument();
  });

  it("shows the server's message when the contest cannot be seen", async () => {
    vi.stubGlobal("WebSocket", NoSocket);
    fakeApi({ "GET /api/contests/5": () => errorBody("not_found", "no contest with id 5", 404) });
    renderPage(<ContestPage />, { path: "/contests/5", route: "/contests/:id" });
    expect(await screen.findByRole("alert")).toHaveTextContent(/no contest with id 5/i);
  });
});
