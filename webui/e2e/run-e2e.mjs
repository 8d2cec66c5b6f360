// End-to-end tests of the web UI: the real arena-server (serving webui/dist) driven through
// Debian's Chromium with playwright-core. Each scenario is a step; the first failing step stops
// the run, saves a screenshot to e2e/.tmp/ and prints the server's log. The server and the
// browser are stopped on every path out (success, failure, Ctrl-C, the overall deadline).
//
// env: ARENA_SERVER_BIN (default ../build/bin/arena-server), CHROMIUM (default /usr/bin/chromium),
//      ARENA_SANDBOX_UID (default 360000), ARENA_E2E_KEEP_DATA=1 keeps the server's temp dir.
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
const kDeadlineMs = 170_000;
const kChromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const user = { username: `e2e_${Date.now().toString(36)}`, password: "e2e-correct-horse-42" };
user.email = `${user.username}@example.org`;

const kCorrectPython = `import sys
data = sys.stdin.read().split()
t = int(data[0])
print("\\n".join(str(int(data[1 + 2 * i]) + int(data[2 + 2 * i])) for i in range(t)))
`;
const kWrongPython = kCorrectPython.replace("int(data[1 + 2 * i]) + int", "int(data[1 + 2 * i]) - int");

const figures = {};
// While a step sets this, Chromium's reports of inline handlers blocked by the server's CSP are
// expected (DOMPurify parses the hostile statement in an inert document; Chromium checks the
// CSP there before it would notice that scripting is off) and counted instead of failing.
let expectCspReports = false;
// Requests the page started and that have not finished: named when a step times out.
const pendingRequests = new Set();
let server;
let browser;
const api = (path, options) => requestJson(server.url, path, options);

// Replaces the CodeMirror document as typed text (insertText: no auto-closing brackets).
async function typeCode(page, code) {
  const content = page.locator(".cm-content").first();
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  await page.waitForFunction(
    (expected) => (document.querySelector(".cm-content")?.textContent ?? "").replace(/\s/g, "") === expected.replace(/\s/g, ""),
    code,
  );
}

async function pickLanguage(page, id) {
  await page.getByLabel("Language").selectOption(id);
}

async function submitAndWait(page) {
  await page.getByRole("button", { name: "Submit" }).click();
  const progress = page.getByTestId("submission-progress");
  await progress.waitFor();
  const mode = await progress.locator("text=/^(live|polling)$/").first().textContent({ timeout: 5000 }).catch(() => "judged before shown");
  const verdict = progress.getByTestId("final-verdict");
  await verdict.waitFor({ timeout: 90_000 });
  return { verdict: await verdict.getAttribute("data-verdict"), mode };
}

const steps = [];
const step = (name, run) => steps.push({ name, run });

step("the problem list loads at / for a visitor", async ({ page }) => {
  await page.goto(server.url + "/");
  await page.getByText("Sum of Two").waitFor();
  check((await page.getByTestId("problem-row").count()) >= 7, "expected the 7 sample problems");
  await page.getByLabel("Difficulty").selectOption("hard");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="problem-row"]').length === 2);
  await page.getByLabel("Difficulty").selectOption("");
  await page.getByLabel("Search by title").fill("sum of");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="problem-row"]').length === 1);
});

step("register shows the server's validation message, then creates the account", async ({ page }) => {
  await page.goto(server.url + "/register");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Username").fill("x");
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Register" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  check(/username/i.test(await alert.textContent()), `validation message does not name the username: ${await alert.textContent()}`);
  await page.getByLabel("Username").fill(user.username);
  await page.getByRole("button", { name: "Register" }).click();
  await page.getByTestId("current-user").filter({ hasText: user.username }).waitFor();
});

step("log out and log in again", async ({ page }) => {
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("link", { name: "Log in" }).first().waitFor();
  await page.goto(server.url + "/login");
  await page.getByLabel("Username or email").fill(user.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByText("Wrong username/email or password.").waitFor();
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByTestId("current-user").filter({ hasText: user.username }).waitFor();
});

step("the editor is visible soon after navigating to a problem (cold cache)", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url + "/problems/sum-of-two", { waitUntil: "commit" });
    await page.locator(".cm-editor").waitFor({ state: "visible" });
    figures.editorVisibleColdMs = Math.round(await page.evaluate(() => performance.now()));
    await page.reload({ waitUntil: "commit" });
    await page.locator(".cm-editor").waitFor({ state: "visible" });
    figures.editorVisibleWarmMs = Math.round(await page.evaluate(() => performance.now()));
  } finally {
    await context.close();
  }
});

