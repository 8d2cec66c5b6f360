import { afterEach, describe, expect, it, vi } from "vitest";

// A fresh copy of the module per test: "mounted" is once per page lifetime.
async function freshModule() {
  vi.resetModules();
  return import("./editor-mounted");
}

describe("afterEditorMounted", () => {
  afterEach(() => vi.useRealTimers());

  it("waits for the editor, then resolves", async () => {
    vi.useFakeTimers();
    const { afterEditorMounted, editorMounted } = await freshModule();
    let done = false;
    void afterEditorMounted(10_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    editorMounted();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it("resolves after the timeout when no editor ever mounts", async () => {
    vi.useFakeTimers();
    const { afterEditorMounted } = await freshModule();
    let done = false;
    void afterEditorMounted(1500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("resolves at once for a page whose editor mounted earlier", async () => {
    const { afterEditorMounted, editorMounted } = await freshModule();
    editorMounted();
    await expect(afterEditorMounted(60_000)).resolves.toBeUndefined();
  });
});
