#!/usr/bin/env python3
"""The measurements of scripts/bench.sh against a running, seeded release server.

Usage: bench.py BASE_URL SERVER_PID SEED_JSON OUT_JSON
Prints a table, compares it with the budgets of DESIGN.md, writes OUT_JSON. Standard library
only; shells out to curl, gzip, brotli, oha and lighthouse (put on PATH by scripts/bench.sh).

To add a page or a load test that is not built yet, fill its `url` (and `cookie`) below.
"""

import concurrent.futures
import html.parser
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

STEP = "tre-ho-ten"  # a one-field step in the middle of the journey
DURATION = os.environ.get("MC_BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("MC_BENCH_CONNECTIONS", "50"))
LIGHTHOUSE_RUNS = int(os.environ.get("MC_BENCH_LIGHTHOUSE_RUNS", "3"))

# Pages a citizen opens. `cookie` names the seeded draft to open it with (see seed.py).
PAGES = [
    {"name": "home", "url": "/", "cookie": None},
    {"name": "step", "url": f"/ho-so/buoc/{STEP}", "cookie": "check"},
    {"name": "check answers", "url": "/ho-so/kiem-tra", "cookie": "check"},
    {"name": "receipt", "url": "/ho-so/bien-nhan", "cookie": "receipt"},
    # Status lookup by the code on the receipt (the seeded dossier's, see seed.py).
    {"name": "lookup", "url": "/tra-cuu?ma={dossier}", "cookie": None},
]

# Load tests at CONNECTIONS connections. `per_connection_draft`: every connection saves its own
# draft (as real citizens do), so that optimistic concurrency never refuses a save.
LOADS = [
    {"name": "GET step", "method": "GET", "url": f"/ho-so/buoc/{STEP}", "body": None,
     "per_connection_draft": False},
    {"name": "POST step", "method": "POST", "url": "/api/luu-buoc",
     "body": {"buoc": STEP, f"a[{STEP}]": "Nguyễn Minh An"}, "per_connection_draft": True},
    # The partial save of a step while typing (the hydrated island's autosave). The page's version
    # stays 1: later saves are stale but change nothing saved elsewhere, so each is saved.
    {"name": "autosave", "method": "POST", "url": "/api/luu-nhap",
     "body": {"buoc": STEP, "phien_ban": "1", f"a[{STEP}]": "Nguyễn Minh An"},
     "per_connection_draft": True},
    # Status lookup of one dossier, as a citizen scanning the receipt's QR code (no cookie needed;
    # a known code does not use up the lookup limit).
    {"name": "status lookup", "method": "GET", "url": "/tra-cuu?ma={dossier}", "body": None,
     "per_connection_draft": False},
]

KB = 1024
BUDGETS = {
    "first_response_br": 14 * KB,
    "js_wasm_br": 150 * KB,
    "get_rps": 6000,
    "get_p99_ms": 20,
    "rss_mb": 40,
    "post_rps": 1000,
}

NOT_BUILT = "not built yet"


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, **kwargs).stdout


def fetch(base, path, cookie=None, encoding=None):
    """The body as sent (compressed when `encoding` is given), and the response headers."""
    args = ["curl", "-sS", "--fail", "-D", "-", "-o", "-", base + path]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    if encoding:
        args += ["-H", f"Accept-Encoding: {encoding}"]
    out = run(*args)
    head, _, body = out.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return body, headers


class Head(html.parser.HTMLParser):
    """What the browser must fetch before it can render: stylesheets, classic sync scripts."""

    def __init__(self):
        super().__init__()
        self.blocking = []
        self.deferred = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.blocking.append(a.get("href"))
        elif tag == "link" and a.get("rel") in ("modulepreload", "preload"):
            self.deferred.append(a.get("href"))
        elif tag == "script" and a.get("src"):
            sync = a.get("type") != "module" and "async" not in a and "defer" not in a
            (self.blocking if sync else self.deferred).append(a.get("src"))


