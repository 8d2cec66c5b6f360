import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import CreateBracketPage from "./create-bracket-page";
import BracketListPage from "./bracket-list-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";

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

describe("CreateBracketPage", () => {
  it("sends players by id or name and the problems in round order, then opens the bracket", async () => {
    const { calls } = fakeApi({
      "GET /api/problems": () => ({ body: { problems } }),
      "POST /api/brackets": () => ({ status: 201, body: { id: 42, name: "Class 7B", rounds: [] } }),
    });
    const { router } = renderPage(<CreateBracketPage />, {
      path: "/brackets/new",
      route: "/brackets/new",
      extraRoutes: [{ path: "/brackets/:id", element: <p>bracket page</p> }],
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Class 7B");
    await user.type(screen.getByLabelText(/^Players/), "ada, bob\n12");
    await user.click(screen.getByLabelText(/^Rated/));
    await user.click(await screen.findByRole("checkbox", { name: /Reverse the Words/ }));
    await user.click(screen.getByRole("checkbox", { name: /Sum of Two/ }));
    await user.click(screen.getByRole("button", { name: "Create the bracket" }));
    expect(await screen.findByText("bracket page")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/brackets/42");
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({
      name: "Class 7B",
      players: ["ada", "bob", 12],
      rated: true,
      problem_ids: [2, 1],
    });
  });

  it("says what is wrong without calling the server", async () => {
    const { calls } = fakeApi({ "GET /api/problems": () => ({ body: { problems } }) });
    renderPage(<CreateBracketPage />, { path: "/brackets/new", route: "/brackets/new" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Solo");
    await user.type(screen.getByLabelText(/^Players/), "ada");
    await user.click(screen.getByRole("button", { name: "Create the bracket" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("A bracket needs 2 to 64 players (1 given).");
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("shows the server's refusal, e.g. an unknown player", async () => {
    fakeApi({
      "GET /api/problems": () => ({ body: { problems } }),
      "POST /api/brackets": () => errorBody("not_found", "players[1]: no user 'ghost'", 404),
    });
    renderPage(<CreateBracketPage />, { path: "/brackets/new", route: "/brackets/new" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name"), "Class");
    await user.type(screen.getByLabelText(/^Players/), "ada ghost");
    await user.click(screen.getByRole("button", { name: "Create the bracket" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/players\[1\]: no user 'ghost'/i);
  });
});

describe("BracketListPage", () => {
  it("lists brackets and offers proctors a new one", async () => {
    fakeApi({
      "GET /api/brackets": () => ({
        body: {
          brackets: [
            { id: 3, name: "Class 7B", rated: false, status: "running", champion_id: null, player_count: 6, created_by: 1, created_at: "2026-01-01T10:00:00Z", finished_at: null },
          ],
        },
      }),
    });
    renderPage(<BracketListPage />, { path: "/brackets", route: "/brackets" });
    expect(await screen.findByRole("link", { name: "Class 7B" })).toHaveAttribute("href", "/brackets/3");
    expect(screen.getByTestId("bracket-row")).toHaveTextContent("6 players");
    expect(screen.getByRole("link", { name: "New bracket" })).toHaveAttribute("href", "/brackets/new");
  });
});
