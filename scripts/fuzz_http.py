"""Hostile requests against the running release server, over real TCP: random and mutated form
posts (url-encoded and multipart, with files), odd cookies, odd paths and methods, bytes that
are not UTF-8. Every answer must be below 500 and the server's log must hold no panic.
Complements server/tests/fuzz.rs (10,000 requests through the router in process).
Python 3 standard library only; MC_HTTP_FUZZ_REQUESTS and MC_HTTP_FUZZ_SEED tune a run."""

import collections
import http.client
import os
import random
import sys
import tempfile
import time

from mc_process import ROOT, Server, save_step, start_draft

PORT = int(os.environ.get("MC_HTTP_FUZZ_PORT", "3361"))
REQUESTS = int(os.environ.get("MC_HTTP_FUZZ_REQUESTS", "10000"))
SEED = int(os.environ.get("MC_HTTP_FUZZ_SEED", str(random.randrange(2**32))))

POSTS = ["/api/bat-dau", "/api/luu-buoc", "/api/luu-buoc-tep", "/api/luu-nhap", "/api/chon-ban",
         "/api/nop-ho-so", "/api/tiep-tuc", "/api/ho-so/buoc", "/api/thu-tuc/xem", "/api/khong-co",
         "/api/tuy-chon",
         # staff, the back office, lookup and kiosks: no session here, so all must refuse plainly
         "/api/can-bo/dang-nhap", "/api/can-bo/dang-xuat", "/api/can-bo/xu-ly", "/api/can-bo/nop-ho-so",
         "/api/can-bo/khai-giup", "/api/can-bo/mo-bang-ma", "/api/can-bo/xac-nhan-nop",
         "/api/can-bo/tao-tai-khoan", "/api/can-bo/dat-lai-mat-khau", "/api/can-bo/kiosk/tao",
         "/api/tra-cuu", "/api/bo-sung", "/api/danh-gia", "/api/kiosk/dang-ky", "/api/kiosk/ket-thuc"]
PAGES = ["/", "/?tim=ket+hon", "/?ma=ABC&loi=1", "/thu-tuc/khai-sinh", "/thu-tuc/%00", "/ho-so/buoc/tre-ho-ten",
         "/ho-so/buoc/..%2f..%2fetc", "/ho-so/kiem-tra", "/ho-so/bien-nhan", "/ho-so/cac-phan", "/ho-so/ma",
         "/ho-so/tep/ABCDEFGH.png", "/ho-so/tep/..%2fdata", "/pkg/nothing.wasm", "/chua-gui-duoc", "/healthz",
         "/chua-gui-duoc?trang=/%09/evil.example", "/tra-cuu", "/tra-cuu?ma=KS-261206-ABCDEF",
         "/tra-cuu/phieu?ma=KS-261206-ABCDEF&so=1", "/can-bo", "/can-bo/dang-nhap?tiep=//evil.example",
         "/can-bo/ho-so", "/can-bo/ho-so/xem?ma=%00", "/can-bo/tep/X/..%2f..%2fetc", "/can-bo/nhat-ky",
         "/can-bo/bang-theo-doi.csv", "/kiosk", "/kiosk/dang-ky?ma=" + "A" * 300]
NAMES = ["ten", "mat_khau", "tiep", "ghi_chu", "ngay_hen", "giay_to[0]", "so_ban[0]", "diem", "y_kien",
         "so_cuoi", "xac_nhan", "lien_ket", "buoc", "tu", "them", "bo", "phien_ban", "goc", "thu_tuc", "ma", "a[tre-ho-ten]",
         "a[tre-ngay-sinh-ngay]", "a[nganh-nghe.1.ma]", "a[gbt-anh]", "chon[tre-ho-ten]", "ve", "co_chu", "ngon_ngu", "tuong_phan", "a[", "a[]]", "x" * 300]
VALUES = ["", " ", "//evil.example/", "rat-lon", "en", "bat", "tre-ho-ten", "khai-sinh", "dang-ky-ho-kinh-doanh", "kiem-tra", "co", "-1",
          "99999999999999999999", "{\"tre-ho-ten\":\"A\"}", "<script>alert(1)</script>", "' OR 1=1 --",
          "Nguyễn Văn An", "\u202eNiê\x00", "😀" * 40, "x" * 5000]


def garbage(rng, n):
    return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)])) for _ in range(n))


