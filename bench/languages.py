#!/usr/bin/env python3
"""One sinew binary building two sites, interleaved in one run: the same corpus in one language and with a
full second language (issue 17: at most 2.2x the time and 1.8x the peak memory).

    python3 bench/gen_corpus.py --entries 10000 --out /dev/shm/c10k --force
    python3 bench/gen_corpus.py --entries 10000 --out /dev/shm/c10k-es --languages es --force
    python3 bench/languages.py target/release/sinew /dev/shm/c10k /dev/shm/c10k-es [--runs 5]

Each round builds each site once, in turn, into an empty output folder on the same file system as the site,
timed with /usr/bin/time (wall, CPU, peak RSS), after one warm-up round. Prints the medians and the ratios of
the medians (second site / first) as a Markdown table.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys


def build(binary, site):
    out = os.path.join(site, "public")
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M %U %S", binary, "build", "--root", site, "--out", out],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"building {site} failed:\n{result.stderr[-2000:]}")
    wall, rss_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    files = sum(len(names) for _, _, names in os.walk(out))
    return float(wall), int(rss_kb) / 1024, float(user) + float(system), files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("sites", nargs=2, metavar="SITE")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("needs GNU time: apt-get install time")
    results = {site: [] for site in args.sites}
    for site in args.sites:
        build(args.binary, site)  # warm-up: page cache, allocator
    for _ in range(args.runs):
        for site in args.sites:
            results[site].append(build(args.binary, site))
    print("| site | files written | median wall (s) | runs (s) | median CPU (s) | median peak RSS (MiB) |")
    print("|---|---:|---:|---|---:|---:|")
    medians = []
    for site in args.sites:
        runs = results[site]
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        medians.append((wall, rss, cpu))
        shown = ", ".join(f"{r[0]:.2f}" for r in runs)
        print(f"| {site} | {runs[0][3]} | {wall:.2f} | {shown} | {cpu:.2f} | {rss:.0f} |")
    (w1, r1, c1), (w2, r2, c2) = medians
    print(f"\nratios (second / first): wall {w2 / w1:.2f}x, CPU {c2 / c1:.2f}x, peak RSS {r2 / r1:.2f}x")


if __name__ == "__main__":
    main()
