"""Hostile requests against the running release server, over real TCP: random and mutated form
posts (url-encoded and multipart, with files), odd cookies, odd paths and methods, bytes that
are not UTF-8. Every answer must be below 500 and the server's log must hold no panic.
Complements server/tests/fuzz.rs (10,000 requests through the router in process).
Python 3 standard library only; MC_HTTP_FUZZ_REQUESTS and MC_HTTP_FUZZ_SEED tune a run."""

import collections
import http.client
import os
import random
import struct
import sys
import tempfile
import time
import zlib

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
         "/api/can-bo/tiep-tuc-phien",
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


def png(width, height, body):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def pdf(catalog_extra):
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def hostile_document(rng):
    """A file that must be refused where a procedure asks for a document."""
    size = rng.choice([(0, 0), (65535, 65535), (100000, 1), (12000, 12000), (2**31 - 1, 2**31 - 1)])
    return rng.choice([
        png(*size, os.urandom(rng.randrange(0, 100))),
        png(rng.randrange(1000, 8000), rng.randrange(1000, 6000), os.urandom(100)),
        b"\xff\xd8\xff\xc0\x00\x0b\x08" + struct.pack(">HH", *[min(x, 65535) for x in size])
        + b"\x01\x01\x11\x00" + os.urandom(100),
        pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
        pdf(b"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /EF << /F 9 0 R >> >>] >> >>"),
        pdf(b"/OpenAction << /S /JavaScript /JS (x) >> /Kids " + b"[" * 50000 + b"]" * 50000),
        pdf(b"/Length 99999999999")[:-200],
        b"%PDF-1.4\n" + os.urandom(500) + b"\n%%EOF\n",
    ])


def document_post(rng, death_code):
    """The death registration's notice step, with a hostile photo: it must be refused plainly."""
    boundary = f"----mcdoc{rng.randrange(10**9)}"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"buoc\"\r\n\r\ngiay-bao-tu\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"a[gbt-anh]\"; filename=\"anh.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + hostile_document(rng) + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Accept": "text/html", "Cookie": f"mc_ho_so={death_code}",
               "Content-Type": f"multipart/form-data; boundary={boundary}"}
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
    try:
        conn.request("POST", "/api/luu-buoc-tep", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        location = response.getheader("location") or ""
        if response.status in (302, 303) and location.startswith("/ho-so/buoc/giay-bao-tu"):
            return response.status, "document refused"
        return 599, f"a hostile document was answered {response.status} to {location!r}"
    except (http.client.HTTPException, OSError) as error:
        return 599, f"POST /api/luu-buoc-tep with a hostile document: {error!r}"
    finally:
        conn.close()


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
        # The death registration walked to the step that asks for a photo of the notice.
        save_step(PORT, codes[1], "loai-giay-bao-tu",
                  {"loai-giay-bao-tu": "Giấy báo tử của bệnh viện hoặc trạm y tế"})
        statuses = collections.Counter()
        failures = []
        documents = 0
        for _ in range(REQUESTS):
            if rng.random() < 0.04:
                documents += 1
                status, what = document_post(rng, codes[1])
            else:
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
          f"{time.monotonic() - started:.0f} s, {documents} of them hostile documents on an upload "
          f"step; statuses {seen}; panics in the log: {len(panics)}")
    if failures or panics:
        for status, what in failures[:20]:
            print(f"  {status} for {what}", file=sys.stderr)
        for line in panics[:5]:
            print(f"  {line.rstrip()}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
