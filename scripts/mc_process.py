"""Shared by the process-level tests (crash_test.py, scale_out_test.py, restart_test.py): start,
stop and kill the release server, talk to it as a browser without JavaScript does (form posts,
redirects not followed, the draft cookie `mc_ho_so`), make PostgreSQL databases with psql, and
stand in for a slow SMS gateway. Python 3 standard library only."""

import datetime
import hashlib
import http.client
import http.server
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "target", "release", "server")
CHECK_URL = "/ho-so/kiem-tra"
RECEIPT_URL = "/ho-so/bien-nhan"
# The PostgreSQL server the tests make their databases on (scripts/postgres.sh prints it).
ADMIN_URL = os.environ.get(
    "MC_TEST_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/test"
)


class Server:
    """One release server process on its own port and database."""

    def __init__(self, port, database_url, data_dir, log_path, env=None):
        self.port = port
        self.env = dict(os.environ)
        self.env.update(
            MC_ADDR=f"127.0.0.1:{port}",
            DATABASE_URL=database_url,
            MC_DATA_DIR=data_dir,
            RUST_LOG="warn",
        )
        self.env.update(env or {})
        self.log_path = log_path
        self.process = None

    def start(self, timeout=30.0):
        if not os.path.exists(SERVER):
            raise SystemExit(f"{SERVER} is missing: run cargo leptos build --release first")
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [SERVER, "serve"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server on port {self.port} stopped; see {self.log_path}")
            try:
                if request(self.port, "GET", "/healthz", timeout=1)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit(f"the server on port {self.port} did not answer; see {self.log_path}")

    def kill(self):
        """SIGKILL: no shutdown, no flush, exactly what a power cut leaves behind."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def terminate(self, timeout=40.0):
        """SIGTERM, as systemd stops a service; returns the exit code and the seconds it took."""
        began = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            code = "killed after the stop timeout"
        return code, time.monotonic() - began

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def request(port, method, path, fields=None, code=None, headers=None, timeout=10):
    """One request on a fresh connection; returns (status, lower-cased headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        sent = {"Accept": "text/html"}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if code:
            sent["Cookie"] = f"mc_ho_so={code}"
        sent.update(headers or {})
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def cookie_code(headers):
    match = re.search(r"mc_ho_so=([^;]+)", headers.get("set-cookie", ""))
    return match.group(1) if match else None


def code_hash(code):
    """The draft's key in the database: the SHA-256 of its resume code (never stored itself)."""
    return hashlib.sha256(code.encode()).hexdigest()


def start_draft(port, procedure="khai-sinh"):
    status, headers, _ = request(port, "POST", "/api/bat-dau", [("thu_tuc", procedure)])
    code = cookie_code(headers)
    if status != 302 or not code:
        raise AssertionError(f"starting a draft on port {port} answered {status}")
    return code, headers["location"]


def resume(port, typed, headers=None):
    """Types a resume code on the home page; returns (where it leads, the draft cookie if opened)."""
    status, answer, _ = request(port, "POST", "/api/tiep-tuc", [("ma", typed)], headers=headers)
    if status != 302:
        raise AssertionError(f"resuming on port {port} answered {status}")
    return answer["location"], cookie_code(answer)


def step_of(location):
    match = re.match(r"/ho-so/buoc/([^?#]+)", location)
    return match.group(1) if match else None


def save_step(port, code, step, answers):
    """Continue on one step; returns where the server sends the citizen next."""
    fields = [("buoc", step)] + [(f"a[{k}]", v) for k, v in answers.items()]
    status, headers, _ = request(port, "POST", "/api/luu-buoc", fields, code)
    if status != 302:
        raise AssertionError(f"saving step {step} on port {port} answered {status}")
    return headers["location"]


def birth_registration(today=None):
    """Answers to every question of a birth registration whose father is known."""
    today = today or datetime.date.today()
    born = today - datetime.timedelta(days=10)
    issued = today - datetime.timedelta(days=3 * 365)
    address = "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk"
    return {
        "co-quan": "UBND phường Buôn Ma Thuột",
        "nyc-ho-ten": "Nguyễn Văn Bình",
        "nyc-ngay-sinh-ngay": "5",
        "nyc-ngay-sinh-thang": "6",
        "nyc-ngay-sinh-nam": "1990",
        "nyc-loai-giay-to": "Thẻ căn cước",
        "nyc-so-giay-to": "066 090 012 345",
        "nyc-noi-cap": "Bộ Công an",
        "nyc-ngay-cap-ngay": str(issued.day),
        "nyc-ngay-cap-thang": str(issued.month),
        "nyc-ngay-cap-nam": str(issued.year),
        "nyc-cu-tru": address,
        "nyc-quan-he": "Cha",
        "nyc-dien-thoai": "0912 345 678",
        "tre-ho-ten": "Nguyễn Minh An",
        "tre-ngay-sinh-ngay": str(born.day),
        "tre-ngay-sinh-thang": str(born.month),
        "tre-ngay-sinh-nam": str(born.year),
        "tre-gioi-tinh": "Nam",
        "tre-dan-toc": "Kinh",
        "tre-quoc-tich": "Việt Nam",
        "tre-noi-sinh": "Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk",
        "tre-que-quan": "Phường Buôn Ma Thuột, Đắk Lắk",
        "cha-me-xac-dinh": "Đã xác định cả cha và mẹ",
        "me-ho-ten": "H'Hen Niê",
        "me-nam-sinh": "1996",
        "me-so-dinh-danh": "066 196 012 345",
        "me-dan-toc": "Ê Đê",
        "me-quoc-tich": "Việt Nam",
        "me-cu-tru": address,
        "cha-ho-ten": "Nguyễn Văn Bình",
        "cha-nam-sinh": "1990",
        "cha-so-dinh-danh": "066 090 012 345",
        "cha-dan-toc": "Kinh",
        "cha-quoc-tich": "Việt Nam",
        "cha-cu-tru": address,
        "gckh-so": "25",
        "ban-sao": "co",
        "so-ban-sao": "2",
        "nhan-ket-qua": "Nhận trực tiếp tại bộ phận một cửa",
    }


def fill_in(port, code, location, answers, stop_after=None):
    """Answers the questions the server asks, from `location` on, until the check-answers page
    (or after `stop_after` steps); returns where it stopped. Each step takes only its own
    answers from the form, so every answer is sent every time."""
    for count in range(100):
        if location.startswith(CHECK_URL) or (stop_after is not None and count == stop_after):
            return location
        step = step_of(location)
        if step is None or "loi=1" in location:
            raise AssertionError(f"unexpected page while filling in: {location}")
        location = save_step(port, code, step, answers)
    raise AssertionError("the wizard never reached the check-answers page")


def submit(port, code):
    status, headers, _ = request(port, "POST", "/api/nop-ho-so", [], code)
    return status, headers.get("location", "")


def receipt_code(port, code):
    status, _, body = request(port, "GET", RECEIPT_URL, code=code)
    match = re.search(rb'class="dossier-code"[^>]*>([^<]+)<', body)
    if status != 200 or not match:
        raise AssertionError(f"no dossier code on the receipt page of port {port} ({status})")
    return match.group(1).decode().strip()


def psql(sql, database=None):
    """Runs SQL on the test PostgreSQL server (or on one of its databases); returns the rows, each
    a list of text columns."""
    url = database_url(database) if database else ADMIN_URL
    done = subprocess.run(
        ["psql", url, "-qtA", "-F", "\x1f", "-c", sql], check=True, capture_output=True, text=True
    )
    return [line.split("\x1f") for line in done.stdout.splitlines() if line]


def database_url(name):
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


class SlowGateway:
    """An SMS gateway that takes `delay` seconds to answer and remembers every message it got:
    (Idempotency-Key, text), repeats included. Each server may post to its own path
    (`url + "/A"`): `deliveries()` then says which server sent what, and when it arrived."""

    def __init__(self, delay):
        gateway = self
        self.received = []
        self.log = []
        self.lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers.get("Idempotency-Key")
                with gateway.lock:
                    gateway.received.append((key, body["text"]))
                    gateway.log.append(dict(key=key, text=body["text"], path=self.path,
                                            at=time.monotonic()))
                time.sleep(delay)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def messages(self):
        with self.lock:
            return list(self.received)

    def deliveries(self):
        """Every message received: key, text, the path it was posted to, when it arrived."""
        with self.lock:
            return [dict(entry) for entry in self.log]

    def shutdown(self):
        self.server.shutdown()


def multipart(fields, files):
    """A multipart form body and its content type; `files` are (name, file name, PNG bytes)."""
    boundary = "----mcform" + os.urandom(8).hex()
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, file_name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{file_name}"\r\nContent-Type: image/png\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
