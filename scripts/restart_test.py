#!/usr/bin/env python3
"""Restart test: restarts lose nothing. nginx (deploy/nginx.conf's upstream and
deploy/nginx-proxy.conf, run as this user with its own files under target/restart/) in front of
two release servers on one fresh PostgreSQL database, each with its own data folder, and a slow
SMS gateway that counts what it gets by Idempotency-Key. Server A runs with group commit on, B
without. 20 clients, each from its own address, file death registrations through nginx: every
step saved, a photo of the death notice uploaded, the cause of death saved again and again, then
the dossier submitted; every other photo is a few hundred KB of noise, more than one 256 KB
storage chunk. A counter clerk, signed in through nginx too, receives submitted dossiers one
after another. Meanwhile server A, then server B, is restarted (SIGTERM, then started again),
then one is killed (SIGKILL) and started again.

Afterwards: no request failed except those the killed server had under way; every acknowledged
save is in the database; every uploaded document is readable, byte for byte, through each
server; every status change (a submission, a reception) made exactly one message at the
gateway, counted by Idempotency-Key, and no key came twice, except the one message the killed
server was sending when it died (sent again, with its key, once its claim lapsed: the gateway
drops it).

Settings (environment): MC_TEST_POSTGRES_URL (used to create and drop the run's database),
MC_RESTART_CLIENTS (20), MC_RESTART_SECONDS (60), MC_RESTART_SMS_DELAY (2.5 s an SMS),
MC_RESTART_DRAFT_SECONDS (12: how long a client works on one draft before submitting it),
MC_RESTART_KILL (A or B: which server is killed; A by default).
"""

import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import string
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib

from mc_process import (
    CHECK_URL,
    RECEIPT_URL,
    ROOT,
    SERVER,
    Server,
    SlowGateway,
    code_hash,
    cookie_code,
    database_url,
    multipart,
    psql,
    request,
    step_of,
)

CLIENTS = int(os.environ.get("MC_RESTART_CLIENTS", "20"))
SECONDS = float(os.environ.get("MC_RESTART_SECONDS", "60"))
SMS_DELAY = float(os.environ.get("MC_RESTART_SMS_DELAY", "2.5"))
DRAFT_SECONDS = float(os.environ.get("MC_RESTART_DRAFT_SECONDS", "12"))
KILLED = os.environ.get("MC_RESTART_KILL", "A")
# When each server is stopped, as a share of the run: far enough apart that nginx has taken the
# previous one back (fail_timeout, 10 s) before the next goes.
SCHEDULE = [(0.1, "restart", "A"), (0.4, "restart", "B"), (0.75, "kill", KILLED)]
# A lease on claimed messages (app::dossiers::store::CLAIM_LEASE_SECS): a killed server's claims
# lapse.
CLAIM_LEASE = 120
# The documents' storage chunk (app::documents::CHUNK_BYTES): larger photos are read in pieces.
CHUNK_BYTES = 256 * 1024
OFFICE = "UBND phường Ea Kao"  # the death registrations' office, and the counter clerk's
CLERK, CLERK_PASSWORD = "quay.mot", "bàn số 1 quầy một cửa"
# How often the counter clerk receives a dossier.
RECEIVE_EVERY = 2.0
# How long after a SIGKILL nginx may still send a request on a connection to the dead process.
KILL_GRACE = 0.5
UPLOAD_URL = "/api/luu-buoc-tep"
COUNTER_STEP = "nguyen-nhan"
WORK = os.path.join(ROOT, "target", "restart")
# /usr/sbin is not on every user's PATH.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def death_registration(phone):
    """Answers to every question of a death registration (the document comes apart)."""
    died = time.localtime(time.time() - 3 * 86400)
    notice = time.localtime(time.time() - 2 * 86400)
    address = "12 Lý Nam Đế, Tổ dân phố 3, phường Buôn Ma Thuột, Đắk Lắk"
    return {
        "co-quan": OFFICE,
        "nyc-ho-ten": "Y Bih Niê",
        "nyc-ngay-sinh-ngay": "5",
        "nyc-ngay-sinh-thang": "6",
        "nyc-ngay-sinh-nam": "1970",
        "nyc-so-dinh-danh": "066 070 012 345",
        "nyc-ngay-cap-ngay": "15",
        "nyc-ngay-cap-thang": "3",
        "nyc-ngay-cap-nam": "2021",
        "nyc-cu-tru": address,
        "nyc-quan-he": "Con",
        "nyc-dien-thoai": phone,
        "nm-ho-ten": "H'Ngọc Niê",
        "nm-ngay-sinh-ngay": "2",
        "nm-ngay-sinh-thang": "9",
        "nm-ngay-sinh-nam": "1945",
        "nm-gioi-tinh": "Nữ",
        "nm-dan-toc": "Ê Đê",
        "nm-quoc-tich": "Việt Nam",
        "nm-cu-tru": address,
        "nm-so-dinh-danh": "066 145 001 234",
        "thoi-diem-mat-ngay": str(died.tm_mday),
        "thoi-diem-mat-thang": str(died.tm_mon),
        "thoi-diem-mat-nam": str(died.tm_year),
        "thoi-diem-mat-gio": "14",
        "thoi-diem-mat-phut": "30",
        "noi-mat": "Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, Đắk Lắk",
        "nguyen-nhan": "Tuổi già",
        "loai-giay-bao-tu": "Giấy báo tử của bệnh viện hoặc trạm y tế",
        "gbt-so": "125/GBT",
        "gbt-noi-cap": "Bệnh viện Đa khoa vùng Tây Nguyên",
        "gbt-ngay-cap-ngay": str(notice.tm_mday),
        "gbt-ngay-cap-thang": str(notice.tm_mon),
        "gbt-ngay-cap-nam": str(notice.tm_year),
        "ban-sao": "co",
        "so-ban-sao": "2",
        "nhan-ket-qua": "Nhận trực tiếp tại bộ phận một cửa",
    }


