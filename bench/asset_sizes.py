#!/usr/bin/env python3
"""What a reader downloads besides the pages: each stylesheet and script of the built-in theme as written
(themes/default/static/) and as `sinew build` publishes it (minified CSS, fingerprinted names), raw and gzipped,
and how many of the built pages load it.

    python3 bench/asset_sizes.py [--sinew target/debug/sinew] [--root .] [--out /tmp/min-public]

Builds the site at --root into --out (never into the site's own public/), then prints a Markdown table.
gzip is Python's at level 9 with no name or time in the header, so the figures are the same every run; a web
server's gzip (often level 6) or Brotli gives a little more or less. Search index files and fonts are not
counted: the search page fetches its index on the first query, and fonts come from the reader's system.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys

THEME_STATIC = "themes/default/static"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def published(out: str, name: str) -> str | None:
    """The published, fingerprinted copy of `style.css` (`style.1a2b3c4d.css`), if there is one."""
    stem, ext = name.rsplit(".", 1)
    pattern = re.compile(rf"^{re.escape(stem)}\.[0-9a-f]{{8}}\.{re.escape(ext)}$")
    found = [f for f in os.listdir(out) if pattern.match(f)]
    return found[0] if len(found) == 1 else None


def pages_loading(out: str, file: str) -> int:
    count = 0
    for folder, _, files in os.walk(out):
        for page in files:
            if page.endswith(".html"):
                with open(os.path.join(folder, page), encoding="utf-8", errors="replace") as f:
                    count += f"/{file}\"" in f.read()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sinew", default="target/debug/sinew")
    parser.add_argument("--root", default=".")
    parser.add_argument("--out", default="/tmp/min-public")
    args = parser.parse_args()
    if os.path.abspath(args.out) == os.path.abspath(os.path.join(args.root, "public")):
        sys.exit("--out must not be the site's own public/ folder")
    run = subprocess.run([os.path.abspath(args.sinew), "build", "--out", os.path.abspath(args.out)],
                         cwd=args.root, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"build failed:\n{run.stderr[-3000:]}")
    names = sorted(f for f in os.listdir(os.path.join(args.root, THEME_STATIC)) if f.endswith((".css", ".js")))
    print("| file | as written (B) | gzip (B) | published (B) | gzip (B) | saved, gzip | pages loading it |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        with open(os.path.join(args.root, THEME_STATIC, name), "rb") as f:
            source = f.read()
        copy = published(args.out, name)
        if copy is None:
            print(f"| {name} | {len(source):,} | {gz(source):,} | not published | | | |")
            continue
        with open(os.path.join(args.out, copy), "rb") as f:
            out = f.read()
        saved = 1 - gz(out) / gz(source)
        print(f"| {name} | {len(source):,} | {gz(source):,} | {len(out):,} | {gz(out):,} | {saved:.0%} "
              f"| {pages_loading(args.out, copy)} |")


if __name__ == "__main__":
    main()