def page_sizes(base, seed):
    rows = []
    css_cache = {}
    for page in PAGES:
        if page["url"] is None:
            rows.append({"page": page["name"], "status": NOT_BUILT})
            continue
        cookie = seed[page["cookie"]] if page["cookie"] else None
        raw, headers = fetch(base, page["url"], cookie)
        if headers.get("cache-control") != "no-store":
            raise SystemExit(f"{page['url']} is not sent with Cache-Control: no-store")
        sizes = {"raw": len(raw)}
        for name, encoding in (("gzip", "gzip"), ("brotli", "br")):
            body, h = fetch(base, page["url"], cookie, encoding)
            if h.get("content-encoding") != encoding:
                raise SystemExit(f"{page['url']} was not compressed with {encoding}")
            sizes[name] = len(body)
        head = Head()
        head.feed(raw.decode("utf-8"))
        css = {"raw": 0, "gzip": 0, "brotli": 0}
        for href in head.blocking:
            if href not in css_cache:
                css_cache[href] = asset_sizes(base, href)
            for k in css:
                css[k] += css_cache[href][k]
        text = raw.decode("utf-8")
        rows.append({
            "page": page["name"],
            "url": page["url"],
            "html": sizes,
            "html_css": {k: sizes[k] + css[k] for k in sizes},
            "requests_to_render": 1 + len(head.blocking),
            "render_blocking": head.blocking,
            "loaded_at_idle": head.deferred,
            "inline_script_bytes": sum(len(s) for s in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S)),
        })
    return rows


def asset_sizes(base, href):
    raw, headers = fetch(base, href)
    cache = headers.get("cache-control", "")
    if "immutable" not in cache:
        raise SystemExit(f"{href} is not cached as immutable: {cache!r}")
    sizes = {"raw": len(raw)}
    for name, encoding in (("gzip", "gzip"), ("brotli", "br")):
        body, h = fetch(base, href, encoding=encoding)
        sizes[name] = len(body) if h.get("content-encoding") == encoding else len(raw)
    if b"@font-face" in raw:
        raise SystemExit(f"{href} loads a web font")
    return sizes


def bundle_sizes(base, pages):
    files = sorted({href for p in pages for href in p.get("loaded_at_idle", [])})
    total = {"raw": 0, "gzip": 0, "brotli": 0}
    out = {"files": {}}
    for href in files:
        sizes = asset_sizes(base, href)
        out["files"][href] = sizes
        for k in total:
            total[k] += sizes[k]
    out["total"] = total
    return out


class Memory:
    """Samples the server's resident memory while the load runs."""

    def __init__(self, pid):
        self.pid = pid
        self.peak_rss_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def status(self, field):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def sample(self):
        while not self.stop.is_set():
            self.peak_rss_kb = max(self.peak_rss_kb, self.status("VmRSS"))
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def oha_args(base, load, cookie, connections):
    args = ["oha", "--no-tui", "--output-format", "json", "-z", DURATION, "-c", str(connections),
            "--redirect", "0", "-m", load["method"], "-H", f"Cookie: {cookie}",
            "-H", "Accept: text/html", "-H", f"Origin: {base}"]
    if load["body"] is not None:
        args += ["-T", "application/x-www-form-urlencoded",
                 "-d", urllib.parse.urlencode(load["body"])]
    return args + [base + load["url"]]


