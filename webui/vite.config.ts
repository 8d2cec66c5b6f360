import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { routePreload } from "./scripts/route-preload-plugin.mjs";

// The server serves dist/ at "/" with a single-page-app fallback, so asset URLs are absolute.
// `npm run dev` proxies the API to a local arena-server (ARENA_DEV_API, default :8080).
const api = process.env.ARENA_DEV_API ?? "http://127.0.0.1:8080";

// What each page imports, preloaded from index.html before the entry runs (see the plugin).
// Keep in step with the lazy pages in src/app/routes.tsx; a module that is not a chunk fails
// the build. The problem page's statement chunk (Markdown, KaTeX) is left out on purpose: it
// is loaded after the editor is on screen (src/features/editor/editor-mounted.ts), and
// preloading it would have the browser compile it while the editor is still on its way.
const kRoutePreloads = [
  {
    pattern: "^/problems/[^/]+/?$",
    modules: ["src/features/problems/problem-page.tsx", "src/features/editor/code-editor.tsx"],
  },
  { pattern: "^/playground/?$", modules: ["src/features/playground/playground-page.tsx", "src/features/editor/code-editor.tsx"] },
  { pattern: "^/submissions/?$", modules: ["src/features/submissions/submissions-page.tsx"] },
  {
    pattern: "^/contests/[^/]+/problems/[^/]+/?$",
    modules: ["src/features/problems/problem-page.tsx", "src/features/editor/code-editor.tsx"],
  },
  { pattern: "^/contests/[^/]+/scoreboard/?$", modules: ["src/features/contests/scoreboard-page.tsx"] },
  { pattern: "^/contests/new/?$", modules: ["src/features/contests/create-contest-page.tsx"] },
  { pattern: "^/contests/[^/]+/?$", modules: ["src/features/contests/contest-page.tsx"] },
  { pattern: "^/contests/?$", modules: ["src/features/contests/contest-list-page.tsx"] },
  { pattern: "^/leaderboard/?$", modules: ["src/features/leaderboard/leaderboard-page.tsx"] },
  { pattern: "^/login/?$", modules: ["src/features/auth/login-page.tsx"] },
  { pattern: "^/register/?$", modules: ["src/features/auth/register-page.tsx"] },
  { pattern: "^/$", modules: ["src/features/problems/problem-list-page.tsx"] },
];

export default defineConfig({
  plugins: [react(), tailwindcss(), routePreload({ routes: kRoutePreloads })],
  base: "/",
  build: {
    // The budget script reads the manifest to tell initial chunks from lazy ones.
    manifest: true,
    // The server's Content-Security-Policy allows fonts from 'self' only: no data: URLs.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      "/api": { target: api, ws: true },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // The machine is shared; a loaded CI box must not turn slow renders into failures.
    testTimeout: 20_000,
  },
});
