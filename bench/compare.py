#!/usr/bin/env python3
"""Two sinew binaries (say, before and after a change) building the same site, interleaved in one run.

    python3 bench/compare.py --site /dev/shm/c10k --out /dev/shm/cmp-out OLD_BINARY NEW_BINARY [--runs 5]

Each round runs every binary once, in turn, each building from an empty output folder (`sinew build --root
SITE --out OUT`), timed with /usr/bin/time (wall seconds, CPU seconds, peak RSS). One warm-up round first. Alternating the
binaries spreads the machine's noise over both. Prints the median wall time and peak RSS of each, and the ratio
of the medians (new / old), as a Markdown table.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys


def run(binary, site, out):
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M %U %S", binary, "build", "--root", site, "--out", out],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"{binary} failed:\n{result.stderr[-2000:]}")
    wall, rss_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss_kb) / 1024, float(user) + float(system)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True)
    parser.add_argument("--out", required=True, help="output folder (emptied before each build)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("binaries", nargs=2, metavar="BINARY")
    args = parser.parse_args()
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("needs GNU time: apt-get install time")
    names = ["before", "after"]
    times = {name: [] for name in names}
    rss = {name: [] for name in names}
    cpu = {name: [] for name in names}
    for name, binary in zip(names, args.binaries):
        run(binary, args.site, args.out)  # warm-up: page cache, allocator
    for _ in range(args.runs):
        for name, binary in zip(names, args.binaries):
            wall, peak, seconds = run(binary, args.site, args.out)
            times[name].append(wall)
            rss[name].append(peak)
            cpu[name].append(seconds)
    shutil.rmtree(args.out, ignore_errors=True)
    print("| binary | median wall (s) | runs (s) | median CPU (s) | median peak RSS (MiB) |")
    print("|---|---:|---|---:|---:|")
    for name, binary in zip(names, args.binaries):
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        median_cpu = statistics.median(cpu[name])
        print(
            f"| {name} (`{binary}`) | {statistics.median(times[name]):.3f} | {runs} | {median_cpu:.2f} "
            f"| {statistics.median(rss[name]):.0f} |"
        )
    ratio = statistics.median(times["after"]) / statistics.median(times["before"])
    rss_ratio = statistics.median(rss["after"]) / statistics.median(rss["before"])
    cpu_ratio = statistics.median(cpu["after"]) / statistics.median(cpu["before"])
    print(f"\nafter / before: wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x, peak RSS {rss_ratio:.2f}x (medians of {args.runs})")


if __name__ == "__main__":
    main()