def photo(seed):
    """A PNG, different for every seed: a small one of one colour for even seeds; for odd ones,
    300 to 450 pixels square of noise (260 to 610 KB, it does not compress): several storage
    chunks."""
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data
                                + struct.pack(">I", zlib.crc32(kind + data)))
    if seed % 2:
        width = height = 300 + (seed // 2) % 7 * 25
        rows = b"".join(b"\0" + os.urandom(width * 3) for _ in range(height))
    else:
        width = height = 8
        pixel = bytes([seed % 251, (seed // 251) % 251, (seed * 7) % 251])
        rows = b"".join(b"\0" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class Attempt:
    """One request through nginx, and what became of it."""

    def __init__(self, method, path, started):
        self.method, self.path, self.started = method, path, started
        self.ended = None
        self.status = None
        self.error = None
        self.upstream = ""
        self.ok = False


class Draft:
    """What a client was told was saved in one draft."""

    def __init__(self, code, answers):
        self.code = code
        self.answers = answers
        self.saves = 0  # acknowledged saves of this draft (steps, the upload, the cause again)
        self.last_cause = None  # n of the last acknowledged save of the cause of death
        self.photo = None  # the bytes of the acknowledged upload
        self.dossier = None


class Browser(threading.Thread):
    """Someone using the site through nginx from an address of their own, every request
    recorded."""

    def __init__(self, n, port, stopping):
        super().__init__(daemon=True)
        self.n = n
        self.port = port
        self.stopping = stopping
        self.source = f"127.0.0.{10 + n}"  # its own address: per-client limits stay apart
        self.attempts = []
        self.drafts = []
        self.problem = None

    def run(self):
        try:
            while not self.stopping.is_set():
                self.work()
        except Exception as problem:  # reported by the main thread
            self.problem = problem

    def send(self, method, path, body=None, content_type=None, code=None, cookie=None):
        attempt = Attempt(method, path, time.monotonic())
        self.attempts.append(attempt)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                          source_address=(self.source, 0))
        try:
            headers = {"Accept": "text/html"}
            if content_type:
                headers["Content-Type"] = content_type
            if code:
                headers["Cookie"] = f"mc_ho_so={code}"
            if cookie:
                headers["Cookie"] = cookie
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = {k.lower(): v for k, v in response.getheaders()}
            data = response.read()
            attempt.status = response.status
            attempt.upstream = answer.get("x-upstream", "")
            return response.status, answer, data
        except OSError as error:
            attempt.error = f"{type(error).__name__}: {error}"
            return None
        finally:
            attempt.ended = time.monotonic()
            conn.close()

    def until_done(self, what, accepted, *args, **kwargs):
        """Sends a request until it is answered as `accepted` says, as a citizen presses again
        after an error page; every failed attempt stays counted."""
        for _ in range(30):
            answer = self.send(*args, **kwargs)
            if answer and accepted(*answer):
                self.attempts[-1].ok = True
                return answer
            time.sleep(0.2)
        raise AssertionError(f"client {self.n}: {what} failed 30 times: {self.attempts[-1].status} "
                             f"{self.attempts[-1].error}")

    @staticmethod
    def form(fields, code=None, cookie=None):
        return dict(body=urllib.parse.urlencode(fields),
                    content_type="application/x-www-form-urlencoded", code=code, cookie=cookie)


class Client(Browser):
    """A citizen filing death registrations one after another."""

    def save(self, draft, step, answers):
        """One step saved (Continue); returns where the server sends the citizen next."""
        fields = [("buoc", step)] + [(f"a[{k}]", v) for k, v in answers.items()]
        saved = lambda status, headers, _: (
            status == 302 and headers.get("location", "").startswith("/ho-so/")
            and "loi=" not in headers["location"])
        _, headers, _ = self.until_done(f"saving {step}", saved, "POST", "/api/luu-buoc",
                                        **self.form(fields, draft.code))
        draft.saves += 1
        return headers["location"]

    def work(self):
        number = len(self.drafts)
        phone = f"091{self.n:03d}{number:04d}"
        started = time.monotonic()
        began = lambda status, headers, _: status == 302 and cookie_code(headers)
        _, headers, _ = self.until_done("starting a draft", began, "POST", "/api/bat-dau",
                                        **self.form([("thu_tuc", "khai-tu")], None))
        draft = Draft(cookie_code(headers), death_registration(phone))
        self.drafts.append(draft)
        location = headers["location"]
        # Every question, as the wizard asks them.
        for _ in range(60):
            if location.startswith(CHECK_URL):
                break
            step = step_of(location)
            if step is None:
                raise AssertionError(f"client {self.n}: unexpected page {location}")
            location = self.save(draft, step, draft.answers)
        else:
            raise AssertionError(f"client {self.n}: the wizard never reached the check page")
        # The photo of the death notice, with the rest of its step.
        draft_photo = photo(self.n * 1000 + number)
        fields = [("buoc", "giay-bao-tu")] + [
            (f"a[{k}]", v) for k, v in draft.answers.items() if k.startswith("gbt-")]
        body, content_type = multipart(fields, [("a[gbt-anh]", "giay-bao-tu.png", draft_photo)])
        uploaded = lambda status, headers, _: (
            status == 302 and headers.get("location", "").startswith("/ho-so/")
            and "loi=" not in headers["location"])
        self.until_done("uploading the photo", uploaded, "POST", UPLOAD_URL, body=body,
                        content_type=content_type, code=draft.code)
        draft.saves += 1
        draft.photo = draft_photo
        # The cause of death typed again and again (autosave-like), until it is time to submit.
        n = 0
        while not self.stopping.is_set() and time.monotonic() - started < DRAFT_SECONDS:
            n += 1
            self.save(draft, COUNTER_STEP, {COUNTER_STEP: f"Tuổi già, lần lưu {n}"})
            draft.last_cause = n
            time.sleep(random.uniform(0.02, 0.08))
        sent = lambda status, headers, _: status == 302 and headers.get("location") == RECEIPT_URL
        self.until_done("submitting", sent, "POST", "/api/nop-ho-so",
                        **self.form([], draft.code))
        has_code = lambda status, _, body: status == 200 and b'class="dossier-code"' in body
        _, _, page = self.until_done("reading the receipt", has_code, "GET", RECEIPT_URL,
                                     code=draft.code)
        draft.dossier = re.search(rb'class="dossier-code"[^>]*>([^<]+)<', page).group(1).decode().strip()


class Counter(Browser):
    """A counter clerk of the office, signed in through nginx, receiving the submitted dossiers
    one after another: each reception is a status change with its own message."""

    def __init__(self, n, port, stopping, database):
        super().__init__(n, port, stopping)
        self.database = database
        self.session = None
        self.received = 0
        self.tried = set()

    def work(self):
        if self.session is None:
            signed = lambda status, headers, _: status == 302 and "mc_can_bo=" in headers.get(
                "set-cookie", "")
            _, headers, _ = self.until_done(
                "signing in", signed, "POST", "/api/can-bo/dang-nhap",
                **self.form([("ten", CLERK), ("mat_khau", CLERK_PASSWORD), ("tiep", "")]))
            self.session = re.search(r"(mc_can_bo=[^;]+)", headers["set-cookie"]).group(1)
        time.sleep(RECEIVE_EVERY)
        waiting = [row for row in psql(
            "SELECT code, version FROM dossiers WHERE status = 'submitted' "
            "ORDER BY submitted_at LIMIT 20", self.database) if row[0] not in self.tried]
        if not waiting or self.stopping.is_set():
            return
        code, version = waiting[0]
        self.tried.add(code)
        # Once: a POST that failed under way on the killed server is not sent again (it may
        # have been carried out); the check counts status changes in the database.
        fields = [("ma", code), ("phien_ban", version), ("hanh_dong", "receive")]
        answer = self.send("POST", "/api/can-bo/xu-ly", **self.form(fields, cookie=self.session))
        if answer and answer[0] == 302 and "tb=receive" in answer[1].get("location", ""):
            self.attempts[-1].ok = True
            self.received += 1


class Nginx:
    """nginx as this user, with deploy/nginx.conf's upstream (two servers here) and
    deploy/nginx-proxy.conf, its pid, logs and temporary files under `work`."""

    def __init__(self, port, upstreams, work):
        self.port = port
        self.work = work
        os.makedirs(work, exist_ok=True)
        deploy = open(os.path.join(ROOT, "deploy", "nginx.conf")).read()
        upstream = re.search(r"upstream mot_cua \{(.*?)\n\}", deploy, re.S).group(1)
        parameters = re.search(r"server 127\.0\.0\.1:3001 ([^;]*);", upstream).group(1)
        servers = "".join(f"    server 127.0.0.1:{p} {parameters};\n" for p in upstreams)
        upstream = re.sub(r"\n\s*server 127\.0\.0\.1:\d+ [^;]*;", "", upstream)
        proxy = os.path.join(ROOT, "deploy", "nginx-proxy.conf")
        # Which server answered (both when nginx tried one, then the other): for the report.
        seen = "add_header X-Upstream $upstream_addr always;"
        user = "user root;" if os.geteuid() == 0 else ""
        temp = "".join(f"{kind}_temp_path {work}/{kind};\n    "
                       for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
        config = f"""
daemon off;
{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {work}/access.log;
    {temp}
    upstream mot_cua {{
{servers}{upstream}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_header_timeout 10s;
        location / {{ include {proxy}; {seen} }}
        location ~ ^/api/(luu-buoc-tep|bo-sung)$ {{
            include {proxy}; proxy_request_buffering off; {seen}
        }}
    }}
}}
"""
        self.config = os.path.join(work, "nginx.conf")
        with open(self.config, "w") as file:
            file.write(config)
        self.process = None

    def start(self):
        check = subprocess.run([NGINX, "-t", "-p", self.work, "-c", self.config,
                                "-e", f"{self.work}/error.log"], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"nginx refuses its configuration:\n{check.stderr}")
        self.process = subprocess.Popen([NGINX, "-p", self.work, "-c", self.config,
                                         "-e", f"{self.work}/error.log"])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"nginx did not listen on {self.port}; see {self.work}/error.log")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run_schedule(servers, events, started):
    """Restarts and kills servers at their moments; records what happened."""
    for share, action, name in SCHEDULE:
        delay = started + share * SECONDS - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        server = servers[name]
        if action == "restart":
            began = time.monotonic()
            code, took = server.terminate()
            if code != 0:
                raise AssertionError(f"server {name} exited {code} after SIGTERM")
            server.start()
            events.append(dict(action="restart", name=name, began=began, stopped_in=took,
                               back_in=time.monotonic() - began))
        else:
            began = time.monotonic()
            server.kill()
            dead = time.monotonic()
            time.sleep(2)  # systemd's RestartSec
            server.start()
            events.append(dict(action="kill", name=name, began=began, dead=dead,
                               back_in=time.monotonic() - began))


def main():
    name = "mc_restart_" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    psql(f"CREATE DATABASE {name}")
    gateway = SlowGateway(SMS_DELAY)
    nginx_port = free_port()
    ports = {"A": free_port(), "B": free_port()}
    while len({nginx_port, *ports.values()}) < 3:
        ports["B"] = free_port()
    common = {
        "MC_SMS_URL": gateway.url,
        "MC_SMS_TOKEN": "restart",
        "MC_TRUSTED_PROXY": "1",
        "MC_PUBLIC_URL": f"http://127.0.0.1:{nginx_port}",
        # nginx passes the host without its port; the servers are also asked directly.
        "MC_ALLOWED_HOSTS": ",".join(["127.0.0.1"] + [f"127.0.0.1:{p}" for p in ports.values()]),
        "RUST_LOG": "info,sqlx=warn",
    }
    servers = {}
    for label, port in ports.items():
        data = os.path.join(WORK, f"data-{label}")  # a data folder each, as on two machines
        os.makedirs(data)
        # Each server posts to a path of its own: the gateway knows who sent what.
        env = dict(common, MC_GROUP_COMMIT="on" if label == "A" else "auto",
                   MC_SMS_URL=f"{gateway.url}/{label}")
        servers[label] = Server(port, database_url(name), data,
                                os.path.join(WORK, f"server-{label}.log"), env)
    nginx = Nginx(nginx_port, list(ports.values()), os.path.join(WORK, "nginx"))
    clients = []
    began = time.monotonic()
    try:
        for server in servers.values():
            server.start()
        subprocess.run([SERVER, "staff", "create", "--username", CLERK, "--name", "Quầy Một",
                        "--office", OFFICE, "--role", "counter"], check=True, cwd=ROOT,
                       env=dict(servers["A"].env, MC_STAFF_PASSWORD=CLERK_PASSWORD),
                       stdout=subprocess.DEVNULL)
        nginx.start()
        stopping = threading.Event()
        clients = [Client(n, nginx_port, stopping) for n in range(CLIENTS)]
        clients.append(Counter(CLIENTS, nginx_port, stopping, name))
        events = []
        started = time.monotonic()
        for client in clients:
            client.start()
        run_schedule(servers, events, started)
        time.sleep(max(0.0, started + SECONDS - time.monotonic()))
        stopping.set()
        for client in clients:
            client.join(120)
        load_seconds = time.monotonic() - started
        for client in clients:
            if client.problem:
                raise AssertionError(f"client {client.n}: {client.problem}")
            if client.is_alive():
                raise AssertionError(f"client {client.n} did not finish")
        check(clients, servers, ports, events, gateway, name, load_seconds)
        print(f"restart test: {time.monotonic() - began:.0f} s in all")
    finally:
        for client in clients:
            client.stopping.set()
        nginx.stop()
        for server in servers.values():
            server.stop()
        gateway.shutdown()
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def check(clients, servers, ports, events, gateway, name, load_seconds):
    failures = []
    kill = next(event for event in events if event["action"] == "kill")
    killed = f"127.0.0.1:{ports[kill['name']]}"
    attempts = [attempt for client in clients for attempt in client.attempts]
    failed = [attempt for attempt in attempts if not attempt.ok]
    # Under way on the killed server: nginx had sent it there before it was dead, or in the
    # moment after on a kept-alive connection the dead process had open (nginx learns only
    # when it reads: "connection reset by peer"), and answered 502 for it (a POST is never sent
    # twice, see deploy/nginx-proxy.conf).
    in_flight = [a for a in failed if a.status == 502 and killed in a.upstream
                 and kill["began"] <= a.ended and a.started <= kill["dead"] + KILL_GRACE]
    excused = {id(a) for a in in_flight}
    other = [a for a in failed if id(a) not in excused]
    for attempt in other[:10]:
        failures.append(f"{attempt.method} {attempt.path} failed: {attempt.status} "
                        f"{attempt.error or ''} (upstream {attempt.upstream or '-'}) at "
                        f"{attempt.started - events[0]['began']:+.2f} s from the first restart")
    if other:
        failures.append(f"{len(other)} requests failed that no killed server had under way")
    resent = sum(1 for a in attempts if "," in a.upstream)

    # Every acknowledged save, in the database.
    drafts = [draft for client in clients for draft in client.drafts]
    stored = {row[0]: (json.loads(row[1]), int(row[2])) for row in psql(
        "SELECT code_hash, answers, version FROM drafts", name)}
    saves_checked = 0
    for draft in drafts:
        found = stored.get(code_hash(draft.code))
        if found is None:
            failures.append(f"a draft is gone ({draft.dossier or 'not submitted'})")
            continue
        answers, version = found
        for key, value in draft.answers.items():
            if key == COUNTER_STEP and draft.last_cause:
                match = re.fullmatch(r"Tuổi già, lần lưu (\d+)", answers.get(key, ""))
                if not match or int(match.group(1)) < draft.last_cause:
                    failures.append(f"save {draft.last_cause} of the cause of death was "
                                    f"acknowledged; the database holds {answers.get(key)!r}")
            elif answers.get(key) != value:
                failures.append(f"{key} = {value!r} was acknowledged; the database holds "
                                f"{answers.get(key)!r}")
        # Each committed save adds one to the version.
        if version - 1 < draft.saves:
            failures.append(f"{draft.saves} saves acknowledged, {version - 1} committed")
        saves_checked += draft.saves

    # Every acknowledged document, readable through each server, as it was sent.
    documents = {label: 0 for label in ports}
    for draft in drafts:
        if draft.photo is None:
            continue
        answers = stored.get(code_hash(draft.code), ({}, 0))[0]
        stored_name = answers.get("gbt-anh", "").split("/")[0]
        if not stored_name:
            failures.append(f"an acknowledged document is not in its draft ({draft.dossier})")
            continue
        for label, port in ports.items():
            status, _, body = request(port, "GET", f"/ho-so/tep/{stored_name}", code=draft.code)
            if status == 200 and body == draft.photo:
                documents[label] += 1
    documents_expected = sum(1 for draft in drafts if draft.photo is not None)
    large = sum(1 for draft in drafts if draft.photo and len(draft.photo) > CHUNK_BYTES)
    for label, count in documents.items():
        if count != documents_expected:
            failures.append(f"server {label} gives {count} of {documents_expected} documents")

    # One message per status change (a submission, a reception), counted by Idempotency-Key.
    dossiers = {row[0] for row in psql("SELECT code FROM dossiers", name)}
    receptions = int(psql("SELECT COUNT(*) FROM dossiers WHERE received_at IS NOT NULL",
                          name)[0][0])
    acknowledged = {draft.dossier for draft in drafts if draft.dossier}
    if not acknowledged <= dossiers:
        failures.append(f"{len(acknowledged - dossiers)} acknowledged dossiers are missing")
    counter = next(client for client in clients if isinstance(client, Counter))
    if receptions < counter.received:
        failures.append(f"{counter.received} receptions acknowledged, {receptions} recorded")
    deadline = max(time.monotonic(), kill["dead"] + CLAIM_LEASE) + 60
    while time.monotonic() < deadline:
        pending = int(psql("SELECT COUNT(*) FROM outbox WHERE state = 'pending'", name)[0][0])
        if pending == 0:
            break
        time.sleep(1)
    outbox = {row[0]: row[1] for row in psql(
        "SELECT id, state FROM outbox WHERE channel = 'sms'", name)}
    deliveries = gateway.deliveries()
    keys = {}
    for delivery in deliveries:
        keys.setdefault(delivery["key"], []).append(delivery)
    expected = len(dossiers) + receptions
    if len(outbox) != expected:
        failures.append(f"{len(dossiers)} dossiers and {receptions} receptions queued "
                        f"{len(outbox)} SMS")
    unsent = [state for state in outbox.values() if state != "sent"]
    if unsent:
        failures.append(f"{len(unsent)} messages not sent: {sorted(set(unsent))}")
    if set(keys) != set(outbox):
        failures.append(f"the gateway got {len(set(keys) - set(outbox))} unknown keys and "
                        f"missed {len(set(outbox) - set(keys))} messages")
    if any(len({d["text"] for d in sent}) != 1 for sent in keys.values()):
        failures.append("one idempotency key came with different texts")
    # A key twice is a message sent twice, unless it is the one the killed server was sending:
    # it reached the gateway before the kill, within an answer's time, and the worker died
    # before recording it; its claim lapsed and another server sent it again.
    killed_path = f"/sms/{kill['name']}"
    in_hand = [key for key, sent in keys.items() if len(sent) == 2
               and sent[0]["path"] == killed_path
               and kill["began"] - SMS_DELAY - 1 <= sent[0]["at"] <= kill["dead"]
               and sent[1]["at"] >= kill["dead"]]
    resent_in_hand = in_hand[:1]  # one worker, one message in hand
    repeated = [key for key, sent in keys.items() if len(sent) > 1 and key not in resent_in_hand]
    if repeated:
        failures.append(f"{len(repeated)} messages reached the gateway more than once: "
                        + "; ".join(f"{key} from {[d['path'] for d in keys[key]]}"
                                    for key in repeated[:5]))

    for event in events:
        if event["action"] == "restart":
            print(f"restart test: server {event['name']} restarted (SIGTERM): it stopped in "
                  f"{event['stopped_in']:.1f} s and answered again after {event['back_in']:.1f} s")
        else:
            print(f"restart test: server {event['name']} killed (SIGKILL), answering again after "
                  f"{event['back_in']:.1f} s")
    print(f"restart test: {CLIENTS} clients for {load_seconds:.0f} s through nginx; A with group "
          f"commit on, B off")
    print(f"restart test: requests sent: {len(attempts)}; failed: {len(failed)} "
          f"({len(in_flight)} under way on the killed server, {len(other)} other); "
          f"{resent} refused by a stopping or dead server and sent to the other by nginx")
    print(f"restart test: acknowledged saves checked: {saves_checked} in {len(drafts)} drafts, "
          f"{len(acknowledged)} dossiers submitted")
    print(f"restart test: documents checked: {documents_expected} uploaded ({large} larger than "
          f"one {CHUNK_BYTES // 1024} KB chunk), byte for byte through "
          + ", ".join(f"server {label}: {count}" for label, count in documents.items()))
    print(f"restart test: status changes: {len(dossiers)} submissions, {receptions} receptions "
          f"by the counter clerk ({counter.received} acknowledged)")
    print(f"restart test: messages expected {expected}, received {len(keys)}, repeated "
          f"{len(repeated)} (by Idempotency-Key; {len(deliveries)} deliveries, "
          f"{len(resent_in_hand)} of them the message the killed server was sending, sent again "
          f"after its claim lapsed)")
    if failures:
        raise AssertionError("\n  ".join(["restart test found:"] + failures))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"restart test FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