def cpu_seconds(pid):
    """CPU time the server has used (user + system), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_test(base, load, seed, pid):
    """One load test, with the server's own CPU time per request: unlike req/s, that figure
    hardly moves when other work shares the machine."""
    if load["url"] is None:
        return {"name": load["name"], "status": NOT_BUILT}
    before = cpu_seconds(pid)
    result = run_load(base, load, seed)
    served = sum(result["status_codes"].values())
    result["server_cpu_us_per_request"] = (cpu_seconds(pid) - before) / max(served, 1) * 1e6
    return result


def run_load(base, load, seed):
    if not load["per_connection_draft"]:
        out = json.loads(run(*oha_args(base, load, seed["check"], CONNECTIONS)))
        summary = out["summary"]
        codes = out.get("statusCodeDistribution", {})
        return {
            "name": load["name"], "connections": CONNECTIONS,
            "rps": summary["requestsPerSec"],
            "p50_ms": out["latencyPercentiles"]["p50"] * 1000,
            "p99_ms": out["latencyPercentiles"]["p99"] * 1000,
            "status_codes": codes, "errors": out.get("errorDistribution", {}),
        }
    # oha sends one set of headers: one oha per connection, each with its own draft's cookie,
    # every request recorded, then merged into one set of figures.
    cookies = seed["load"][:CONNECTIONS]
    with tempfile.TemporaryDirectory() as tmp:
        def one(i):
            db = os.path.join(tmp, f"{i}.db")
            args = oha_args(base, load, cookies[i], 1) + ["--worker-threads", "1", "--db-url", db]
            return json.loads(run(*args)), db
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(cookies)) as pool:
            results = list(pool.map(one, range(len(cookies))))
        durations, codes = [], {}
        for _, db in results:
            with sqlite3.connect(db) as conn:
                for duration, status in conn.execute("SELECT duration, status FROM oha"):
                    durations.append(duration)
                    codes[str(status)] = codes.get(str(status), 0) + 1
    durations.sort()
    pct = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))] * 1000
    errors = {}
    for out, _ in results:
        for k, v in out.get("errorDistribution", {}).items():
            errors[k] = errors.get(k, 0) + v
    return {
        "name": load["name"], "connections": len(cookies),
        "rps": sum(out["summary"]["requestsPerSec"] for out, _ in results),
        "p50_ms": pct(0.50), "p99_ms": pct(0.99),
        "status_codes": codes, "errors": errors,
    }


def lighthouse(base, seed, out_dir):
    url = base + f"/ho-so/buoc/{STEP}"
    flags = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
             "--disable-component-update --disable-sync --no-first-run")
    runs = []
    for i in range(LIGHTHOUSE_RUNS):
        report = os.path.join(out_dir, f"lighthouse-{i + 1}.json")
        subprocess.run(
            ["lighthouse", url, "--quiet", "--output=json", f"--output-path={report}",
             "--form-factor=mobile", "--only-categories=performance,accessibility",
             f"--extra-headers={json.dumps({'Cookie': seed['load'][-1]})}",
             f"--chrome-flags={flags}"],
            check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        with open(report) as f:
            r = json.load(f)
        if r.get("runtimeError"):
            raise SystemExit(f"lighthouse: {r['runtimeError']}")
        runs.append({
            "performance": round(r["categories"]["performance"]["score"] * 100),
            "accessibility": round(r["categories"]["accessibility"]["score"] * 100),
            "lcp_ms": r["audits"]["largest-contentful-paint"]["numericValue"],
            "tbt_ms": r["audits"]["total-blocking-time"]["numericValue"],
            "cls": r["audits"]["cumulative-layout-shift"]["numericValue"],
            "fcp_ms": r["audits"]["first-contentful-paint"]["numericValue"],
        })
    # The median run by LCP stands for all (Lighthouse varies from run to run).
    runs.sort(key=lambda run: run["lcp_ms"])
    return {"url": f"/ho-so/buoc/{STEP}", "runs": len(runs), "median": runs[len(runs) // 2],
            "all": runs}


def fmt(n):
    return f"{n:,}"


def main():
    base, pid, seed_path, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(seed_path) as f:
        seed = json.load(f)
    # Addresses naming the seeded dossier; without one (an older seed file) they are not run.
    for entry in PAGES + LOADS:
        if entry["url"] and "{dossier}" in entry["url"]:
            entry["url"] = entry["url"].format(dossier=seed["dossier"]) if seed.get("dossier") else None
    out_dir = os.path.dirname(out_path)

    pages = page_sizes(base, seed)
    bundle = bundle_sizes(base, pages)
    memory = Memory(pid)
    idle_kb = memory.status("VmRSS")
    loads = []
    with memory:
        for load in LOADS:
            print(f"  load: {load['name']} ...", flush=True)
            loads.append(load_test(base, load, seed, pid))
    load_peak_kb = memory.peak_rss_kb
    # The high-water mark since start (seeding included) is what the budget is held to.
    peak_kb = max(load_peak_kb, memory.status("VmHWM"))
    print("  lighthouse ...", flush=True)
    lh = lighthouse(base, seed, out_dir)

    step = next(p for p in pages if p["page"] == "step")
    get = next(l for l in loads if l["name"] == "GET step")
    post = next(l for l in loads if l["name"] == "POST step")
    budgets = [
        ("first response of a step page (HTML + CSS, brotli)",
         f"<= {fmt(BUDGETS['first_response_br'])} B", f"{fmt(step['html_css']['brotli'])} B",
         step["html_css"]["brotli"] <= BUDGETS["first_response_br"]),
        ("JS + wasm (brotli)", f"<= {fmt(BUDGETS['js_wasm_br'])} B",
         f"{fmt(bundle['total']['brotli'])} B", bundle["total"]["brotli"] <= BUDGETS["js_wasm_br"]),
        (f"GET step, {get['connections']} connections", f">= {fmt(BUDGETS['get_rps'])} req/s",
         f"{fmt(round(get['rps']))} req/s", get["rps"] >= BUDGETS["get_rps"]),
        ("GET step p99", f"< {BUDGETS['get_p99_ms']} ms", f"{get['p99_ms']:.1f} ms",
         get["p99_ms"] < BUDGETS["get_p99_ms"]),
        ("server memory, peak RSS (VmHWM)", f"< {BUDGETS['rss_mb']} MB", f"{peak_kb / 1024:.1f} MB",
         peak_kb < BUDGETS["rss_mb"] * 1024),
        ("saves (POST step), durable", f">= {fmt(BUDGETS['post_rps'])} req/s",
         f"{fmt(round(post['rps']))} req/s", post["rps"] >= BUDGETS["post_rps"]),
    ]

    lines = []
    p = lines.append
    p("")
    p("Pages (bytes on the wire; requests to render = HTML + render-blocking; JS/wasm load at idle)")
    p(f"{'page':<14} {'HTML raw':>9} {'gzip':>7} {'brotli':>7} | {'HTML+CSS raw':>12} {'gzip':>7} {'brotli':>7} | {'requests':>8}")
    for r in pages:
        if r.get("status") == NOT_BUILT:
            p(f"{r['page']:<14} {NOT_BUILT:>9}")
            continue
        h, hc = r["html"], r["html_css"]
        p(f"{r['page']:<14} {fmt(h['raw']):>9} {fmt(h['gzip']):>7} {fmt(h['brotli']):>7} | "
          f"{fmt(hc['raw']):>12} {fmt(hc['gzip']):>7} {fmt(hc['brotli']):>7} | {r['requests_to_render']:>8}")
    p("")
    p(f"{'JS + wasm (at idle)':<34} {'raw':>9} {'gzip':>9} {'brotli':>9}")
    for href, s in bundle["files"].items():
        p(f"{href.rsplit('/', 1)[-1]:<34} {fmt(s['raw']):>9} {fmt(s['gzip']):>9} {fmt(s['brotli']):>9}")
    t = bundle["total"]
    p(f"{'total':<34} {fmt(t['raw']):>9} {fmt(t['gzip']):>9} {fmt(t['brotli']):>9}")
    p("")
    p(f"Load ({DURATION} each, keep-alive, brotli accepted)")
    p(f"{'test':<14} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'server CPU':>11}  statuses")
    for l in loads:
        if l.get("status") == NOT_BUILT:
            p(f"{l['name']:<14} {NOT_BUILT:>5}")
            continue
        codes = ", ".join(f"{k}: {fmt(v)}" for k, v in sorted(l["status_codes"].items()))
        # oha cancels the requests in flight when the time is up: not errors of the server.
        errs = sum(v for k, v in l["errors"].items() if "deadline" not in k)
        cpu = f"{l['server_cpu_us_per_request']:.0f} µs/req"
        p(f"{l['name']:<14} {l['connections']:>5} {fmt(round(l['rps'])):>8} {l['p50_ms']:>7.2f} {l['p99_ms']:>7.2f} {cpu:>11}  {codes}"
          + (f", errors: {errs}" if errs else ""))
    p(f"(2 cores for the server alone would serve 2 s / its CPU per request: "
      f"{fmt(round(2e6 / get['server_cpu_us_per_request']))} GET/s; here oha and other work share them)")
    p(f"server RSS: {idle_kb / 1024:.1f} MB before the load, {load_peak_kb / 1024:.1f} MB at most during it "
      f"(sampled every 50 ms), high-water mark since start {peak_kb / 1024:.1f} MB")
    p("")
    m = lh["median"]
    p(f"Lighthouse, mobile, {lh['url']} (median of {lh['runs']} by LCP): performance {m['performance']}, "
      f"accessibility {m['accessibility']}, LCP {m['lcp_ms'] / 1000:.2f} s, TBT {m['tbt_ms']:.0f} ms, "
      f"CLS {m['cls']:.3f} (FCP {m['fcp_ms'] / 1000:.2f} s)")
    p("")
    p("Budgets (DESIGN.md)")
    for name, budget, measured, ok in budgets:
        p(f"  {'PASS' if ok else 'FAIL'}  {name:<52} {budget:>18}  measured {measured}")
    load_avg = os.getloadavg()
    p(f"(load average at the end: {load_avg[0]:.2f} {load_avg[1]:.2f} {load_avg[2]:.2f} on {os.cpu_count()} cores;"
      " other builds on the machine lower the load figures)")
    text = "\n".join(lines)
    print(text)

    result = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average": load_avg,
        "cpus": os.cpu_count(),
        "seed": {"drafts": seed["drafts"], "dossiers": seed["dossiers"]},
        "pages": pages,
        "js_wasm": bundle,
        "load": {"duration": DURATION, "tests": loads},
        "memory": {"idle_rss_kb": idle_kb, "load_peak_rss_kb": load_peak_kb, "peak_rss_kb": peak_kb},
        "lighthouse": lh,
        "budgets": [{"name": n, "budget": b, "measured": m, "pass": ok} for n, b, m, ok in budgets],
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    with open(os.path.join(out_dir, "bench.txt"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
