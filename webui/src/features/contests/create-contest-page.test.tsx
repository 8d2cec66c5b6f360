import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import CreateContestPage from "./create-contest-page";
import { ProctorTools } from "./proctor-tools";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import type { Contest } from "./api/types";

const limits = { time_limit_ms: 1000, memory_limit_kb: 1024, output_limit_kb: 1024 };
const problems = [
  { id: 1, slug: "sum", title: "Sum of Two", difficulty: "easy", limits },
  { id: 2, slug: "rev", title: "Reverse the Words", difficulty: "easy", limits },
];

beforeEach(() => {
  vi.unstubAllGlobals();
  const session = makeSession();
  localStorage.setItem("arena.session", JSON.stringify({ ...session, user: { ...session.user, role: "proctor" } }));
});

describe("CreateContestPage", () => {
  it("sends the contest with problems labelled in the order ticked, then opens it", async () => {
    const { calls } = fakeApi({
      "GET /api/problems": () => ({ body: { problems } }),
      "POST /api/contests": () => ({ status: 201, body: { id: 42 } }),
    });
    const { router } = renderPage(<CreateContestPage />, {
      path: "/contests/new",
      route: "/contests/new",
      extraRoutes: [{ path: "/contests/:id", element: <p>contest page</p> }],
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Spring Cup");
    await user.type(screen.getByLabelText("Starts at (your time)"), "2026-03-01T10:00");
    await user.click(await screen.findByRole("checkbox", { name: /Reverse the Words/ }));
    await user.click(screen.getByRole("checkbox", { name: /Sum of Two/ }));
    await user.click(screen.getByRole("button", { name: "Create the contest" }));
    expect(await screen.findByText("contest page")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/contests/42");
    expect(calls.find((call) => call.method === "POST")?.body).toMatchObject({
      name: "Spring Cup",
      duration_seconds: 18_000,
      problems: [
        { problem_id: 2, label: "A" },
        { problem_id: 1, label: "B" },
      ],
    });
  });

  it("says what is missing without calling the server", async () => {
    const { calls } = fakeApi({ "GET /api/problems": () => ({ body: { problems } }) });
    renderPage(<CreateContestPage />, { path: "/contests/new", route: "/contests/new" });
    await userEvent.setup().click(screen.getByRole("button", { name: "Create the contest" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Give the contest a name.");
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });
});

describe("ProctorTools", () => {
  const contest = { id: 5, freezes_at: "2026-01-01T10:00:00Z", unfrozen_at: null, state: "ended" } as Contest;

  it("adds participants by id and reports the server's refusals", async () => {
    const { calls } = fakeApi({
      "POST /api/contests/5/participants": () => ({
        body: { teams: [{ id: 1, name: "ada", members: [] }], errors: [{ entry: 99, message: "no user with id 99" }] },
      }),
    });
    renderPage(<ProctorTools contest={contest} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Add participants (user ids)"), "7, 99");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(await screen.findByTestId("participants-result")).toHaveTextContent("Added ada · no user with id 99");
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({ users: [7, 99] });
  });

  it("unfreezes an ended, frozen contest and shows a refusal", async () => {
    fakeApi({ "POST /api/contests/5/unfreeze": () => errorBody("conflict", "contest 5 is already unfrozen", 409) });
    renderPage(<ProctorTools contest={contest} />);
    await userEvent.setup().click(screen.getByRole("button", { name: "Unfreeze the scoreboard" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/already unfrozen/);
  });

  it("offers no unfreeze while the contest runs before its freeze", () => {
    fakeApi({});
    renderPage(<ProctorTools contest={{ ...contest, state: "running" }} />);
    expect(screen.queryByRole("button", { name: "Unfreeze the scoreboard" })).toBeNull();
  });
});
