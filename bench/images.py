#!/usr/bin/env python3
"""Builds of a corpus with a photo on every entry: the first build (empty image cache) and rebuilds (every
copy from the cache), for one or more sinew binaries, interleaved, with medians.

    python3 bench/gen_corpus.py --entries 10000 --out /dev/shm/i10k --force
    python3 bench/add_images.py /dev/shm/i10k
    python3 bench/images.py /dev/shm/i10k before=/tmp/sinew-before-webp after=target/release/sinew \\
        [--first 1] [--rebuilds 5]

Each binary gets its own copy of the site (so each has its own cache folder); the first builds run in turn,
then the rebuilds interleaved. Reports wall time, peak memory (from /usr/bin/time) and the published images'
bytes and file count.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys


def build(binary: str, site: str) -> tuple[float, int, str]:
    run = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", binary, "build"], cwd=site,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"build failed in {site}:\n{run.stderr[-2000:]}")
    seconds, kib = re.search(r"TIME ([0-9.]+) ([0-9]+)", run.stderr).groups()
    summary = next((line for line in run.stderr.splitlines() + run.stdout.splitlines() if line.startswith("built ")), "")
    return float(seconds), int(kib) // 1024, summary


def published_images(site: str) -> tuple[int, int, int]:
    total = files = webp = 0
    for root, _, names in os.walk(os.path.join(site, "public", "images")):
        for name in names:
            size = os.path.getsize(os.path.join(root, name))
            total += size
            files += 1
            webp += size if name.endswith(".webp") else 0
    return files, total, webp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("binaries", nargs="+", help="name=path")
    ap.add_argument("--first", type=int, default=1, help="first builds per binary (each from an empty cache)")
    ap.add_argument("--rebuilds", type=int, default=5)
    a = ap.parse_args()
    named = [b.split("=", 1) for b in a.binaries]
    copies = {}
    for name, _ in named:
        copy = f"{a.site.rstrip('/')}-{name}"
        if os.path.exists(copy):
            shutil.rmtree(copy)
        shutil.copytree(a.site, copy, ignore=shutil.ignore_patterns("public", ".sinew-cache"))
        copies[name] = copy
    first = {name: [] for name, _ in named}
    for _ in range(a.first):
        for name, binary in named:
            shutil.rmtree(os.path.join(copies[name], ".sinew-cache"), ignore_errors=True)
            shutil.rmtree(os.path.join(copies[name], "public"), ignore_errors=True)
            seconds, mib, summary = build(os.path.abspath(binary), copies[name])
            first[name].append((seconds, mib))
            print(f"first   {name:8} {seconds:8.2f} s {mib:6} MiB  {summary}", flush=True)
    rebuilds = {name: [] for name, _ in named}
    for _ in range(a.rebuilds):
        for name, binary in named:
            seconds, mib, summary = build(os.path.abspath(binary), copies[name])
            rebuilds[name].append((seconds, mib))
            print(f"rebuild {name:8} {seconds:8.2f} s {mib:6} MiB  {summary}", flush=True)
    print()
    print("| binary | first build (median) | peak | rebuild from cache (median) | peak | images published | of which WebP |")
    print("|---|---|---|---|---|---|---|")
    for name, _ in named:
        files, total, webp = published_images(copies[name])
        f = statistics.median(s for s, _ in first[name])
        fm = max(m for _, m in first[name])
        r = statistics.median(s for s, _ in rebuilds[name]) if rebuilds[name] else float("nan")
        rm = max((m for _, m in rebuilds[name]), default=0)
        print(f"| {name} | {f:.2f} s | {fm} MiB | {r:.2f} s | {rm} MiB | {files} files, {total / 1e6:.1f} MB | {webp / 1e6:.1f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
