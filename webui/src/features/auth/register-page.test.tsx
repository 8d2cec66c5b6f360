import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import RegisterPage from "./register-page";
import { errorBody, fakeApi, tokenBody } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { loadSession, saveSession } from "../../lib/token-store";

// No delay between keystrokes: typing is not what these tests are about.
const user = userEvent.setup({ delay: null });

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession(null);
});

async function fillAndSubmit(email: string, username: string, password: string) {
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Username"), username);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Register" }));
}

describe("RegisterPage", () => {
  it("shows the server's validation message and marks the field it names", async () => {
    fakeApi({ "POST /api/auth/register": () => errorBody("invalid_argument", "username must be 3 to 32 characters", 400) });
    renderPage(<RegisterPage />, { path: "/register", route: "/register" });
    await fillAndSubmit("ada@example.org", "ad", "correct horse battery");
    expect(await screen.findByRole("alert")).toHaveTextContent("Username must be 3 to 32 characters");
    expect(screen.getByLabelText("Username")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
    expect(loadSession()).toBeNull();
  });

  it("says when the username is taken", async () => {
    fakeApi({ "POST /api/auth/register": () => errorBody("conflict", "this username is taken", 409) });
    renderPage(<RegisterPage />, { path: "/register", route: "/register" });
    await fillAndSubmit("ada@example.org", "ada", "correct horse battery");
    expect(await screen.findByRole("alert")).toHaveTextContent("This username is taken");
  });

  it("stores the session and leaves the page on success", async () => {
    const { calls } = fakeApi({ "POST /api/auth/register": () => ({ status: 201, body: tokenBody("a1", "r1") }) });
    const { router } = renderPage(<RegisterPage />, {
      path: "/register",
      route: "/register",
      extraRoutes: [{ path: "/", element: <p>home</p> }],
    });
    await fillAndSubmit(" ada@example.org ", "ada", "correct horse battery");
    expect(await screen.findByText("home")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/");
    expect(calls[0].body).toEqual({ email: "ada@example.org", username: "ada", password: "correct horse battery" });
    expect(loadSession()?.accessToken).toBe("a1");
  });
});
