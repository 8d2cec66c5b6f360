import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

// The server serves dist/ at "/" with a single-page-app fallback, so asset URLs are absolute.
// `npm run dev` proxies the API to a local arena-server (ARENA_DEV_API, default :8080).
const api = process.env.ARENA_DEV_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
