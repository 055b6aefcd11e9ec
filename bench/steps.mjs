// Benchmark (not a test) of issue 19: the time from pressing Continue to the next question on a
// cheap phone, the old way (a full page load per step) against the new (public/dieu-huong.js
// swaps <main>), and Lighthouse's mobile LCP of a cold step page. Run by scripts/bench-steps.sh,
// which starts the server; usage: node bench/steps.mjs BASE_URL [OUT_DIR]
//   MC_BENCH_LIGHTHOUSE_RUNS (3)  MC_BENCH_STEP_ROUNDS (1: journeys per way)  CHROME_PATH
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// Playwright as the end-to-end tests have it (end2end/node_modules); no browser is downloaded.
const require = createRequire(path.join(here, "../end2end/package.json"));
const { chromium, devices } = require("@playwright/test");

const base = process.argv[2] ?? "http://127.0.0.1:3400";
const outDir = process.argv[3] ?? path.join(here, "../target/bench-steps");
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const lighthouseRuns = Number(process.env.MC_BENCH_LIGHTHOUSE_RUNS ?? "3");
const rounds = Number(process.env.MC_BENCH_STEP_ROUNDS ?? "1"); // 0: Lighthouse only
// Lighthouse through another address (a proxy that rewrites the pages, to try a change).
const lighthouseBase = process.env.MC_BENCH_LIGHTHOUSE_BASE ?? base;
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
// The cheap phone: CPU 4x slower, 1.6 Mbps down, 750 kbps up, 150 ms round trip.
const CPU = 4;
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const STEP = "tre-ho-ten"; // the step page Lighthouse loads cold (as bench/bench.py)

// --- the answers of end2end/tests/journey.ts (answerApplicant, then the first of answerTheRest)
async function typeDate(page, day, month, year) {
  await page.getByLabel("Ngày", { exact: true }).fill(day);
  await page.getByLabel("Tháng", { exact: true }).fill(month);
  await page.getByLabel("Năm", { exact: true }).fill(year);
}
function daysAgo(days) {
  const d = new Date(Date.now() - days * 86_400_000);
  return [String(d.getDate()), String(d.getMonth() + 1), String(d.getFullYear())];
}
const ANSWERS = [
  (p) => p.getByLabel("UBND phường Ea Kao").check(),
  (p) => p.getByLabel("Họ, chữ đệm và tên").fill("Y Bih Niê"),
  (p) => typeDate(p, "5", "6", "1990"),
  async (p) => {
    await p.getByLabel("Thẻ căn cước", { exact: true }).check();
    await p.getByLabel("Số định danh cá nhân").fill("066 090 012 345");
    await p.getByLabel("Nơi cấp").fill("Bộ Công an");
    await typeDate(p, "15", "3", "2021");
  },
  (p) => p.getByLabel("Nơi cư trú").fill("12 Lê Lợi, Tổ dân phố 3, phường Ea Kao, Đắk Lắk"),
  (p) => p.getByLabel("Cha", { exact: true }).check(),
  (p) => p.getByLabel("Số điện thoại di động").fill("0912 345 678"),
  (p) => p.getByLabel("Họ, chữ đệm và tên của trẻ").fill("Y Sao Niê"),
  (p) => typeDate(p, ...daysAgo(10)),
  (p) => p.getByLabel("Nữ", { exact: true }).check(),
];

// In every document, before its scripts: pressing Continue notes the time (epoch ms, the same
// clock for every document of the tab) and the heading on screen; then, on each animation frame
// (frames wait for render-blocking CSS, so a frame is what the eye gets), the first frame whose
// <main> h1 differs notes the time again. The same watch both ways: a new document (old) or a
// swapped <main> (new).
const WATCH = () => {
  const now = () => performance.timeOrigin + performance.now();
  const heading = () => (document.querySelector("main h1")?.textContent ?? "").trim();
  const watch = () => {
    if (!sessionStorage.getItem("bench-t0") || sessionStorage.getItem("bench-to")) return;
    const h = heading();
    if (h && h !== sessionStorage.getItem("bench-from")) {
      // Noted once this frame is out (a task after the frame), in both ways alike.
      sessionStorage.setItem("bench-to", h);
      setTimeout(() => sessionStorage.setItem("bench-t1", String(now())), 0);
    } else requestAnimationFrame(watch);
  };
  addEventListener(
    "click",
    (ev) => {
      if (!ev.target.closest || !ev.target.closest("button[type=submit]")) return;
      sessionStorage.setItem("bench-t0", String(now()));
      sessionStorage.setItem("bench-from", heading());
      sessionStorage.removeItem("bench-t1");
      sessionStorage.removeItem("bench-to");
      requestAnimationFrame(watch);
    },
    true,
  );
  requestAnimationFrame(watch);
};

