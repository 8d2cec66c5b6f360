// Time until the code editor is ready to type on the problem page, in headless Chromium against
// the real arena-server on loopback, beside a baseline measured in the same run.
//
//   node scripts/bench-editor.mjs [--runs N] [--dist DIR ...] [--waterfall]
//
// For each build (--dist, repeatable; default dist/) an arena-server serves a temporary copy of
// it with one extra file, baseline.html: a page with a plain <textarea> and no script. Every run
// visits each build and the baseline in turn (alternating, so they share the machine's load):
//   cold = a fresh browser context (empty HTTP and code caches), navigation to
//          /problems/sum-of-two until `.cm-content` is editable and laid out;
//   warm = a reload of the same page in that context.
// The time is the page's own clock (performance.now(), from navigation start), read by a script
// injected before any of the page's own, so polling from the test driver adds nothing.
// Prints median and p90 per build, and the ratio of medians to the baseline's.
// --waterfall prints one cold load's resource timings per build (what the editor waited for).
//
// env: ARENA_SERVER_BIN (default ../build/bin/arena-server), CHROMIUM (default /usr/bin/chromium)
import { chromium } from "playwright-core";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../e2e/server-process.mjs";

const webui = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const serverBin = resolve(webui, process.env.ARENA_SERVER_BIN ?? "../build/bin/arena-server");
const args = process.argv.slice(2);
const runs = Number(args.includes("--runs") ? args[args.indexOf("--runs") + 1] : 8);
const dists = args.flatMap((arg, i) => (args[i - 1] === "--dist" ? [resolve(arg)] : []));
if (dists.length === 0) dists.push(join(webui, "dist"));
const kProblem = "/problems/sum-of-two";
const kChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// Injected before the page's scripts: records when an editable editor (or the baseline's
// textarea) first has a size, checking after every DOM change and every frame.
const kProbe = `(() => {
  const ready = () => {
    const el = document.querySelector('.cm-content[contenteditable="true"], textarea#baseline-editor');
    return el && el.getBoundingClientRect().height > 0;
  };
  const mark = () => {
    if (window.__editorReadyMs === undefined && ready()) window.__editorReadyMs = performance.now();
    else if (window.__editorReadyMs === undefined) requestAnimationFrame(mark);
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  requestAnimationFrame(mark);
})();`;

const kBaselineHtml = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>baseline</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><h1>Baseline</h1><textarea id="baseline-editor" rows="20" cols="80"></textarea></body></html>`;

async function readyMs(page) {
  const handle = await page.waitForFunction(() => window.__editorReadyMs, null, { timeout: 30_000, polling: 50 });
  return Math.round(await handle.jsonValue());
}

async function measure(browser, url, { waterfall = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(kProbe);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const cold = await readyMs(page);
    let entries = [];
    if (waterfall) {
      entries = await page.evaluate(() =>
        performance.getEntriesByType("resource").map((e) => ({
          name: e.name.replace(location.origin, ""),
          start: Math.round(e.startTime),
          end: Math.round(e.responseEnd),
          kb: Math.round(e.encodedBodySize / 1024),
        })),
      );
    }
    await page.reload({ waitUntil: "commit" });
    const warm = await readyMs(page);
    return { cold, warm, entries };
  } finally {
    await context.close();
  }
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const servers = [];
const scratch = [];
let browser;
try {
  const targets = [];
  for (const [index, dist] of dists.entries()) {
    const copy = mkdtempSync(join(tmpdir(), "arena-webui-bench-"));
    scratch.push(copy);
    cpSync(dist, copy, { recursive: true });
    writeFileSync(join(copy, "baseline.html"), kBaselineHtml);
    const server = await startServer({ binary: serverBin, webuiDir: copy });
    servers.push(server);
    const label = dists.length > 1 ? `${basename(dirname(dist))}/${basename(dist)}` : "webui";
    targets.push({ label, url: server.url + kProblem, samples: { cold: [], warm: [] } });
    if (index === 0) {
      targets.unshift({ label: "baseline", url: server.url + "/baseline.html", samples: { cold: [], warm: [] } });
    }
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: kChromiumArgs });
  // One unmeasured round: the server's file cache and the OS page cache are warm for everyone.
  for (const target of targets) await measure(browser, target.url);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [...targets].reverse() : targets;
    for (const target of order) {
      const { cold, warm, entries } = await measure(browser, target.url, {
        waterfall: args.includes("--waterfall") && run === 0 && target.label !== "baseline",
      });
      target.samples.cold.push(cold);
      target.samples.warm.push(warm);
      if (entries.length) {
        console.log(`waterfall (${target.label}, cold; editor ready at ${cold} ms):`);
        for (const e of entries) console.log(`  ${String(e.start).padStart(5)} -> ${String(e.end).padStart(5)} ms ${String(e.kb).padStart(4)} KB  ${e.name}`);
      }
    }
  }
  const base = targets[0].samples;
  console.log(`editor ready to type on ${kProblem}, ${runs} runs each (ms; ratio = median / baseline median)`);
  for (const { label, samples } of targets) {
    const row = ["cold", "warm"].map((kind) => {
      const m = median(samples[kind]);
      const ratio = (m / median(base[kind])).toFixed(2);
      return `${kind} median ${String(Math.round(m)).padStart(5)} p90 ${String(quantile(samples[kind], 0.9)).padStart(5)} (x${ratio})`;
    });
    console.log(`  ${label.padEnd(24)} ${row.join("   ")}`);
  }
} finally {
  await browser?.close().catch(() => undefined);
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}
