import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ProctorTools } from "./proctor-tools";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";
import type { Contest, RevealStep, Scoreboard } from "./api/types";

const contest = (state: Contest["state"]): Contest => ({
  id: 5,
  name: "Winter Cup",
  starts_at: "2026-01-01T08:00:00.000Z",
  ends_at: "2026-01-01T10:00:00.000Z",
  duration_seconds: 7200,
  freezes_at: "2026-01-01T09:00:00.000Z",
  unfrozen_at: null,
  state,
  scoreboard_frozen: state !== "running",
  rules: "icpc",
  visibility: "public",
  server_time: "2026-01-01T10:30:00.000Z",
  problems: [{ problem_id: 1, label: "A", color: "" }],
});

const board = (remaining: number): Scoreboard => ({
  contest_id: 5,
  rules: "icpc",
  state: "ended",
  frozen: true,
  server_time: "2026-01-01T10:30:00.000Z",
  view: "public",
  problems: [{ problem_id: 1, label: "A", color: "" }],
  teams: [],
  rows: [],
  reveal: { revealed: 3 - remaining, remaining },
});

const step = (fields: Partial<RevealStep>): RevealStep => ({
  contest_id: 5,
  team_id: 2,
  team: "bob",
  problem_id: 1,
  problem: "A",
  result: "solved",
  old_rank: 2,
  new_rank: 1,
  revealed: 1,
  remaining: 2,
  state: "ended",
  ...fields,
});

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession({ ...makeSession(), user: { ...makeSession().user, role: "proctor" } });
});

describe("RevealNext", () => {
  it("shows the remaining count, reveals one cell per click and says what it was", async () => {
    let remaining = 3;
    const { calls } = fakeApi({
      "GET /api/contests/5/scoreboard": () => ({ body: board(remaining) }),
      "POST /api/contests/5/reveal/step": () => {
        remaining -= 1;
        return { body: step({ remaining, revealed: 3 - remaining }) };
      },
    });
    renderPage(<ProctorTools contest={contest("ended")} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Reveal next (3 left)" }, { timeout: 4000 }));
    expect(await screen.findByTestId("reveal-result", {}, { timeout: 4000 })).toHaveTextContent("bob · A: solved (rank 2 → 1)");
    expect(await screen.findByRole("button", { name: "Reveal next (2 left)" }, { timeout: 4000 })).toBeEnabled();
    expect(calls.filter((call) => call.method === "POST").map((call) => call.url)).toEqual(["/api/contests/5/reveal/step"]);
  });

  it("stops offering a step once the last cell is out and the board is unfrozen", async () => {
    fakeApi({
      "GET /api/contests/5/scoreboard": () => ({ body: board(1) }),
      "POST /api/contests/5/reveal/step": () => ({
        body: step({ team: "ada", result: "rejected", old_rank: 2, new_rank: 2, remaining: 0, revealed: 3, state: "unfrozen" }),
      }),
    });
    renderPage(<ProctorTools contest={contest("ended")} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Reveal next (1 left)" }, { timeout: 4000 }));
    expect(await screen.findByTestId("reveal-result", {}, { timeout: 4000 })).toHaveTextContent(
      "ada · A: rejected (stays at rank 2) · Every cell is revealed: the scoreboard is unfrozen.",
    );
    expect(screen.queryByRole("button", { name: /Reveal next/ })).toBeNull();
  });

  it("shows the server's refusal", async () => {
    fakeApi({
      "GET /api/contests/5/scoreboard": () => ({ body: board(2) }),
      "POST /api/contests/5/reveal/step": () => errorBody("conflict", "contest 5 is already unfrozen", 409),
    });
    renderPage(<ProctorTools contest={contest("ended")} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Reveal next (2 left)" }, { timeout: 4000 }));
    expect(await screen.findByRole("alert", {}, { timeout: 4000 })).toHaveTextContent(/already unfrozen/);
  });

  it("is not offered while the contest is still running", async () => {
    fakeApi({});
    renderPage(<ProctorTools contest={contest("frozen")} />);
    expect(await screen.findByRole("button", { name: "Unfreeze the scoreboard" })).toBeInTheDocument();
    expect(screen.queryByTestId("reveal-next")).toBeNull();
  });
});