async function journey(browser, way, throttle = true) {
  const context = await browser.newContext({
    ...devices["Pixel 5"],
    baseURL: base,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  if (way === "old") {
    // The old way: the navigation script never runs, so every Continue is a page load. Blocked
    // with CDP, not page.route: Playwright's routing turns the HTTP cache off.
    await cdp.send("Network.setBlockedURLs", { urls: ["*/dieu-huong.js*"] });
  }
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
  }
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));

  // Unmeasured: the home page and the start, so the cache is warm as on a phone after a page.
  await page.goto("/");
  await page.getByRole("link", { name: "Đăng ký khai sinh" }).click();
  await page.getByRole("button", { name: "Bắt đầu" }).click();
  await page.getByRole("heading", { level: 1, name: "Bạn nộp hồ sơ tới Ủy ban nhân dân nào?" }).waitFor();
  const steps = [];
  for (const answer of ANSWERS) {
    // The wasm is running (both ways; the new way moves inside the page only then), and the
    // network is quiet, as it would be while a person reads and answers.
    await page.waitForFunction(() => window.__mcReady === true, null, { timeout: 120_000 });
    await page.waitForLoadState("networkidle");
    await answer(page);
    const from = (await page.locator("main h1").textContent()).trim();
    const document0 = await page.evaluate(() => performance.timeOrigin); // changes with a page load
    bytes = 0;
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await page.waitForFunction(() => sessionStorage.getItem("bench-t1"), null, { timeout: 120_000 });
    const timing = await page.evaluate(() => ({
      t0: Number(sessionStorage.getItem("bench-t0")),
      t1: Number(sessionStorage.getItem("bench-t1")),
      to: sessionStorage.getItem("bench-to"),
      origin: performance.timeOrigin,
    }));
    await page.waitForFunction(() => window.__mcReady === true, null, { timeout: 120_000 });
    await page.waitForLoadState("networkidle");
    steps.push({
      from,
      to: timing.to,
      ms: timing.t1 - timing.t0,
      bytes, // from the press to the next page being quiet, its idle-time loads included
      pageLoad: timing.origin !== document0,
    });
  }
  const cookies = await context.cookies();
  await context.close();
  return { steps, cookies };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pad = (s, n) => String(s).padStart(n);

function lighthouse(cookie) {
  const bin = path.join(here, "node_modules/.bin/lighthouse");
  const flags = ["--headless", ...FLAGS].join(" ");
  const runs = [];
  for (let i = 0; i < lighthouseRuns; i++) {
    const report = path.join(outDir, `lighthouse-steps-${i + 1}.json`);
    execFileSync(
      bin,
      [
        `${lighthouseBase}/ho-so/buoc/${STEP}`,
        "--quiet",
        "--output=json",
        `--output-path=${report}`,
        "--form-factor=mobile",
        "--only-categories=performance",
        `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
        `--chrome-flags=${flags}`,
      ],
      { env: { ...process.env, CHROME_PATH: chrome }, stdio: ["ignore", "ignore", "inherit"] },
    );
    const r = JSON.parse(readFileSync(report, "utf8"));
    if (r.runtimeError) throw new Error(`lighthouse: ${r.runtimeError.message}`);
    runs.push({
      lcp: r.audits["largest-contentful-paint"].numericValue,
      fcp: r.audits["first-contentful-paint"].numericValue,
      lcpElement: r.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet,
    });
  }
  return runs;
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: chrome, args: FLAGS });
const results = { old: [], new: [] };
let cookies = [];
for (let r = 0; r < rounds; r++) {
  for (const way of ["old", "new"]) {
    process.stdout.write(`  ${way} way, journey ${r + 1}/${rounds} ...\n`);
    const run = await journey(browser, way);
    results[way].push(...run.steps);
    cookies = run.cookies;
  }
}
if (rounds === 0) cookies = (await journey(browser, "new", false)).cookies; // a draft for Lighthouse
await browser.close();

function table() {
  console.log();
  console.log(`Ten Continues of a birth registration on a cheap phone (CPU ${CPU}x slower, 1.6 Mbps down,`);
  console.log("750 kbps up, 150 ms RTT, HTTP cache on and warm), press to next question shown (h1 on a frame):");
  console.log("old = /dieu-huong.js blocked, every Continue a full page load; new = the script swaps <main>");
  console.log();
  console.log("step  from -> to                                        old ms   new ms |  old B   new B");
  for (let i = 0; i < ANSWERS.length; i++) {
    const o = results.old[i];
    const n = results.new[i];
    const label = `${o.from.slice(0, 22)} -> ${o.to.slice(0, 22)}`.padEnd(48);
    console.log(`${pad(i + 1, 4)}  ${label} ${pad(fmt(o.ms), 6)}   ${pad(fmt(n.ms), 6)} | ${pad(fmt(o.bytes), 6)}  ${pad(fmt(n.bytes), 6)}`);
  }
  const loadsOld = results.old.filter((s) => s.pageLoad).length;
  const loadsNew = results.new.filter((s) => s.pageLoad).length;
  const row = (name, f, unit) =>
    console.log(`${name.padEnd(34)} ${pad(f(results.old), 10)} ${pad(f(results.new), 10)}  ${unit}`);
  console.log();
  console.log(`${"".padEnd(34)} ${pad("old", 10)} ${pad("new", 10)}`);
  row("next question, median", (s) => fmt(median(s.map((x) => x.ms))), "ms   (goal <= 300 ms)");
  row("next question, worst", (s) => fmt(Math.max(...s.map((x) => x.ms))), "ms");
  row("bytes per step, median", (s) => fmt(median(s.map((x) => x.bytes))), "B    (encodedDataLength)");
  row("page loads", (s) => `${s.filter((x) => x.pageLoad).length}/${s.length}`, "");
  if (loadsOld !== results.old.length || loadsNew !== 0) {
    console.log("WARNING: the old way should load every page and the new way none");
  }
}
if (rounds > 0) table();

const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
if (lighthouseRuns > 0) {
  process.stdout.write(`\n  lighthouse x${lighthouseRuns} ...\n`);
  const runs = lighthouse(cookie).sort((a, b) => a.lcp - b.lcp);
  const m = runs[runs.length >> 1];
  console.log();
  console.log(
    `Lighthouse mobile (its default throttling), cold /ho-so/buoc/${STEP}, median of ${runs.length} by LCP: ` +
      `LCP ${(m.lcp / 1000).toFixed(2)} s (goal <= 1.0 s), FCP ${(m.fcp / 1000).toFixed(2)} s; ` +
      `all LCPs: ${runs.map((x) => (x.lcp / 1000).toFixed(2)).join(", ")} s`,
  );
  if (m.lcpElement) console.log(`LCP element: ${m.lcpElement}`);
}
