#!/usr/bin/env python3
"""Makes the default theme's handout typeface, Atkinson Hyperlegible (SIL Open Font License 1.1), from the
Fontsource package on npm, so the committed font files can be made again and checked:

    python3 -m pip install fonttools brotli
    python3 tools/fonts/atkinson.py

Atkinson Hyperlegible was drawn by the Braille Institute for readers with low vision: letters that are easy to
tell apart (I l 1, O 0, b d p q) and generous spacing, which suits a client reading a sheet at home, glasses or
not. It writes

    themes/default/static/fonts/atkinson-hyperlegible-<subset>-<weight>-<style>.woff2   the web page's
    themes/default/handout/fonts/AtkinsonHyperlegible-<Style>.ttf                       the PDF's (Typst reads
        TrueType, not WOFF2: each is the latin and latin-ext subsets merged back into one font)

and the licence beside each. The package's tarball is checked against the registry's sha512 before use.
"""
import base64
import hashlib
import io
import json
import pathlib
import sys
import tarfile
import urllib.request

PACKAGE = "@fontsource/atkinson-hyperlegible"
VERSION = "5.3.0"
STYLES = {"400-normal": "Regular", "700-normal": "Bold", "400-italic": "Italic", "700-italic": "BoldItalic"}
SUBSETS = ["latin", "latin-ext"]
ROOT = pathlib.Path(__file__).resolve().parents[2]
WEB = ROOT / "themes/default/static/fonts"
PDF = ROOT / "themes/default/handout/fonts"


def fetch():
    meta = json.load(urllib.request.urlopen(f"https://registry.npmjs.org/{PACKAGE}/{VERSION}"))
    data = urllib.request.urlopen(meta["dist"]["tarball"]).read()
    algorithm, digest = meta["dist"]["integrity"].split("-", 1)
    if algorithm != "sha512" or hashlib.sha512(data).digest() != base64.b64decode(digest):
        sys.exit(f"{PACKAGE}@{VERSION}: the tarball does not match the registry's integrity hash")
    return tarfile.open(fileobj=io.BytesIO(data))


def main():
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    tar = fetch()
    read = lambda name: tar.extractfile(f"package/{name}").read()
    WEB.mkdir(parents=True, exist_ok=True)
    PDF.mkdir(parents=True, exist_ok=True)
    licence = read("LICENSE")
    (WEB / "AtkinsonHyperlegible-LICENSE.txt").write_bytes(licence)
    (PDF / "AtkinsonHyperlegible-LICENSE.txt").write_bytes(licence)
    scratch = []
    for style, name in STYLES.items():
        parts = []
        for subset in SUBSETS:
            file = f"atkinson-hyperlegible-{subset}-{style}.woff2"
            woff2 = read(f"files/{file}")
            (WEB / file).write_bytes(woff2)
            font = TTFont(io.BytesIO(woff2), recalcTimestamp=False)
            font.flavor = None
            part = PDF / f".{subset}-{style}.ttf"
            font.save(part)
            parts.append(str(part))
        merged = Merger().merge(parts)
        # The same bytes on every run: keep the fonts' own dates rather than the time of the merge.
        merged.recalcTimestamp = False
        first = TTFont(parts[0])["head"]
        merged["head"].created, merged["head"].modified = first.created, first.modified
        merged.save(PDF / f"AtkinsonHyperlegible-{name}.ttf")
        scratch.extend(parts)
    for part in scratch:
        pathlib.Path(part).unlink()
    print(f"wrote {len(STYLES) * len(SUBSETS)} WOFF2 files into {WEB.relative_to(ROOT)} and {len(STYLES)} TTF into {PDF.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