step("open a problem from the list, run the samples with a correct solution", async ({ page }) => {
  await page.goto(server.url + "/");
  await page.getByText("Sum of Two").click();
  await page.getByRole("heading", { name: "Sum of Two" }).waitFor();
  await page.getByTestId("statement").locator(".katex").first().waitFor();
  await page.locator(".cm-editor").waitFor();
  await pickLanguage(page, "python3");
  await typeCode(page, kCorrectPython);
  await page.getByRole("button", { name: "Run" }).click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="sample-run"]').length >= 2 || document.querySelector('[role="alert"]'),
    null,
    { timeout: 60_000 },
  );
  const alert = page.getByRole("alert");
  // Read the alert's text only when there is one: a template argument is evaluated before
  // check() runs, and textContent() on a missing element waits out the whole default timeout.
  if ((await alert.count()) > 0) throw new Error(`running the samples failed: ${await alert.first().textContent()}`);
  const matches = await page.getByTestId("sample-match").evaluateAll((nodes) => nodes.map((n) => n.dataset.match));
  check(matches.length >= 2 && matches.every((m) => m === "yes"), `samples did not all match: ${matches}`);
});

step("submit the correct solution and see AC arrive", async ({ page }) => {
  const { verdict, mode } = await submitAndWait(page);
  figures.acVia = mode;
  check(verdict === "AC", `expected AC, got ${verdict}`);
  await page.getByLabel("Test results").waitFor();
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, "webui-problem.png"), fullPage: false });
});

step("submit a wrong solution and see WA", async ({ page }) => {
  await typeCode(page, kWrongPython);
  const { verdict, mode } = await submitAndWait(page);
  figures.waVia = mode;
  check(verdict === "WA", `expected WA, got ${verdict}`);
});

step("my submissions lists both with verdict, time, memory and code", async ({ page }) => {
  await page.getByRole("link", { name: "Submissions" }).click();
  await page.getByRole("heading", { name: "My submissions" }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="submission-row"]').length >= 2);
  const verdicts = await page.locator('[data-testid="submission-row"] [data-verdict]').evaluateAll((n) => n.map((e) => e.dataset.verdict));
  check(verdicts[0] === "WA" && verdicts[1] === "AC", `unexpected verdicts ${verdicts}`);
  await page.getByRole("button", { name: "Code", exact: true }).nth(1).click();
  const code = await page.getByTestId("submission-code").textContent();
  check(code.includes("int(data[1 + 2 * i]) + int"), "the code shown is not the AC submission's");
  await page.screenshot({ path: join(screenshots, "webui-submissions.png"), fullPage: false });
});

step("the problem list marks the solved problem", async ({ page }) => {
  await page.getByRole("link", { name: "Problems" }).click();
  const row = page.getByTestId("problem-row").filter({ hasText: "Sum of Two" });
  await row.getByLabel("solved", { exact: true }).waitFor();
});

step("the playground runs any code on custom input", async ({ page }) => {
  await page.getByRole("link", { name: "Playground" }).click();
  await page.locator(".cm-editor").waitFor();
  await pickLanguage(page, "python3");
  await typeCode(page, "print(input()[::-1])\n");
  await page.getByLabel("Input").fill("arena\n");
  await page.getByRole("button", { name: "Run" }).click();
  const result = page.getByTestId("run-result");
  await result.waitFor({ timeout: 60_000 });
  const text = await result.textContent();
  check(text.includes("anera"), `playground output lacks "anera": ${text}`);
});

// What React's root is waiting for, read from the page when a reload stays on a fallback:
// pendingLanes == suspendedLanes with no pinged lane is a retry parked on a promise.
async function rootLanes(page) {
  return page
    .evaluate(() => {
      const root = document.getElementById("root");
      const key = root && Object.keys(root).find((k) => k.startsWith("__reactContainer$"));
      const fiberRoot = key ? root[key].stateNode : null;
      return fiberRoot
        ? `pending=${fiberRoot.pendingLanes} suspended=${fiberRoot.suspendedLanes} pinged=${fiberRoot.pingedLanes}`
        : "no React root";
    })
    .catch((error) => `unreadable (${error.message})`);
}

