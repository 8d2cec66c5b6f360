// End-to-end test of a proctor's bracket (issue 10, "a bracket of duels for a class"): the real
// arena-server serving webui/dist, driven through Debian's Chromium with playwright-core, as
// run-e2e.mjs does. A proctor (the admin) makes a 4-player bracket from the form (all at 1500:
// seeds in the listed order, semifinals 1 v 4 and 2 v 3); the bracket page shows both duels
// playing. Player 1 opens their duel from the bracket page and submits the problem's accepted
// solution; player 3 forfeits (API); the final then starts by itself and player 2 forfeits it.
// The proctor's bracket page, on the live channel and never reloaded, crowns player 1. Kept
// apart from run-e2e.mjs so each run keeps its own deadline.
//
// env: ARENA_SERVER_BIN (default ../build/bin/arena-server), CHROMIUM (default /usr/bin/chromium),
//      ARENA_SANDBOX_UID (default 580000 here), ARENA_E2E_KEEP_DATA=1 keeps the server's temp dir.
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { acceptedPython, check, requestJson, subscribedTo } from "./e2e-helpers.mjs";
import { startServer } from "./server-process.mjs";

const webui = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(webui, "dist");
const screenshots = resolve(webui, "..", "tests", "screenshots");
const scratch = join(webui, "e2e", ".tmp");
const serverBin = resolve(webui, process.env.ARENA_SERVER_BIN ?? "../build/bin/arena-server");
process.env.ARENA_SANDBOX_UID ??= "580000";
const kDeadlineMs = 120_000;
const kChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"];
const kPassword = "e2e-correct-horse-42";

let server;
let browser;
const api = (path, options) => requestJson(server.url, path, options);

async function pageFor(tokens, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  const session = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, user: tokens.user };
  await context.addInitScript((value) => localStorage.setItem("arena.session", value), JSON.stringify(session));
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(String(error)));
  return { context, page };
}

