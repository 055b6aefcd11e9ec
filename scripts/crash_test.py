#!/usr/bin/env python3
"""Crash test (principle 1: nothing typed is ever lost). Starts the release server on a fresh
SQLite file, lets several clients save their drafts in a loop, kills the server with SIGKILL at
random moments and restarts it. After each kill, while the server is down, the SQLite file must
hold every save the server acknowledged (a redirect to the next page) and pass
`PRAGMA integrity_check`. Then 20 parallel submissions of one draft must make one dossier with
one code.

Settings (environment): MC_CRASH_PORT (3352), MC_CRASH_KILLS (50), MC_CRASH_CLIENTS (8),
MC_CRASH_ENDPOINT (/api/luu-buoc: the step save; the autosave endpoint can replace it).
"""

import json
import os
import random
import re
import shutil
import sqlite3
import sys
import threading
import time

from mc_process import (
    RECEIPT_URL,
    ROOT,
    Server,
    birth_registration,
    code_hash,
    fill_in,
    receipt_code,
    request,
    start_draft,
    submit,
)

PORT = int(os.environ.get("MC_CRASH_PORT", "3352"))
KILLS = int(os.environ.get("MC_CRASH_KILLS", "50"))
CLIENTS = int(os.environ.get("MC_CRASH_CLIENTS", "8"))
ENDPOINT = os.environ.get("MC_CRASH_ENDPOINT", "/api/luu-buoc")
STEP = "nyc-ho-ten"
SUBMISSIONS = 20


def save_fields(value, version):
    fields = [("buoc", STEP), (f"a[{STEP}]", value)]
    if ENDPOINT != "/api/luu-buoc":
        # The autosave says which version of the draft the page was based on.
        fields.append(("phien_ban", str(version)))
    return fields


def acknowledged(status, headers, body):
    """The step save answers a form post with a redirect to the next page; a JSON save answers
    200. Anything else (an error, a dropped connection) promised nothing."""
    if ENDPOINT == "/api/luu-buoc":
        return status == 302 and headers.get("location", "").startswith("/ho-so/")
    return 200 <= status < 300


class Clients:
    """Clients saving in a loop; each remembers its last acknowledged save."""

    def __init__(self, codes):
        self.codes = codes
        self.cond = threading.Condition()
        self.running = True
        self.stopping = False
        self.in_flight = 0
        self.last_acked = [0] * len(codes)  # the number n of the last acknowledged save
        self.acked_count = [0] * len(codes)
        self.attempts = 0
        self.threads = [threading.Thread(target=self.loop, args=(i,)) for i in range(len(codes))]

    def loop(self, i):
        n = 0
        version = 1
        while True:
            with self.cond:
                while not self.running and not self.stopping:
                    self.cond.wait()
                if self.stopping:
                    return
                self.in_flight += 1
            n += 1
            ok = False
            try:
                status, headers, body = request(
                    PORT, "POST", ENDPOINT, save_fields(f"Người khai {i} lần {n}", version),
                    self.codes[i], timeout=10,
                )
                ok = acknowledged(status, headers, body)
                if ok and ENDPOINT != "/api/luu-buoc":
                    version = json.loads(body).get("phien_ban", version + 1)
            except (OSError, ValueError):
                time.sleep(0.005)  # the server is down or going down: try again
            finally:
                with self.cond:
                    self.in_flight -= 1
                    self.attempts += 1
                    if ok:
                        self.last_acked[i] = n
                        self.acked_count[i] += 1
                    self.cond.notify_all()

    def pause(self):
        """Waits until no save is on its way: every answer received is recorded."""
        with self.cond:
            self.running = False
            while self.in_flight:
                self.cond.wait()

    def resume(self):
        with self.cond:
            self.running = True
            self.cond.notify_all()

    def stop(self):
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
        for thread in self.threads:
            thread.join()


def check_file(path, codes, last_acked, acked_count):
    """Every acknowledged save is in the file, and the file is sound."""
    db = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            raise AssertionError(f"PRAGMA integrity_check: {integrity}")
        for i, code in enumerate(codes):
            row = db.execute(
                "SELECT answers, version FROM drafts WHERE code_hash = ?", (code_hash(code),)
            ).fetchone()
            if row is None:
                raise AssertionError(f"the draft of client {i} is gone")
            stored = json.loads(row[0]).get(STEP, "")
            match = re.fullmatch(rf"Người khai {i} lần (\d+)", stored)
            stored_n = int(match.group(1)) if match else 0
            # Saves of one client go one after another: the last acknowledged one, or a later
            # one that was committed but whose answer the kill cut off, must be there.
            if stored_n < last_acked[i]:
                raise AssertionError(
                    f"client {i}: save {last_acked[i]} was acknowledged but the file holds "
                    f"save {stored_n}"
                )
            # Each committed save adds one to the version.
            if row[1] - 1 < acked_count[i]:
                raise AssertionError(
                    f"client {i}: {acked_count[i]} saves acknowledged, {row[1] - 1} committed"
                )
    finally:
        db.close()


def parallel_submissions(port):
    """20 submissions of one draft at once: one dossier, one code, every answer the receipt."""
    code, location = start_draft(port)
    fill_in(port, code, location, birth_registration())
    barrier = threading.Barrier(SUBMISSIONS)
    answers = [None] * SUBMISSIONS

    def one(k):
        barrier.wait()
        answers[k] = submit(port, code)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for status, location in answers:
        if status != 302 or location != RECEIPT_URL:
            raise AssertionError(f"a submission answered {status} {location}")
    codes = {receipt_code(port, code) for _ in range(SUBMISSIONS)}
    if len(codes) != 1:
        raise AssertionError(f"parallel submissions gave several dossier codes: {codes}")
    return code, codes.pop()


def main():
    started = time.monotonic()
    work = os.path.join(ROOT, "target", "crash")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db_file = os.path.join(work, "mot-cua.db")
    server = Server(PORT, f"sqlite://{db_file}", work, os.path.join(work, "server.log"))
    server.start()
    try:
        codes = [start_draft(PORT)[0] for _ in range(CLIENTS)]
        clients = Clients(codes)
        for thread in clients.threads:
            thread.start()
        verified = 0
        for kill in range(1, KILLS + 1):
            time.sleep(random.uniform(0.05, 0.6))
            server.kill()
            clients.pause()
            check_file(db_file, codes, clients.last_acked, clients.acked_count)
            verified = sum(clients.acked_count)
            server.start()
            clients.resume()
        clients.stop()
        server.kill()
        check_file(db_file, codes, clients.last_acked, clients.acked_count)
        verified = sum(clients.acked_count)
        server.start()

        draft_code, dossier_code = parallel_submissions(PORT)
        server.stop()
        db = sqlite3.connect(db_file)
        (dossiers,) = db.execute(
            "SELECT COUNT(*) FROM dossiers WHERE draft_id = "
            "(SELECT id FROM drafts WHERE code_hash = ?)",
            (code_hash(draft_code),),
        ).fetchone()
        db.close()
        if dossiers != 1:
            raise AssertionError(f"{SUBMISSIONS} parallel submissions made {dossiers} dossiers")
    finally:
        server.stop()
    print(
        f"crash test: {KILLS + 1} kills (SIGKILL), {sum(clients.acked_count)} acknowledged saves "
        f"of {clients.attempts} attempts by {CLIENTS} clients, {verified} verified present "
        f"after a kill, integrity_check ok {KILLS + 1} times; {SUBMISSIONS} parallel "
        f"submissions made 1 dossier ({dossier_code}); {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"crash test FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
