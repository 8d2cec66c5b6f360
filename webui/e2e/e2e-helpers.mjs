// Helpers both end-to-end runs (run-e2e.mjs, bracket-e2e.mjs) share.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// One JSON request to the server at `baseUrl`; a non-2xx answer throws with its body.
export async function requestJson(baseUrl, path, { method = "GET", body, token } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// A sample problem's own accepted Python solution.
export function acceptedPython(slug) {
  const dir = join(repo, "server", "samples", slug, "submissions", "accepted");
  const file = readdirSync(dir).find((name) => name.endsWith(".py"));
  check(file, `no accepted Python solution in ${dir}`);
  return readFileSync(join(dir, file), "utf8");
}

// Resolves once the page's live connection confirms a subscription to `channel`.
export function subscribedTo(page, channel) {
  return new Promise((resolveSubscribed) => {
    page.on("websocket", (socket) =>
      socket.on("framereceived", ({ payload }) => {
        if (String(payload).includes(`"subscribed"`) && String(payload).includes(`"${channel}"`)) resolveSubscribed();
      }),
    );
  });
}
