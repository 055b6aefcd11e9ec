#!/usr/bin/env python3
"""Scale-out test: two server processes on different ports, each with its own data folder (as on
two machines), share one PostgreSQL database (a fresh one per run, dropped at the end). A draft
started on one is resumed by its code and submitted on the other; the limits on guessing resume
codes are shared: guesses on one server count on the other; and one slow SMS gateway (2.5 s an
answer) gets each message once, though both servers' outbox workers run.

Settings (environment): MC_TEST_POSTGRES_URL (postgres://postgres:postgres@127.0.0.1:5432/test,
used to create and drop the run's database), MC_SCALE_PORTS (3353,3354).
"""

import os
import random
import time
import shutil
import string
import sys

from mc_process import (
    CHECK_URL,
    RECEIPT_URL,
    ROOT,
    Server,
    SlowGateway,
    database_url,
    psql,
    birth_registration,
    fill_in,
    receipt_code,
    request,
    resume,
    start_draft,
    step_of,
    submit,
)

PORTS = [int(p) for p in os.environ.get("MC_SCALE_PORTS", "3353,3354").split(",")]
PER_CLIENT = 5
GLOBAL = 12
SLOW_DOWN_MS = 1500
WAIT_MESSAGE = "hãy đợi vài phút"


def guess(port, typed, client):
    """A resume code typed by `client` (behind our trusted proxy): 'opened', 'wrong' or 'wait'."""
    location, cookie = resume(port, typed, {"X-Forwarded-For": client})
    if cookie:
        return "opened"
    if "loi=cho" in location:
        status, _, body = request(port, "GET", location.split("#")[0])
        if status != 200 or WAIT_MESSAGE not in body.decode():
            raise AssertionError("the home page does not ask to wait a few minutes")
        return "wait"
    if "loi=1" in location:
        return "wrong"
    raise AssertionError(f"unexpected answer to a resume code: {location}")


def wrong_code():
    """A well-formed code nobody holds (15 letters and digits of the resume alphabet)."""
    return "".join(random.choice("23456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(15))


def main():
    name = "mc_scaleout_" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))
    work = os.path.join(ROOT, "target", "scale-out")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    psql(f"CREATE DATABASE {name}")
    gateway = SlowGateway(2.5)
    limits = {
        "MC_SMS_URL": gateway.url,
        "MC_SMS_TOKEN": "scale-out",
        "MC_TRUSTED_PROXY": "1",
        "MC_RESUME_GUESSES_PER_CLIENT": str(PER_CLIENT),
        "MC_RESUME_GUESSES_GLOBAL": str(GLOBAL),
        "MC_GUESS_SLOW_DOWN_MS": str(SLOW_DOWN_MS),
    }
    servers = []
    for port in PORTS:
        # A data folder each, as on two machines.
        data = os.path.join(work, f"data-{port}")
        os.makedirs(data)
        servers.append(
            Server(port, database_url(name), data, os.path.join(work, f"server-{port}.log"), limits)
        )
    try:
        for server in servers:
            server.start()
        a, b = PORTS
        answers = birth_registration()

        # Started on A, the first few questions answered there...
        code, location = start_draft(a)
        answered = []
        for _ in range(5):
            answered.append(step_of(location))
            location = fill_in(a, code, location, answers, stop_after=1)
        # ...resumed on B by its code, typed as the citizen wrote it down, on a fresh browser.
        typed = f"{code[:5]}-{code[5:10]}-{code[10:]}".lower()
        where, cookie = resume(b, typed, {"X-Forwarded-For": "198.51.100.1"})
        # It opens at the first question still to answer: after the five answered on A.
        if cookie != code or step_of(where) in (None, *answered):
            raise AssertionError(f"resuming on B led to {where}")
        fill_in(b, cookie, where, answers)
        status, _, page = request(b, "GET", CHECK_URL, code=cookie)
        if status != 200 or answers["nyc-ho-ten"] not in page.decode():
            raise AssertionError("B's check-answers page lacks the answer typed on A")
        status, location = submit(b, cookie)
        if (status, location) != (302, RECEIPT_URL):
            raise AssertionError(f"submitting on B answered {status} {location}")
        dossier = receipt_code(b, cookie)
        if receipt_code(a, code) != dossier:
            raise AssertionError("A and B show different receipts for one draft")
        print(f"scale-out: draft started on :{a}, resumed and submitted on :{b} as {dossier}")

        # Both servers' outbox workers run; the slow gateway gets the acknowledgement once.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(dossier in t for _, t in gateway.messages()):
            time.sleep(0.2)
        time.sleep(8)  # long enough for both workers to have tried several times
        sent = [(key, text) for key, text in gateway.messages() if dossier in text]
        if len(sent) != 1 or not sent[0][0]:
            raise AssertionError(f"the gateway got {len(sent)} messages for {dossier}: {sent}")
        print(f"scale-out: the acknowledgement SMS went out once (idempotency key {sent[0][0]})")

        # One client's wrong codes count on both servers.
        client = "203.0.113.7"
        seen = [guess(PORTS[k % 2], wrong_code(), client) for k in range(PER_CLIENT + 2)]
        if seen != ["wrong"] * PER_CLIENT + ["wait", "wait"]:
            raise AssertionError(f"one client's guesses on A and B: {seen}")
        # Held back, even the right code waits; another client is not held back.
        if guess(a, code, client) != "wait" or guess(b, code, "203.0.113.8") != "opened":
            raise AssertionError("the per-client limit held back the wrong client")
        # Everyone's wrong codes together pass the global count, also shared: answers slow
        # down on both servers, but nobody is refused for other people's mistakes.
        for k in range(GLOBAL - PER_CLIENT):
            outcome = guess(PORTS[k % 2], wrong_code(), f"192.0.2.{k + 1}")
            if outcome != "wrong":
                raise AssertionError(f"guess {k + 1} from a new client under the global count: {outcome}")
        for n, port in enumerate(PORTS):
            began = time.monotonic()
            wrong = guess(port, wrong_code(), f"192.0.2.{200 + n}")
            slowed = time.monotonic() - began
            right = guess(port, code, f"192.0.2.{210 + n}")
            if wrong != "wrong" or slowed < SLOW_DOWN_MS / 1000 * 0.8 or right != "opened":
                raise AssertionError(
                    f"past the global count on :{port}: a wrong code answered {wrong} after "
                    f"{slowed:.1f} s, a right code {right}"
                )
        print(
            f"scale-out: rate limits shared: {PER_CLIENT} wrong codes per client across both "
            f"servers, then a wait; past {GLOBAL} for everyone, answers slow down on both "
            f"and a right code still opens"
        )
    finally:
        for server in servers:
            server.stop()
        gateway.shutdown()
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"scale-out test FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
