#!/usr/bin/env python3
"""What a published sinew site must carry, checked from the outside (issue 6), with tools nobody here wrote:
extruct reads each page's JSON-LD as a search engine would, the standard library's XML parser reads the
sitemap and the feed.

    .ci/.venv/bin/python .ci/check-publish.py --sinew target/release/sinew [--site .]

It builds the site itself, into temporary folders:
  1. twice: the two trees must be byte-identical (names and contents);
  2. every entry page has exactly one JSON-LD block, a MedicalWebPage for patients whose mainEntity has the
     @type its collection's schema calls for (site.yaml), published by the practice;
  3. sitemap.xml and feed.xml parse as XML; the sitemap lists every entry page and the feed only entries;
  4. a copy of the site with one entry turned into a draft: that entry is in neither file, nor in the output.
Prints one line per check and exits 1 if any failed.
"""
import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import extruct
import yaml

MAIN_TYPE = {"exercise": "ExercisePlan", "condition": "MedicalCondition", "anatomy": "Muscle"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"

failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")
    if not ok:
        failures.append(name)


def build(sinew, site, out):
    run = subprocess.run([sinew, "build", "--root", site, "--out", out], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"check-publish: sinew build failed:\n{run.stderr}")


def tree(root):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, root)] = path
    return files


def entries(site, config):
    """(collection, id, schema) of every entry in content/, drafts included."""
    found = []
    for name, collection in (config.get("collections") or {}).items():
        folder = os.path.join(site, "content", name)
        for file in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if file.endswith(".md") and not file.startswith("_"):
                found.append((name, file[:-3], (collection or {}).get("schema", "article"), (collection or {}).get("structured_data")))
    return found


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--sinew", required=True)
    args.add_argument("--site", default=".")
    opts = args.parse_args()
    site = os.path.abspath(opts.site)
    sinew = os.path.abspath(opts.sinew)
    config = yaml.safe_load(open(os.path.join(site, "site.yaml"), encoding="utf-8"))
    base = config["base_url"].rstrip("/") + "/"
    work = tempfile.mkdtemp(prefix="sinew-publish-")
    try:
        a, b = os.path.join(work, "a"), os.path.join(work, "b")
        build(sinew, site, a)
        build(sinew, site, b)
        ta, tb = tree(a), tree(b)
        differing = [p for p in ta if p in tb and not filecmp.cmp(ta[p], tb[p], shallow=False)]
        check("two builds give the same file names", sorted(ta) == sorted(tb), f"{set(ta) ^ set(tb)}")
        check(f"two builds give byte-identical files ({len(ta)} files)", not differing, ", ".join(differing[:5]))

        listed = entries(site, config)
        drafts = set()
        wrong = []
        for collection, id_, schema, declared in listed:
            page = os.path.join(a, collection, id_, "index.html")
            if not os.path.exists(page):
                drafts.add((collection, id_))  # a draft: not built
                continue
            html = open(page, encoding="utf-8").read()
            blocks = extruct.extract(html, base_url=f"{base}{collection}/{id_}/", syntaxes=["json-ld"], uniform=False)["json-ld"]
            nodes = [n for block in blocks for n in block.get("@graph", [block])]
            pages = [n for n in nodes if n.get("@type") == "MedicalWebPage"]
            want = declared or MAIN_TYPE.get(schema)
            if len(blocks) != 1 or len(pages) != 1:
                wrong.append(f"{collection}/{id_}: {len(blocks)} JSON-LD blocks, {len(pages)} MedicalWebPage")
                continue
            p = pages[0]
            got = (p.get("mainEntity") or {}).get("@type")
            if want and got != want:
                wrong.append(f"{collection}/{id_}: mainEntity {got}, expected {want}")
            if (p.get("medicalAudience") or {}).get("@type") != "Patient":
                wrong.append(f"{collection}/{id_}: no patient audience")
            publisher = (p.get("publisher") or {}).get("@id")
            if not any(n.get("@id") == publisher and n.get("name") == config["title"] for n in nodes):
                wrong.append(f"{collection}/{id_}: publisher {publisher} is not described as the practice")
        check(f"JSON-LD of {len(listed) - len(drafts)} entry pages has the @type of its collection", not wrong, "; ".join(wrong[:5]))
        pages = [p for p in ta if p.endswith(".html")]
        # Handout sheets (a language's too: es/handouts/...) are for printing, not for search engines; the 404
        # page is no page at all.
        # An old address (redirect_from) is no page either: it sends the reader on and is not indexed.
        def redirect(p):
            text = open(ta[p], encoding="utf-8").read()
            return '<meta http-equiv="refresh"' in text and '<meta name="robots" content="noindex">' in text

        site_pages = [p for p in pages if p != "404.html" and "handouts" not in p.split(os.sep)[:2] and not redirect(p)]
        no_ld = [p for p in site_pages if "application/ld+json" not in open(ta[p], encoding="utf-8").read()]
        check(f"every site page carries JSON-LD ({len(site_pages)} pages)", not no_ld, ", ".join(no_ld[:5]))
        redirects = [line.split() for line in open(os.path.join(a, "_redirects"), encoding="utf-8") if line.strip() and not line.startswith("#")]
        unmade = [f for f, _, _ in redirects if not redirect(os.path.join(f.strip("/"), "index.html") if f.endswith("/") else f.strip("/"))]
        listed_urls = set(u.text for u in ET.parse(os.path.join(a, "sitemap.xml")).getroot().iter(f"{SITEMAP}loc"))
        host = base[: base.index("/", len("https://"))]  # _redirects gives paths from the host's root
        in_sitemap = [f for f, _, _ in redirects if host + f in listed_urls]
        check(f"each old address in _redirects ({len(redirects)}) has its redirect page, none in the sitemap", redirects and not unmade and not in_sitemap, f"{unmade} {in_sitemap}")

        urls = [u.text for u in ET.parse(os.path.join(a, "sitemap.xml")).getroot().iter(f"{SITEMAP}loc")]
        published = {f"{base}{c}/{i}/" for c, i, _, _ in listed if (c, i) not in drafts}
        missing = published - set(urls)
        check(f"sitemap.xml parses and lists every published entry ({len(urls)} URLs)", not missing, ", ".join(sorted(missing)[:5]))
        feed = ET.parse(os.path.join(a, "feed.xml")).getroot()
        feed_ids = [e.find(f"{ATOM}id").text for e in feed.iter(f"{ATOM}entry")]
        check(f"feed.xml parses as Atom and lists only entries ({len(feed_ids)})", feed.tag == f"{ATOM}feed" and feed_ids and set(feed_ids) <= published, f"{feed_ids[:3]}")

        # A draft: copy the site, mark one entry that is in the feed as a draft, build, look for it.
        copy = os.path.join(work, "site")
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public", "target", ".git", "node_modules", ".ci"))
        target = feed_ids[0][len(base):].strip("/")
        path = os.path.join(copy, "content", target + ".md")
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(re.sub(r"^---\n", "---\ndraft: true\n", text, count=1))
        out = os.path.join(work, "draft")
        build(sinew, copy, out)
        sitemap = open(os.path.join(out, "sitemap.xml"), encoding="utf-8").read()
        feed_text = open(os.path.join(out, "feed.xml"), encoding="utf-8").read()
        url = f"{base}{target}/"
        check(f"a draft ({target}) is in neither the sitemap nor the feed", url not in sitemap and url not in feed_text)
        check("a draft has no page", not os.path.exists(os.path.join(out, target, "index.html")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"check-publish: {'FAILED: ' + ', '.join(failures) if failures else 'all checks passed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
