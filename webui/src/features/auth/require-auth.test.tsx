import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { RequireAuth } from "./require-auth";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";
import { makeSession } from "../../testing/fake-api";

describe("RequireAuth", () => {
  it("sends a visitor to /login, remembering the page", () => {
    saveSession(null);
    const { router } = renderPage(<RequireAuth><p>secret</p></RequireAuth>, {
      path: "/submissions",
      route: "/submissions",
      extraRoutes: [{ path: "/login", element: <p>login form</p> }],
    });
    expect(screen.getByText("login form")).toBeInTheDocument();
    expect(screen.queryByText("secret")).toBeNull();
    expect(router.state.location.state).toEqual({ from: "/submissions" });
  });

  it("shows the page to a logged-in user", () => {
    saveSession(makeSession());
    renderPage(<RequireAuth><p>secret</p></RequireAuth>, { path: "/submissions", route: "/submissions" });
    expect(screen.getByText("secret")).toBeInTheDocument();
  });
});
