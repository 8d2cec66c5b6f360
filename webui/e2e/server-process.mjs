// Starts the real arena-server for the browser tests and stops it again, also on failure.
// The server prints its URL ("arena-server listening on http://host:PORT ...") and, on a fresh
// data directory, the generated admin password; both are read from its stdout.
import { spawn } from "node:child_process";
import { chmodSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function startServer({ binary, webuiDir, timeoutMs = 60_000 }) {
  if (!existsSync(binary)) {
    throw new Error(`arena-server not found at ${binary}; build it or set ARENA_SERVER_BIN`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), "arena-webui-e2e-"));
  // mkdtemp makes it 0700; the sandbox's unprivileged uids must reach the work dir below it.
  chmodSync(dataDir, 0o755);
  const logPath = join(dataDir, "server.log");
  const log = createWriteStream(logPath);
  const child = spawn(binary, [], {
    env: {
      ...process.env,
      ARENA_HTTP_PORT: "0",
      ARENA_BIND: "127.0.0.1",
      ARENA_DATA_DIR: join(dataDir, "data"),
      ARENA_WEBUI_DIR: webuiDir,
      ARENA_SANDBOX_UID: process.env.ARENA_SANDBOX_UID ?? "360000",
      ARENA_LOG_REQUESTS: process.env.ARENA_LOG_REQUESTS ?? "false",
      // Duels (the lobby step): a short countdown so the step sees it and does not wait long.
      ARENA_DUEL_COUNTDOWN_MS: process.env.ARENA_DUEL_COUNTDOWN_MS ?? "4000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.pipe(log);

  const server = {
    child,
    dataDir,
    url: "",
    adminPassword: "",
    logTail: (bytes = 4000) => {
      try {
        const text = readFileSync(logPath, "utf8");
        return text.slice(-bytes);
      } catch {
        return "";
      }
    },
    stop: () => stopServer(server),
  };

  await new Promise((resolve, reject) => {
    let pending = "";
    const timer = setTimeout(() => reject(new Error(`arena-server did not start in ${timeoutMs} ms`)), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`arena-server exited early (code ${code}, signal ${signal})`));
    });
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      pending += chunk.toString();
      let newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const password = line.match(/admin password: (\S+)/);
        if (password) server.adminPassword = password[1];
        const listening = line.match(/listening on (http:\/\/[^\s]+)/);
        if (listening) {
          server.url = listening[1].replace("//localhost:", "//127.0.0.1:");
          clearTimeout(timer);
          resolve();
        }
      }
    });
  }).catch(async (error) => {
    const tail = server.logTail();
    await stopServer(server);
    throw new Error(`${error.message}\n--- server log ---\n${tail}`);
  });
  child.removeAllListeners("exit");
  return server;
}

// SIGTERM, then SIGKILL after 15 s; the temporary data directory goes either way.
export async function stopServer(server) {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  }
  if (!process.env.ARENA_E2E_KEEP_DATA) rmSync(server.dataDir, { recursive: true, force: true });
}
