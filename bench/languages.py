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
import statistics
import sys

from compare import run  # one timed build into an emptied folder, as compare.py makes it


def build(binary, site):
    """One build of `site` into its `public/`: (wall s, peak RSS MiB, CPU s, files written)."""
    out = os.path.join(site, "public")
    wall, rss, cpu = run(binary, site, out)
    files = sum(len(names) for _, _, names in os.walk(out))
    return wall, rss, cpu, files


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