async function run() {
  const stamp = Date.now().toString(36);
  const players = [];
  for (const name of ["brk_a", "brk_b", "brk_c", "brk_d"]) {
    const username = `${name}_${stamp}`;
    players.push(await api("/api/auth/register", { method: "POST", body: { email: `${username}@example.org`, username, password: kPassword } }));
  }
  const admin = await api("/api/auth/login", { method: "POST", body: { username: "admin", password: server.adminPassword } });
  const errors = [];
  const proctor = await pageFor(admin, errors);
  const player = await pageFor(players[0], errors);
  const figures = {};
  try {
    // The proctor makes the bracket from the form: both players by username, one problem.
    const live = subscribedTo(proctor.page, "brackets");
    await proctor.page.goto(`${server.url}/brackets`);
    await proctor.page.getByRole("heading", { name: "Brackets" }).waitFor();
    await proctor.page.getByRole("link", { name: "New bracket" }).click();
    await proctor.page.getByLabel("Name", { exact: true }).fill(`Class ${stamp}`);
    await proctor.page.getByLabel(/^Players/).fill(players.map((p) => p.user.username).join("\n"));
    await proctor.page.getByRole("checkbox", { name: /Sum of Two/ }).check();
    await proctor.page.getByRole("button", { name: "Create the bracket" }).click();
    await proctor.page.waitForURL(/\/brackets\/\d+$/);
    const bracketId = Number(proctor.page.url().split("/").pop());
    await proctor.page.getByRole("heading", { name: `Class ${stamp}` }).waitFor();
    const semifinals = proctor.page.getByRole("region", { name: "Semifinals", exact: true }).getByTestId("bracket-slot");
    for (const index of [0, 1]) await semifinals.nth(index).and(proctor.page.locator('[data-state="playing"]')).waitFor();
    await live;

    // A player opens the duel from the bracket page and solves it.
    await player.page.goto(`${server.url}/brackets/${bracketId}`);
    await player.page.getByRole("link", { name: /^Duel #\d+$/ }).click();
    await player.page.waitForURL(/\/duels\/\d+$/);
    await player.page.getByTestId("duel-problem").waitFor({ timeout: 20_000 });
    const slug = await player.page.getByTestId("duel-problem").getAttribute("data-slug");
    check(slug === "sum-of-two", `the bracket's pool gave ${slug}`);
    await player.page.locator(".cm-editor").waitFor();
    await player.page.getByLabel("Language").selectOption("python3");
    const content = player.page.locator(".cm-content").first();
    await content.click();
    await player.page.keyboard.press("Control+A");
    await player.page.keyboard.press("Delete");
    await player.page.keyboard.insertText(acceptedPython(slug));
    await player.page.getByRole("button", { name: "Submit" }).click();
    const verdict = player.page.getByTestId("submission-progress").getByTestId("final-verdict");
    await verdict.waitFor({ timeout: 60_000 });
    check((await verdict.getAttribute("data-verdict")) === "AC", "expected AC in the bracket's duel");

    await semifinals.nth(0).and(proctor.page.locator('[data-state="decided"]')).waitFor({ timeout: 15_000 });

    // Player 3 gives up the other semifinal; the final (1 v 2) starts by itself; 2 gives it up.
    const slotOf = async (round, position) => {
      const bracket = await api(`/api/brackets/${bracketId}`, { token: admin.access_token });
      return bracket.rounds[round].slots[position];
    };
    const other = await slotOf(0, 1);
    check(other.player2.user_id === players[2].user.id, `seed 3 is ${JSON.stringify(other.player2)}`);
    await api(`/api/matches/${other.match_id}/forfeit`, { method: "POST", token: players[2].access_token });
    const final = proctor.page.getByRole("region", { name: "Final", exact: true }).getByTestId("bracket-slot");
    await final.and(proctor.page.locator('[data-state="playing"]')).waitFor({ timeout: 15_000 });
    const finalSlot = await slotOf(1, 0);
    check(finalSlot.match_id !== null, "the final has no duel");
    const finalEndedAt = Date.now();
    await api(`/api/matches/${finalSlot.match_id}/forfeit`, { method: "POST", token: players[1].access_token });

    // The proctor's page (never reloaded) shows the champion and the decided final.
    const champion = proctor.page.getByTestId("bracket-champion");
    await champion.filter({ hasText: players[0].user.username }).waitFor({ timeout: 15_000 });
    figures.championShownMs = Date.now() - finalEndedAt;
    await proctor.page.getByTestId("bracket-status").filter({ hasText: "finished" }).waitFor();
    check((await final.getAttribute("data-state")) === "decided", "the final is not shown decided");
    await final.filter({ hasText: "opponent forfeited" }).waitFor();
    const bracket = await api(`/api/brackets/${bracketId}`, { token: admin.access_token });
    check(bracket.champion_id === players[0].user.id, `champion ${bracket.champion_id} in the API`);
    mkdirSync(screenshots, { recursive: true });
    await proctor.page.screenshot({ path: join(screenshots, "webui-bracket.png"), fullPage: false });
    check(errors.length === 0, `errors in the pages: ${errors.join(" | ")}`);
    return figures;
  } catch (error) {
    mkdirSync(scratch, { recursive: true });
    await proctor.page.screenshot({ path: join(scratch, "bracket-failure.png"), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await proctor.context.close();
    await player.context.close();
  }
}

async function cleanup() {
  await browser?.close().catch(() => undefined);
  if (server) await server.stop().catch(() => undefined);
}

const deadline = setTimeout(async () => {
  console.error(`bracket e2e: over the ${kDeadlineMs / 1000} s deadline; stopping`);
  await cleanup();
  process.exit(1);
}, kDeadlineMs);

let code = 1;
try {
  check(existsSync(join(dist, "index.html")), `${dist}/index.html is missing: run "npm run build" first`);
  const started = Date.now();
  server = await startServer({ binary: serverBin, webuiDir: dist });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: kChromiumArgs });
  const figures = await run();
  console.log(
    `passed: a proctor's bracket from the form to its champion in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `champion shown live ${figures.championShownMs} ms after the final's forfeit`,
  );
  code = 0;
} catch (error) {
  console.error(`bracket e2e: FAIL ${error.stack ?? error}`);
  if (server) console.error(`--- server log (tail) ---\n${server.logTail(3000)}`);
} finally {
  await cleanup();
  clearTimeout(deadline);
}
process.exit(code);
