#!/usr/bin/env python3
"""Latency of the editor's draft check in `sinew serve`: keystroke -> problems and rendered page back.

    python3 bench/editor_check.py SITE_DIR [--checks 21] [--sinew target/release/sinew] [--entry stretches/ID]

Starts `sinew serve --port 0` on a copy of SITE_DIR, opens the editor's form of one stretch with the token
the server prints, then sends drafts to /__sinew/api/check one after another, each with the title changed by
one more letter (as typing does), and times each request from send to the whole answer. Prints the median,
min and max, and checks that the answer carries the page rendered from the draft.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def request(url, token=None, body=None, origin=None):
    headers = {}
    if body is not None:
        headers = {"Content-Type": "application/json", "X-Sinew-Token": token, "Origin": origin}
    else:
        headers = {"Cookie": f"sinew_token={token}"}
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if body is not None else "GET")
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.read().decode("utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--checks", type=int, default=21)
    parser.add_argument("--sinew", default="target/release/sinew")
    parser.add_argument("--entry", default=None, help="collection/id (default: the first stretch)")
    parser.add_argument("--timings", action="store_true", help="print the server's stage timings at the end")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="sinew-editor-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", ".git", "target", "node_modules"))
    if args.entry:
        collection, entry_id = args.entry.split("/")
    else:
        stretches = os.path.join(site, "content", "stretches")
        collection = "stretches"
        entry_id = os.path.splitext(sorted(f for f in os.listdir(stretches) if f != "_index.md")[0])[0]

    server = subprocess.Popen([args.sinew, "serve", "--port", "0", "--root", site],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                              env=dict(os.environ, **({"SINEW_TIMINGS": "1"} if args.timings else {})))
    log, found = [], {}
    ready = threading.Event()

    def read_log():
        for line in server.stderr:
            log.append(line.rstrip("\n"))
            match = re.search(r"open (http://127\.0\.0\.1:\d+)/\?token=([0-9a-f]+)", line)
            if match:
                found["origin"], found["token"] = match.group(1), match.group(2)
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    if not ready.wait(300):
        sys.exit("the server did not start:\n" + "\n".join(log))
    origin, token = found["origin"], found["token"]
    while not any(" pages rendered" in l for l in log):
        time.sleep(0.05)
    started = time.perf_counter()
    page = request(f"{origin}/__sinew/edit/{collection}/{entry_id}", token)
    form_ms = (time.perf_counter() - started) * 1000
    data = re.search(r'id="sinew-form">(.*?)</script>', page, re.S).group(1)
    form = json.loads(data)
    print(f"site: {args.site}; {[l for l in log if l.startswith('first build')][0]}; form opened in {form_ms:.0f} ms")
    draft = {"collection": collection, "id": entry_id, "version": form["version"], "values": form["values"],
             "body": form["body"]}
    title = form["values"]["title"]
    times = []
    for n in range(args.checks):
        title += "abcdefghijklmnopqrstuvwxyz"[n % 26]
        draft["values"]["title"] = title
        started = time.perf_counter()
        answer = json.loads(request(f"{origin}/__sinew/api/check", token, draft, origin))
        times.append((time.perf_counter() - started) * 1000)
        if title not in (answer.get("html") or ""):
            sys.exit(f"check {n} did not render the draft: {answer.get('problems')}")
    # The first check warms the editor's own caches (its first build); typing is what follows.
    steady = times[1:]
    print(f"draft check -> problems and page, {len(steady)} checks after the first ({times[0]:.0f} ms): "
          f"median {statistics.median(steady):.1f} ms, min {min(steady):.1f}, max {max(steady):.1f}")
    if args.timings:
        print("\n".join(l for l in log[-40:] if l.startswith("timing:")))
    server.send_signal(2)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
