import { Suspense } from "react";
import { render, screen } from "@testing-library/react";
import { preloadableLazy } from "./preloadable-lazy";

function Hello() {
  return <p>hello</p>;
}

describe("preloadableLazy", () => {
  it("renders without its fallback once preloaded", async () => {
    const Lazy = preloadableLazy(() => Promise.resolve({ default: Hello }));
    await Lazy.preload();
    render(
      <Suspense fallback={<p>fallback</p>}>
        <Lazy />
      </Suspense>,
    );
    // Synchronously: the first commit already has the content, never the fallback.
    expect(screen.getByText("hello")).toBeInTheDocument();
    expect(screen.queryByText("fallback")).toBeNull();
  });

  it("loads on first render like React.lazy when not preloaded", async () => {
    let loads = 0;
    const Lazy = preloadableLazy(() => {
      loads += 1;
      return Promise.resolve({ default: Hello });
    });
    render(
      <Suspense fallback={<p>fallback</p>}>
        <Lazy />
      </Suspense>,
    );
    expect(screen.getByText("fallback")).toBeInTheDocument();
    expect(await screen.findByText("hello")).toBeInTheDocument();
    await Lazy.preload();
    expect(loads).toBe(1);
  });

  it("tries the import again after a failed one", async () => {
    let attempts = 0;
    const Lazy = preloadableLazy(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new Error("chunk failed")) : Promise.resolve({ default: Hello });
    });
    await expect(Lazy.preload()).rejects.toThrow("chunk failed");
    await Lazy.preload();
    expect(attempts).toBe(2);
    render(
      <Suspense fallback={<p>fallback</p>}>
        <Lazy />
      </Suspense>,
    );
    expect(screen.getByText("hello")).toBeInTheDocument();
  });
});
