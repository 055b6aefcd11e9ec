#!/usr/bin/env python3
"""Seeds a running Một Cửa with drafts and dossiers through its real HTTP endpoints, the way a
browser without JavaScript files them: start, answer each step page's form, submit.

Usage: seed.py BASE_URL OUT_JSON [drafts] [submitted] [load_drafts]
Writes OUT_JSON with the resume cookies the benchmark needs: `load` (complete drafts, one per
load-test connection), `check` (a complete draft), `receipt` (a submitted one). Standard library
only, so that it runs on a fresh machine.
"""

import concurrent.futures
import datetime
import http.client
import json
import os
import random
import re
import sys
import urllib.parse

# One family's answers, by input name (the `a[...]` of the forms): the same family the crash and
# scale-out tests file.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from mc_process import birth_registration  # noqa: E402

ANSWERS = birth_registration()
INPUT = re.compile(r'name="a\[([^\]]+)\]"')
CHECK_URL = "/ho-so/kiem-tra"


class Citizen:
    """One browser: a keep-alive connection and the draft cookie."""

    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookie = None

    def request(self, method, path, form=None):
        headers = {"Accept": "text/html"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://bench" + path
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("mc_ho_so="):
                self.cookie = value.split(";", 1)[0]
        return response.status, response.getheader("Location"), text

    def post(self, path, form):
        status, location, _ = self.request("POST", path, form)
        if status not in (302, 303) or not location:
            raise RuntimeError(f"POST {path} answered {status}, expected a redirect")
        return location

    def file(self, steps_to_answer=None):
        """Starts a draft and answers steps until check answers (or `steps_to_answer` steps)."""
        url = self.post("/api/bat-dau", {"thu_tuc": "khai-sinh"})
        answered = 0
        while url.startswith("/ho-so/buoc/"):
            if steps_to_answer is not None and answered >= steps_to_answer:
                return url
            status, _, page = self.request("GET", url)
            if status != 200:
                raise RuntimeError(f"GET {url} answered {status}")
            step = url.split("/ho-so/buoc/", 1)[1].split("?", 1)[0]
            if "loi=1" in url:
                raise RuntimeError(f"step {step} refused the seed answers")
            form = {"buoc": step}
            for name in dict.fromkeys(INPUT.findall(page)):
                form[f"a[{name}]"] = ANSWERS[name]
            url = self.post("/api/luu-buoc", form)
            answered += 1
        if url != CHECK_URL:
            raise RuntimeError(f"the journey ended on {url}, not on check answers")
        return url

    def submit(self):
        location = self.post("/api/nop-ho-so", {})
        if location != "/ho-so/bien-nhan":
            raise RuntimeError(f"submission went to {location}")


def main():
    base, out = sys.argv[1], sys.argv[2]
    drafts = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    submitted = int(sys.argv[4]) if len(sys.argv) > 4 else 150
    load = int(sys.argv[5]) if len(sys.argv) > 5 else 50
    parsed = urllib.parse.urlparse(base)

    def one(i):
        citizen = Citizen(parsed.hostname, parsed.port)
        if i < submitted:
            citizen.file()
            citizen.submit()
            return ("submitted", citizen.cookie)
        if i < drafts:
            # Drafts left part-way, as citizens leave them.
            citizen.file(steps_to_answer=random.Random(i).randrange(0, 25))
            return ("draft", citizen.cookie)
        citizen.file()
        return ("load", citizen.cookie)

    cookies = {"submitted": [], "draft": [], "load": []}
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for kind, cookie in pool.map(one, range(drafts + load)):
            cookies[kind].append(cookie)
    # The code on the first receipt, for the status-lookup rows.
    reader = Citizen(parsed.hostname, parsed.port)
    reader.cookie = cookies["submitted"][0]
    _, _, receipt = reader.request("GET", "/ho-so/bien-nhan")
    found = re.search(r'class="dossier-code">([^<]+)<', receipt)
    result = {
        "dossier": found.group(1).strip() if found else None,
        "drafts": drafts - submitted + load,
        "dossiers": submitted,
        "load": cookies["load"],
        "check": cookies["load"][0],
        "receipt": cookies["submitted"][0],
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(
        f"seeded {result['dossiers']} dossiers and {result['drafts']} drafts "
        f"({len(cookies['load'])} complete ones for the load test)"
    )


if __name__ == "__main__":
    main()
