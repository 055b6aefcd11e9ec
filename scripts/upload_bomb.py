#!/usr/bin/env python3
"""Picture bombs against the running release server: eight small PNGs that would each decode to a
huge picture, sent at once, twice: 12,000 x 12,000 (over the 50 MP a phone camera makes, refused
from its header) and 7,000 x 7,000 RGB (just under it, so it is decoded, through the bounded
decoding pool). The server's memory (its peak resident set, VmHWM) must stay within 300 MB of
what it used idle; every bomb gets an answer. Prints the figures.

Settings (environment): MC_BOMB_PORT (3354), MC_BOMB_COUNT (8).
"""

import http.client
import os
import shutil
import struct
import sys
import tempfile
import threading
import time
import zlib

from mc_process import Server, multipart, start_draft

PORT = int(os.environ.get("MC_BOMB_PORT", "3354"))
COUNT = int(os.environ.get("MC_BOMB_COUNT", "8"))
LIMIT_MB = 300


def png(width, height, channels):
    """A PNG of zeros: tiny on the wire, width x height x channels bytes once decoded."""
    color_type = {1: 0, 3: 2}[channels]
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data
                                + struct.pack(">I", zlib.crc32(kind + data)))
    row = b"\0" * (1 + width * channels)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def memory_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} for process {pid}")


def send_bomb(code, bomb, statuses):
    body, content_type = multipart([("buoc", "giay-bao-tu"), ("a[gbt-so]", "123")],
                                   [("a[gbt-anh]", "anh.png", bomb)])
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    try:
        conn.request("POST", "/api/luu-buoc-tep", body=body, headers={
            "Content-Type": content_type, "Accept": "text/html",
            "Cookie": f"mc_ho_so={code}", "Origin": f"http://127.0.0.1:{PORT}"})
        statuses.append(conn.getresponse().status)
    except OSError as error:
        statuses.append(str(error))
    finally:
        conn.close()


def main():
    work = tempfile.mkdtemp(prefix="mot-cua-bomb-")
    server = Server(PORT, f"sqlite://{work}/bomb.db", work, os.path.join(work, "server.log"))
    server.start()
    failures = []
    try:
        pid = server.process.pid
        codes = [start_draft(PORT, "khai-tu")[0] for _ in range(COUNT)]
        time.sleep(1)
        idle = memory_kb(pid, "VmRSS")
        for name, bomb in [("12,000 x 12,000 grey (144 MB decoded)", png(12_000, 12_000, 1)),
                           ("7,000 x 7,000 RGB (147 MB decoded)", png(7_000, 7_000, 3))]:
            statuses = []
            threads = [threading.Thread(target=send_bomb, args=(code, bomb, statuses))
                       for code in codes]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            peak = memory_kb(pid, "VmHWM")
            grew = (peak - idle) / 1024
            print(f"upload bombs: {COUNT} x {name}, {len(bomb):,} B each: answered "
                  f"{sorted(map(str, statuses))} in {time.monotonic() - started:.1f} s; "
                  f"idle {idle / 1024:.0f} MB, peak {peak / 1024:.0f} MB (+{grew:.0f} MB)")
            if grew > LIMIT_MB:
                failures.append(f"{name}: the server grew by {grew:.0f} MB (limit {LIMIT_MB})")
            if any(status not in (302, 303) for status in statuses):
                failures.append(f"{name}: answers {statuses}")
        if server.process.poll() is not None:
            failures.append("the server stopped")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        for failure in failures:
            print(f"upload bombs: {failure}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