// The user's row may arrive after the first fetch (the rating changes when the verdict is
// processed); the page refetches on the live "leaderboard.changed" event, and a reload is the
// fallback. After a reload the page is given time to get past its Suspense fallback and fetch:
// sampling it at the instant reload() returns sees "Loading…" every time (the lazy page chunk
// is still being imported then), which is how this step used to time out on a busy machine.
step("the leaderboard shows the user", async ({ page }) => {
  await page.getByRole("link", { name: "Leaderboard" }).click();
  await page.getByRole("heading", { name: "Leaderboard" }).waitFor();
  const row = page.getByTestId("leaderboard").getByRole("cell", { name: user.username, exact: true });
  const deadline = Date.now() + 30_000;
  while (!(await row.waitFor({ timeout: 5000 }).then(() => true, () => false))) {
    check(
      Date.now() < deadline,
      `the user never appeared on the leaderboard; the page shows: ${(await page.locator("main").textContent()).slice(0, 200)}; ` +
        `React root: ${await rootLanes(page)}; pending: ${[...pendingRequests].join(", ")}`,
    );
    await page.reload();
    await page.getByRole("heading", { name: "Leaderboard" }).waitFor({ timeout: 8000 });
  }
});

step("a malicious statement does not execute", async ({ page }) => {
  const admin = await api("/api/auth/login", { method: "POST", body: { username: "admin", password: server.adminPassword } });
  await api("/api/problems", {
    method: "POST",
    token: admin.access_token,
    body: {
      slug: "xss-check",
      title: "XSS Check",
      difficulty: "easy",
      description:
        "Harmless $x^2$ text.\n\n<script>window.__pwned = 'script'</script>\n\n" +
        '<img src="x" onerror="window.__pwned = \'onerror\'">\n\n<a href="javascript:window.__pwned=\'link\'">link</a>\n\n' +
        '<svg><script>window.__pwned = "svg"</script></svg>',
      tests: [{ input: "1\n", expected_output: "1\n", is_public: true }],
    },
  });
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  expectCspReports = true;
  await page.goto(server.url + "/problems/xss-check");
  const statement = page.getByTestId("statement");
  await statement.locator(".katex").first().waitFor();
  await page.waitForTimeout(500); // give a broken image's onerror time to fire if it survived
  const pwned = await page.evaluate(() => window.__pwned);
  check(pwned === undefined, `statement code ran: window.__pwned = ${pwned}`);
  const html = await statement.innerHTML();
  check(!/<script|onerror|javascript:/i.test(html), `sanitiser left something in: ${html}`);
  check(dialogs.length === 0, `dialogs opened: ${dialogs}`);
  expectCspReports = false;
});

// Every lazy page, reloaded again and again: each reload must get past the Suspense fallback
// (the page's own heading appears) within a few seconds, never park on "Loading…".
step("reloading lazy pages never stays on the loading fallback", async ({ page }) => {
  const pages = [
    { path: "/leaderboard", heading: "Leaderboard", reloads: 12 },
    { path: "/submissions", heading: "My submissions", reloads: 4 },
    { path: "/playground", heading: "Playground", reloads: 4 },
    { path: "/problems/sum-of-two", heading: "Sum of Two", reloads: 4 },
    { path: "/", heading: "Problems", reloads: 4 },
  ];
  let reloads = 0;
  for (const { path, heading, reloads: count } of pages) {
    await page.goto(server.url + path);
    for (let i = 0; i < count; i++) {
      await page.reload();
      reloads += 1;
      const shown = await page
        .getByRole("heading", { name: heading, exact: true })
        .waitFor({ timeout: 8000 })
        .then(() => true, () => false);
      if (!shown) {
        const main = (await page.locator("main").textContent().catch(() => "?")).trim().slice(0, 120);
        throw new Error(
          `${path}: reload ${i + 1} stayed on "${main}" for 8 s; React root: ${await rootLanes(page)}; ` +
            `pending requests: ${[...pendingRequests].join(", ") || "none"}`,
        );
      }
    }
  }
  figures.lazyReloads = reloads;
});

