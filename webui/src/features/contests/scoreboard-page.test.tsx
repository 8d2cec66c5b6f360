import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import ScoreboardPage from "./scoreboard-page";
import { fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import type { Scoreboard } from "./api/types";

class NoSocket {
  constructor() {
    throw new Error("no socket here");
  }
}

const board = (view: "public" | "jury"): Scoreboard => ({
  contest_id: 5,
  rules: "icpc",
  state: "frozen",
  frozen: view === "public",
  server_time: "2026-01-01T10:00:00Z",
  view,
  problems: [
    { problem_id: 1, label: "A", color: "" },
    { problem_id: 2, label: "B", color: "" },
  ],
  teams: [
    { id: 1, name: "ada", members: [] },
    { id: 2, name: "bob", members: [] },
  ],
  rows: [
    {
      rank: 1,
      team_id: 2,
      score: { num_solved: 1, total_time: 27 },
      problems: [
        { problem_id: 1, num_judged: 2, num_pending: 0, solved: true, time: 7, first_to_solve: true },
        // after the freeze: pending on the public board, solved on the jury's
        view === "public"
          ? { problem_id: 2, num_judged: 0, num_pending: 1, solved: false, first_to_solve: false }
          : { problem_id: 2, num_judged: 1, num_pending: 0, solved: true, time: 250, first_to_solve: true },
      ],
    },
    { rank: 2, team_id: 1, score: { num_solved: 0, total_time: 0 }, problems: [] },
  ],
});

function asRole(role: "contestant" | "proctor") {
  const session = makeSession();
  localStorage.setItem("arena.session", JSON.stringify({ ...session, user: { ...session.user, role } }));
}

beforeEach(() => {
  vi.unstubAllGlobals();
  vi.stubGlobal("WebSocket", NoSocket);
});

describe("ScoreboardPage", () => {
  it("shows the frozen board to a contestant with names, totals and pending cells, and no jury switch", async () => {
    asRole("contestant");
    const { calls } = fakeApi({
      "GET /api/contests/5/scoreboard": () => ({ body: board("public") }),
      "GET /api/contests/5": () => ({ status: 404, body: { error: { type: "not_found", message: "x", status: 404 } } }),
    });
    renderPage(<ScoreboardPage />, { path: "/contests/5/scoreboard?view=jury", route: "/contests/:id/scoreboard" });
    const rows = await screen.findAllByTestId("scoreboard-row");
    const leading = within(rows[0]).getAllByRole("cell").slice(0, 4).map((cell) => cell.textContent);
    expect(leading).toEqual(["1", "bob", "1", "27"]); // rank, team, solved, penalty minutes
    const cells = within(rows[0]).getAllByTestId("score-cell");
    expect(cells.map((cell) => cell.dataset.kind)).toEqual(["first", "pending"]);
    // A team with no cells still gets a column per problem.
    expect(within(rows[1]).getAllByRole("cell")).toHaveLength(6);
    expect(screen.getByTestId("frozen-note")).toBeInTheDocument();
    expect(screen.queryByLabelText("Jury view")).toBeNull();
    // A contestant asking for ?view=jury still gets the public board.
    expect(calls.some((call) => call.url.includes("view=jury"))).toBe(false);
  });

  it("lets a proctor switch to the jury's true board", async () => {
    asRole("proctor");
    fakeApi({
      "GET /api/contests/5/scoreboard": (request) => ({ body: board(request.url.includes("view=jury") ? "jury" : "public") }),
      "GET /api/contests/5": () => ({ status: 404, body: { error: { type: "not_found", message: "x", status: 404 } } }),
    });
    renderPage(<ScoreboardPage />, { path: "/contests/5/scoreboard", route: "/contests/:id/scoreboard" });
    await screen.findAllByTestId("scoreboard-row");
    await userEvent.setup().click(screen.getByLabelText("Jury view"));
    await vi.waitFor(() => expect(screen.queryByTestId("frozen-note")).toBeNull());
    const cells = within(screen.getAllByTestId("scoreboard-row")[0]).getAllByTestId("score-cell");
    expect(cells.map((cell) => cell.dataset.kind)).toEqual(["first", "first"]);
    expect(cells[1]).toHaveTextContent("250′");
  });
});
