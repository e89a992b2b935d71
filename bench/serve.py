#!/usr/bin/env python3
"""Edit-to-updated-page latency of `sinew serve`, and its memory over many edits.

    python3 bench/serve.py SITE_DIR [--edits 20] [--memory-edits 500] [--sinew target/release/sinew]

Starts `sinew serve --port 0` on SITE_DIR (a copy is made first, so the site itself is never edited), waits
for the first build, then repeatedly rewrites one entry's title (or, with --body, a sentence at the end of its
body) with a new marker and measures the time from
the write (just before the file is written) until the entry's page, fetched over HTTP, carries the marker. As
a browser does, the page is fetched when the server's live-reload stream (`/__sinew/live`) says a new build is
served; `--poll` fetches it every 2 ms instead (which takes a core from the server on a small machine).
Each measured edit waits for the previous one to show first. Prints the median, min and max. With
--memory-edits N it then makes N more edits (each waited for) and reports the server's resident memory
(VmRSS) after the first build, after the first 10% of those edits and at the end.
"""

import argparse
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


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--memory-edits", type=int, default=0)
    parser.add_argument("--sinew", default="target/release/sinew")
    parser.add_argument("--entry", default=None, help="content path of the entry to edit (default: first stretch)")
    parser.add_argument("--poll", action="store_true", help="poll the page instead of following the live-reload stream")
    parser.add_argument("--body", action="store_true", help="edit the body rather than the title")
    parser.add_argument("--pause", type=float, default=0.2,
                        help="seconds between an edit showing and the next edit (the search index and PDFs of "
                             "the last edit are still being made during a short pause)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="sinew-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", ".git", "target", "node_modules"))
    stretches = os.path.join(site, "content", "stretches")
    entry = args.entry or os.path.join("content", "stretches", sorted(f for f in os.listdir(stretches) if f != "_index.md")[0])
    entry_path = os.path.join(site, entry)
    slug = os.path.splitext(os.path.basename(entry))[0]
    original = open(entry_path, encoding="utf-8").read()
    title_line = re.search(r"^title: .*$", original, re.M).group(0)

    server = subprocess.Popen([args.sinew, "serve", "--port", "0", "--root", site],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    log = []
    address = {}
    ready = threading.Event()

    def read_log():
        for line in server.stderr:
            log.append(line.rstrip("\n"))
            match = re.search(r" at (http://127\.0\.0\.1:\d+/)", line)
            if match:
                address["url"] = match.group(1)
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    if not ready.wait(300):
        sys.exit("the server did not start:\n" + "\n".join(log))
    page = address["url"] + f"stretches/{slug}/"
    first = [l for l in log if l.startswith("first build")]
    print(f"site: {args.site}; {first[0] if first else ''}")
    time.sleep(1.0)  # let the search index and PDFs of the first build finish
    rss_start = rss_mb(server.pid)

    # The live-reload stream: each event is a served build (its JSON names the generation).
    builds = threading.Condition()
    seen = {"events": 0}

    def follow_live():
        import http.client
        host, port = address["url"][len("http://"):].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port))
        connection.request("GET", "/__sinew/live")
        response = connection.getresponse()
        for raw in response:
            if raw.startswith(b"data:"):
                with builds:
                    seen["events"] += 1
                    builds.notify_all()

    if not args.poll:
        threading.Thread(target=follow_live, daemon=True).start()
        time.sleep(0.3)

    def edit(n):
        marker = f"Bench edit {n}"
        if args.body:
            text = original.rstrip("\n") + f"\n\n{marker}.\n"
            expected = f"<p>{marker}.</p>"
        else:
            text = original.replace(title_line, f"title: {marker}", 1)
            expected = f"<h1>{marker}"
        with builds:
            events = seen["events"]
        started = time.perf_counter()
        with open(entry_path, "w", encoding="utf-8") as f:
            f.write(text)
        deadline = started + 30
        while not args.poll and time.perf_counter() < deadline:
            with builds:
                builds.wait_for(lambda: seen["events"] > events, timeout=deadline - time.perf_counter())
                events = seen["events"]
            if expected in fetch(page):
                return (time.perf_counter() - started) * 1000
        while time.perf_counter() < deadline:
            if expected in fetch(page):
                return (time.perf_counter() - started) * 1000
            time.sleep(0.002)
        sys.exit(f"edit {n} never showed\n" + "\n".join(log[-20:]))

    times = []
    for n in range(args.edits):
        times.append(edit(n))
        time.sleep(args.pause)
    what = "body" if args.body else "title"
    print(f"{what} edit -> updated page over HTTP, {len(times)} edits {args.pause} s apart: median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f}, max {max(times):.1f}")
    rebuilds = [l for l in log if " pages rendered" in l or "failed" in l][-3:]
    print("rebuilds after the first:", len([l for l in log if " pages rendered" in l or "failed" in l]) - 1)
    print("last rebuild lines:\n  " + "\n  ".join(rebuilds))
    if os.environ.get("SINEW_TIMINGS"):
        # The server's stage times (SINEW_TIMINGS is passed on to it), for the last two edits.
        timings = [l for l in log if l.startswith("timing:") or " pages rendered" in l]
        print("server stage times, last edits:\n  " + "\n  ".join(timings[-24:]))

    if args.memory_edits:
        tenth = max(1, args.memory_edits // 10)
        rss_early = None
        for n in range(args.memory_edits):
            edit(10_000 + n)
            if n + 1 == tenth:
                time.sleep(0.5)
                rss_early = rss_mb(server.pid)
        time.sleep(1.0)
        rss_end = rss_mb(server.pid)
        print(f"memory (VmRSS): {rss_start:.0f} MB after the first build, {rss_early:.0f} MB after {tenth} edits, "
              f"{rss_end:.0f} MB after {args.memory_edits} edits "
              f"({(rss_end / rss_early - 1) * 100:+.1f}% from edit {tenth} to the end)")

    server.send_signal(2)
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
