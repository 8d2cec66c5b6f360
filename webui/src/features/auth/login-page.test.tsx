import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import LoginPage from "./login-page";
import { errorBody, fakeApi, tokenBody } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";

// No delay between keystrokes: typing is not what these tests are about.
const user = userEvent.setup({ delay: null });

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession(null);
});

describe("LoginPage", () => {
  it("logs in by username, or by email when the name has an @", async () => {
    const { calls } = fakeApi({ "POST /api/auth/login": () => ({ body: tokenBody("a", "r") }) });
    renderPage(<LoginPage />, { path: "/login", route: "/login", extraRoutes: [{ path: "/", element: <p>home</p> }] });
    await user.type(screen.getByLabelText("Username or email"), "ada@example.org");
    await user.type(screen.getByLabelText("Password"), "pw-pw-pw-pw");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByText("home")).toBeInTheDocument();
    expect(calls[0].body).toEqual({ email: "ada@example.org", password: "pw-pw-pw-pw" });
  });

  it("says the credentials are wrong on 401 without refreshing anything", async () => {
    const { calls } = fakeApi({ "POST /api/auth/login": () => errorBody("unauthenticated", "wrong password", 401) });
    renderPage(<LoginPage />, { path: "/login", route: "/login" });
    await user.type(screen.getByLabelText("Username or email"), "ada");
    await user.type(screen.getByLabelText("Password"), "nope-nope");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username/email or password.");
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({ username: "ada", password: "nope-nope" });
  });

  it("explains a session that ended", () => {
    fakeApi({});
    renderPage(<LoginPage />, { path: "/login?expired=1", route: "/login" });
    expect(screen.getByRole("status")).toHaveTextContent("Your session ended");
  });
});
