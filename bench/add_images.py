#!/usr/bin/env python3
"""Give every entry of a generated corpus (bench/gen_corpus.py) a photo of its own.

    python3 bench/add_images.py SITE [--width 1600 --height 1000] [--jobs N]

Each entry gets static/images/corpus/<collection>-<id>.jpg, a distinct picture (a gradient with a few soft
shapes, drawn from the entry's id, so every file has its own hash and the image cache cannot share work
between entries), JPEG quality 85 with an EXIF block and a comment like a phone's, and an `image:` line in
its front matter. Needs Pillow (pip install pillow). The same SITE and options give the same files.
"""

import argparse
import hashlib
import io
import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor

from PIL import Image, ImageDraw


def picture(seed: str, width: int, height: int) -> bytes:
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    top = tuple(rng.randrange(90, 230) for _ in range(3))
    bottom = tuple(rng.randrange(20, 160) for _ in range(3))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(10):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 20, width // 5)
        draw.ellipse([x - r, y - r // 2, x + r, y + r // 2], fill=tuple(rng.randrange(256) for _ in range(3)))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:09:14 10:21:00"  # DateTime
    image.save(out, "JPEG", quality=85, exif=exif.tobytes(), comment=b"treatment room 3")
    return out.getvalue()


def one(job) -> int:
    site, rel, width, height = job
    path = os.path.join(site, "content", rel)
    collection, name = rel.split("/", 1)
    entry_id = name[:-3]
    src = f"images/corpus/{collection}-{entry_id}.jpg"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "\nimage:" not in text:
        text = text.replace("\n", f"\nimage: {{ src: {src}, alt: \"A photo for {entry_id}\" }}\n", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    target = os.path.join(site, "static", src)
    data = picture(rel, width, height)
    with open(target, "wb") as f:
        f.write(data)
    return len(data)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.site, "static", "images", "corpus"), exist_ok=True)
    jobs = []
    for collection in sorted(os.listdir(os.path.join(a.site, "content"))):
        folder = os.path.join(a.site, "content", collection)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md") and not name.startswith("_"):
                jobs.append((a.site, f"{collection}/{name}", a.width, a.height))
    with ProcessPoolExecutor(a.jobs) as ex:
        total = sum(ex.map(one, jobs, chunksize=64))
    print(f"add_images: {len(jobs)} photos of {a.width}x{a.height}, {total / 1e6:.1f} MB, in {a.site}/static/images/corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
