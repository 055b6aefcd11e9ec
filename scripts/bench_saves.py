#!/usr/bin/env python3
"""The measurement of scripts/bench-saves.sh: durable step saves (POST /api/luu-buoc) from many
concurrent clients, each with its own draft, on SQLite and on PostgreSQL, each save in its own
transaction (MC_GROUP_COMMIT=off, the code before group commit) and with group commit (on).

oha sends one client's requests with one cookie, so each client is its own oha process with one
connection; their per-request CSV lines are merged here into saves/s and latency percentiles.
Settings: MC_BENCH_PORT (3351), MC_BENCH_DURATION (10s), MC_BENCH_CLIENTS (50),
MC_BENCH_ENGINES (sqlite,postgres), MC_BENCH_MODES (off,on), MC_TEST_POSTGRES_URL.
"""

import csv
import json
import os
import random
import shutil
import string
import subprocess
import urllib.parse

from mc_process import ROOT, Server, start_draft

PORT = int(os.environ.get("MC_BENCH_PORT", "3351"))
DURATION = os.environ.get("MC_BENCH_DURATION", "10s")
CLIENTS = int(os.environ.get("MC_BENCH_CLIENTS", "50"))
ENGINES = os.environ.get("MC_BENCH_ENGINES", "sqlite,postgres").split(",")
MODES = os.environ.get("MC_BENCH_MODES", "off,on").split(",")
ADMIN_URL = os.environ.get(
    "MC_TEST_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/test"
)
OUT = os.path.join(ROOT, "target", "bench-saves")
BODY = urllib.parse.urlencode(
    [("buoc", "nyc-ho-ten"), ("a[nyc-ho-ten]", "Nguyễn Văn Bình")]
)


def psql(sql):
    subprocess.run(["psql", ADMIN_URL, "-qtAc", sql], check=True, stdout=subprocess.DEVNULL)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def measure(engine, mode):
    name = f"{engine}-{mode}"
    work = os.path.join(OUT, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    database = None
    if engine == "sqlite":
        url = f"sqlite://{work}/mot-cua.db"
    else:
        database = "mc_bench_" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))
        psql(f"CREATE DATABASE {database}")
        url = urllib.parse.urlunsplit(
            urllib.parse.urlsplit(ADMIN_URL)._replace(path=f"/{database}")
        )
    server = Server(PORT, url, work, os.path.join(work, "server.log"), {"MC_GROUP_COMMIT": mode})
    try:
        server.start()
        codes = [start_draft(PORT)[0] for _ in range(CLIENTS)]
        oha = [
            subprocess.Popen(
                [
                    "oha", "-z", DURATION, "-c", "1", "--no-tui", "--worker-threads", "1",
                    "-m", "POST", "-A", "text/html", "-T", "application/x-www-form-urlencoded",
                    "-d", BODY, "-H", f"Cookie: mc_ho_so={code}",
                    "--output-format", "csv", "-o", os.path.join(work, f"client-{i}.csv"),
                    f"http://127.0.0.1:{PORT}/api/luu-buoc",
                ],
                stdout=subprocess.DEVNULL,
            )
            for i, code in enumerate(codes)
        ]
        for process in oha:
            process.wait()
    finally:
        server.stop()
        if database:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    latencies, others, end = [], 0, 0.0
    for i in range(CLIENTS):
        with open(os.path.join(work, f"client-{i}.csv")) as lines:
            for row in csv.DictReader(lines):
                end = max(end, float(row["request-start"]) + float(row["request-duration"]))
                if row["status"] == "302":
                    latencies.append(float(row["request-duration"]) * 1000)
                else:
                    others += 1
    latencies.sort()
    return {
        "engine": engine,
        "group_commit": mode,
        "clients": CLIENTS,
        "saves": len(latencies),
        "not_saved": others,
        "saves_per_s": len(latencies) / end if end else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
    }


def main():
    results = [measure(engine, mode) for engine in ENGINES for mode in MODES]
    with open(os.path.join(OUT, "results.json"), "w") as out:
        json.dump(results, out, indent=2)
    print(f"\nDurable step saves, {CLIENTS} concurrent clients, each with its own draft, {DURATION}")
    print(f"{'engine':<10} {'group commit':<13} {'saves/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'not saved':>10}")
    for r in results:
        print(f"{r['engine']:<10} {r['group_commit']:<13} {r['saves_per_s']:>9.0f} "
              f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['not_saved']:>10}")


if __name__ == "__main__":
    main()