def form_body(rng):
    fields = [(rng.choice(NAMES), rng.choice(VALUES) if rng.random() < 0.8 else garbage(rng, 30))
              for _ in range(rng.randrange(0, 8))]
    from urllib.parse import urlencode
    return urlencode(fields).encode(), "application/x-www-form-urlencoded"


def multipart_body(rng):
    boundary = f"----mcfuzz{rng.randrange(10**9)}"
    parts = []
    for _ in range(rng.randrange(0, 6)):
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{rng.choice(NAMES)}\"\r\n\r\n"
                     f"{rng.choice(VALUES)}\r\n".encode())
    if rng.random() < 0.6:
        content = rng.choice([b"\x89PNG\r\n\x1a\n" + os.urandom(rng.randrange(0, 200)),
                              b"\xff\xd8\xff" + os.urandom(50), b"%PDF-1.4\n" + os.urandom(30),
                              b"<svg onload=alert(1)>", os.urandom(300)])
        name = rng.choice(["../../etc/passwd", "ảnh.png", "a\x00b.jpg", "x" * 300])
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"a[gbt-anh]\"; filename=\"{name}\"\r\n"
                     f"Content-Type: image/png\r\n\r\n".encode() + content + b"\r\n")
    if rng.random() < 0.9:
        parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def send(rng, codes):
    headers = {"Accept": rng.choice(["text/html", "*/*", "application/json"])}
    roll = rng.random()
    if roll < 0.7 and codes:
        headers["Cookie"] = f"mc_ho_so={rng.choice(codes)}"
    elif roll < 0.8:
        headers["Cookie"] = rng.choice(["mc_ho_so=", "mc_ho_so=\xc3\x8a;;=", "mc_ho_so=" + "A" * 500])
    if rng.random() < 0.05:
        headers["Origin"] = "https://ke-gian.example"
    method, path, body = "GET", rng.choice(PAGES), None
    if rng.random() < 0.7:
        method, path = "POST", rng.choice(POSTS)
        kind = rng.random()
        if kind < 0.55:
            body, headers["Content-Type"] = form_body(rng)
        elif kind < 0.8:
            body, headers["Content-Type"] = multipart_body(rng)
        elif kind < 0.9:
            body, headers["Content-Type"] = b"\xff\xfe\xfd" + os.urandom(40), "application/x-www-form-urlencoded"
        else:
            body, headers["Content-Type"] = garbage(rng, 200).encode(), rng.choice(["text/plain", "application/json", ""])
    elif rng.random() < 0.1:
        method = rng.choice(["PUT", "DELETE", "PATCH", "OPTIONS"])
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, f"{method} {path}"
    except (http.client.HTTPException, OSError) as error:
        # No answer at all: as bad as a 5xx, and worth its details.
        return 599, f"{method} {path} {headers} {body[:300] if body else b''!r}: {error!r}"
    finally:
        conn.close()


def main():
    rng = random.Random(SEED)
    work = tempfile.mkdtemp(prefix="mot-cua-http-fuzz-")
    log = os.path.join(work, "server.log")
    server = Server(PORT, f"sqlite://{work}/fuzz.db", work, log, env={"RUST_LOG": "info"})
    server.start()
    started = time.monotonic()
    try:
        codes = []
        for procedure in ["khai-sinh", "khai-tu", "dang-ky-ho-kinh-doanh"]:
            code, location = start_draft(PORT, procedure)
            codes.append(code)
        save_step(PORT, codes[0], "tre-ho-ten", {"tre-ho-ten": "Y Sao Niê"})
        statuses = collections.Counter()
        failures = []
        for _ in range(REQUESTS):
            status, what = send(rng, codes)
            statuses[status] += 1
            if status >= 500:
                failures.append((status, what))
    finally:
        server.stop()
    with open(log, encoding="utf-8", errors="replace") as text:
        panics = [line for line in text if "panicked" in line]
    seen = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    print(f"http fuzz: {REQUESTS} requests to the running server (seed {SEED}) in "
          f"{time.monotonic() - started:.0f} s; statuses {seen}; panics in the log: {len(panics)}")
    if failures or panics:
        for status, what in failures[:20]:
            print(f"  {status} for {what}", file=sys.stderr)
        for line in panics[:5]:
            print(f"  {line.rstrip()}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