step("deep links survive a reload", async ({ page }) => {
  await page.goto(server.url + "/submissions");
  await page.reload();
  await page.getByRole("heading", { name: "My submissions" }).waitFor();
  await page.getByTestId("submission-row").first().waitFor();
  await page.goto(server.url + "/problems/sum-of-two?tab=x");
  await page.reload();
  await page.getByRole("heading", { name: "Sum of Two" }).waitFor();
  await page.goto(server.url + "/no/such/page");
  await page.getByText("There is no page here.").waitFor();
});

step("the problem page fits a phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url + "/problems/sum-of-two");
  await page.locator(".cm-editor").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page is ${overflow}px wider than the phone screen`);
});

// Issue 9's Must-show: a proctor answers a clarification and the contestant's page shows it
// live. The admin (a proctor) creates a running contest through the API with the e2e user as
// its only participant; the contestant (the main page) asks from the contest page; the proctor,
// in a second browser context, sees the question arrive live and answers it to all; the
// contestant's page shows the answer and a notice without a reload. Both pages are first seen
// subscribed to the contest's channels so "live" means the WebSocket, not a refetch on connect.
step("a proctor answers a clarification and the contestant's page shows it live", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const admin = await api("/api/auth/login", { method: "POST", body: { username: "admin", password: server.adminPassword } });
  const me = await api("/api/auth/login", { method: "POST", body: { username: user.username, password: user.password } });
  const { problems } = await api("/api/problems");
  const sum = problems.find((p) => p.slug === "sum-of-two");
  const contest = await api("/api/contests", {
    method: "POST",
    token: admin.access_token,
    body: {
      name: "E2E Cup",
      starts_at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
      duration_seconds: 3600,
      rules: "icpc",
      visibility: "private",
      problems: [{ problem_id: sum.id, label: "A", color: "#ffcc00" }],
    },
  });
  await api(`/api/contests/${contest.id}/participants`, { method: "POST", token: admin.access_token, body: { users: [me.user.id] } });

  // The proctor's page, logged in as the admin through its stored session.
  const proctorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  proctorContext.setDefaultTimeout(20_000);
  try {
    const session = { accessToken: admin.access_token, refreshToken: admin.refresh_token, user: admin.user };
    await proctorContext.addInitScript((value) => localStorage.setItem("arena.session", value), JSON.stringify(session));
    const proctor = await proctorContext.newPage();
    const proctorLive = subscribedTo(proctor, `contest:${contest.id}:jury`);
    await proctor.goto(`${server.url}/contests/${contest.id}`);
    await proctor.getByRole("heading", { name: "E2E Cup" }).waitFor();
    await proctorLive;

    // The contestant finds the contest in the list, opens it and asks.
    const contestantLive = subscribedTo(page, `contest:${contest.id}`);
    await page.goto(`${server.url}/contests`);
    const row = page.getByTestId("contest-row").filter({ hasText: "E2E Cup" });
    await row.getByTestId("countdown").filter({ hasText: /^Ends in 00:5\d:\d\d$/ }).waitFor();
    await row.getByRole("link", { name: "E2E Cup" }).click();
    await page.getByRole("link", { name: "Sum of Two" }).waitFor();
    await contestantLive;
    await page.getByLabel("Your question").fill("May the numbers be negative?");
    await page.getByLabel("About").selectOption({ label: "A" });
    await page.getByRole("button", { name: "Ask" }).click();
    await page.getByTestId("clarification").filter({ hasText: "Awaiting an answer" }).waitFor();

    // The question reaches the proctor live; the proctor answers it to all.
    const question = proctor.getByTestId("clarification").filter({ hasText: "May the numbers be negative?" });
    await question.waitFor({ timeout: 5000 });
    await question.getByRole("textbox").fill("Yes: |a|, |b| <= 10^9.");
    await question.getByLabel("Answer to all").check();
    const answeredAt = Date.now();
    await question.getByRole("button", { name: "Answer" }).click();

    await page.getByTestId("clarification-answer").filter({ hasText: "Yes: |a|, |b| <= 10^9." }).waitFor({ timeout: 5000 });
    await page.getByTestId("contest-notice").filter({ hasText: "Clarification answered" }).waitFor({ timeout: 5000 });
    figures.clarificationLiveMs = Date.now() - answeredAt;
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "webui-contest.png"), fullPage: false });

    // The contest's problem page submits within the contest.
    await page.getByRole("link", { name: "Sum of Two" }).click();
    await page.getByRole("heading", { name: "Sum of Two" }).waitFor();
    await page.locator(".cm-editor").waitFor();
    await pickLanguage(page, "python3");
    await typeCode(page, kCorrectPython);
    const submitted = page.waitForRequest((request) => request.url().endsWith("/api/submissions") && request.method() === "POST");
    const { verdict } = await submitAndWait(page);
    check(verdict === "AC", `expected AC in the contest, got ${verdict}`);
    const body = JSON.parse((await submitted).postData() ?? "{}");
    check(body.contest_id === contest.id, `the submission did not carry contest_id: ${JSON.stringify(body)}`);

    // The scoreboard shows the solve (first to solve).
    await page.goto(`${server.url}/contests/${contest.id}/scoreboard`);
    await page.getByTestId("scoreboard-row").filter({ hasText: user.username }).locator('[data-kind="first"]').waitFor({ timeout: 10_000 });
  } finally {
    await proctorContext.close();
  }
});

// Issue 10's Must-show: two players (two browser contexts, two new accounts at 1500) queue in
// the lobby, are matched, see the countdown and then the problem; the first submits the
// problem's accepted Python solution (the sample package's own, whichever problem the pairing
// chose) and both pages show the result with both players' new ratings.
step("two players duel from the lobby; the first AC wins and both see their new ratings", async () => {
  const stamp = Date.now().toString(36);
  const accounts = [];
  for (const name of ["duel_a", "duel_b"]) {
    const username = `${name}_${stamp}`;
    accounts.push(
      await api("/api/auth/register", { method: "POST", body: { email: `${username}@example.org`, username, password: user.password } }),
    );
  }
  const contexts = [];
  const errors = [];
  try {
    const pages = [];
    for (const tokens of accounts) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      const session = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, user: tokens.user };
      await context.addInitScript((value) => localStorage.setItem("arena.session", value), JSON.stringify(session));
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.goto(server.url + "/");
      await page.getByRole("link", { name: "Duels" }).click();
      await page.getByRole("heading", { name: "Duels" }).waitFor();
      await page.getByTestId("my-rating").filter({ hasText: "1500" }).waitFor();
      await page.getByText("No rated duels yet", { exact: false }).waitFor();
      pages.push(page);
    }
    const queuedAt = Date.now();
    for (const page of pages) await page.getByRole("button", { name: "Find a match" }).click();
    for (const page of pages) await page.waitForURL(/\/duels\/\d+$/, { timeout: 15_000 });
    figures.duelMatchedMs = Date.now() - queuedAt;
    check(pages[0].url() === pages[1].url(), `the players are in different duels: ${pages[0].url()} ${pages[1].url()}`);
    for (const page of pages) await page.getByTestId("duel-countdown").filter({ hasText: /^Starts in 00:00:0\d$/ }).waitFor();

    const [winner, loser] = pages;
    for (const page of pages) await page.getByTestId("duel-problem").waitFor({ timeout: 15_000 });
    figures.duelProblemShownMs = Date.now() - queuedAt;
    const slug = await winner.getByTestId("duel-problem").getAttribute("data-slug");
    figures.duelProblem = slug;
    await winner.getByTestId("statement").waitFor();
    await winner.locator(".cm-editor").waitFor();
    await pickLanguage(winner, "python3");
    await typeCode(winner, acceptedPython(slug));
    const submittedAt = Date.now();
    const { verdict } = await submitAndWait(winner);
    check(verdict === "AC", `expected AC in the duel, got ${verdict}`);

    for (const page of pages) await page.getByTestId("duel-result").waitFor({ timeout: 15_000 });
    figures.duelResultMs = Date.now() - submittedAt;
    check((await winner.getByTestId("duel-result").getAttribute("data-outcome")) === "won", "the winner's page does not say won");
    check((await loser.getByTestId("duel-result").getAttribute("data-outcome")) === "lost", "the loser's page does not say lost");
    await loser.getByTestId("opponent-progress").and(loser.locator('[data-solved="yes"]')).waitFor();
    const names = accounts.map((tokens) => tokens.user.username);
    const ratings = {};
    for (const page of pages) {
      const rows = await page
        .getByTestId("rating-change")
        .evaluateAll((nodes) => nodes.map((node) => [node.dataset.user, Number(node.dataset.delta), node.querySelector('[data-testid="new-rating"]')?.textContent]));
      check(rows.length === 2, `expected two rating changes, got ${JSON.stringify(rows)}`);
      for (const [name, delta, rating] of rows) {
        check(name === names[0] ? delta > 0 : name === names[1] && delta < 0, `unexpected rating change ${name} ${delta}`);
        ratings[name] = rating;
      }
    }
    figures.duelRatings = `${ratings[names[0]]} / ${ratings[names[1]]}`;
    mkdirSync(screenshots, { recursive: true });
    await winner.screenshot({ path: join(screenshots, "webui-duel.png"), fullPage: false });

    // Back in the lobby: the new rating and the first point of the history chart.
    await winner.getByRole("link", { name: "Back to the lobby" }).click();
    await winner.getByTestId("my-rating").filter({ hasText: ratings[names[0]] }).waitFor();
    await winner.getByTestId("rating-chart").waitFor();
    await winner.getByTestId("current-user").filter({ hasText: ratings[names[0]] }).waitFor(); // the header too
    check(errors.length === 0, `errors in the duel pages: ${errors.join(" | ")}`);
  } finally {
    for (const context of contexts) await context.close();
  }
});

async function main() {
  check(existsSync(join(dist, "index.html")), `${dist}/index.html is missing: run "npm run build" first`);
  const started = Date.now();
  server = await startServer({ binary: serverBin, webuiDir: dist });
  console.log(`arena-server at ${server.url} (data ${server.dataDir})`);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: kChromiumArgs,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors = [];
  page.on("request", (request) => pendingRequests.add(request.url()));
  page.on("requestfinished", (request) => pendingRequests.delete(request.url()));
  page.on("requestfailed", (request) => pendingRequests.delete(request.url()));
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    // A missing live channel is allowed (the UI polls); anything else red is a bug.
    if (expectCspReports && /Content Security Policy/.test(message.text())) {
      figures.cspReports = (figures.cspReports ?? 0) + 1;
      return;
    }
    if (message.type() === "error" && !/\/api\/ws|WebSocket|Failed to load resource/.test(message.text())) {
      pageErrors.push(message.text());
    }
  });

  let failed = 0;
  for (const { name, run } of steps) {
    const t0 = Date.now();
    try {
      await run({ page, context });
      check(pageErrors.length === 0, `errors in the page: ${pageErrors.join(" | ")}`);
      console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`  FAIL ${name} (${Date.now() - t0} ms)\n       ${String(error.stack ?? error).split("\n").slice(0, 6).join("\n       ")}`);
      mkdirSync(scratch, { recursive: true });
      await page.screenshot({ path: join(scratch, "failure.png"), fullPage: true }).catch(() => undefined);
      console.log(`       screenshot: ${join(scratch, "failure.png")}\n--- server log (tail) ---\n${server.logTail(3000)}`);
      break;
    }
  }
  console.log(
    `\n${failed ? "FAILED" : "passed"}: ${failed ? "stopped at the first failure" : `${steps.length} steps`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `editor visible after navigation: ${figures.editorVisibleColdMs} ms cold, ${figures.editorVisibleWarmMs} ms warm; ` +
      `AC via ${figures.acVia}, WA via ${figures.waVia}; ${figures.lazyReloads ?? 0} lazy-page reloads all got past the fallback; ` +
      `clarification answer shown live ${figures.clarificationLiveMs ?? "?"} ms after the proctor's click`,
  );
  console.log(
    `duel: matched ${figures.duelMatchedMs ?? "?"} ms after queueing, problem (${figures.duelProblem ?? "?"}) shown after ` +
      `${figures.duelProblemShownMs ?? "?"} ms, result on both pages ${figures.duelResultMs ?? "?"} ms after Submit, ` +
      `new ratings winner/loser ${figures.duelRatings ?? "?"}`,
  );
  return failed ? 1 : 0;
}

async function cleanup() {
  await browser?.close().catch(() => undefined);
  if (server) await server.stop().catch(() => undefined);
}

const deadline = setTimeout(async () => {
  console.error(`e2e: over the ${kDeadlineMs / 1000} s deadline; stopping`);
  await cleanup();
  process.exit(1);
}, kDeadlineMs);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`e2e: ${error.stack ?? error}`);
  if (server) console.error(`--- server log (tail) ---\n${server.logTail(3000)}`);
} finally {
  await cleanup();
  clearTimeout(deadline);
}
process.exit(code);
