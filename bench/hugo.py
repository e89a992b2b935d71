#!/usr/bin/env python3
"""sinew and Hugo building the same corpus, interleaved in one run.

    python3 bench/gen_corpus.py --entries 2000 --out /dev/shm/c2k --force
    python3 bench/hugo.py --site /dev/shm/c2k [--hugo-site DIR2] [--force] [--runs 5]
        [--sinew target/release/sinew] [--hugo /usr/bin/hugo] [--out-root /dev/shm/hugo-bench] [--keep-output]

First converts the sinew corpus SITE (made by gen_corpus.py, one language) into a Hugo site of the same shape
at DIR2 (default SITE-hugo), once: it is made again only when missing, when the corpus or this script's theme
changed (the first line of DIR2/hugo.toml records them: the corpus's site.yaml stamp, the number and size of
its content files, a hash of the templates) or with --force. Then, after one warm-up round, each of --runs rounds runs
`SINEW build --root SITE --out OUT1` and `HUGO --quiet --source DIR2 --destination OUT2` once each, the order
alternating between rounds, each into an output folder emptied first (OUT1, OUT2 under --out-root;
--keep-output rebuilds into the previous round's output instead). Each run's wall time is taken with
time.monotonic, its CPU time (user + sys) and peak RSS from the rusage os.wait4 returns for it. Prints the
medians as a Markdown table, with the files each wrote, and the ratios Hugo / sinew. A build that fails stops
the script (exit 1) with its stderr; the warm-up runs Hugo without --quiet and shows any warning it prints.

The Hugo site (what is equivalent)
- Content: the same Markdown bodies, one page per entry, at the same addresses (/stretches/<id>/,
  /causes/<id>/, /muscles/<id>/), the home page from content/_index.md, a listing per collection with a card
  (title, summary, badges) for every entry, sorted by title and not paginated, as sinew's are.
- Links by id ([[id]], [[id|text]], [[coll/id]], [text](@/coll/id.md)) become plain Markdown links to the
  page's address, the target's title as the text where sinew would show it; Hugo renders them as any link.
- Front matter: title; summary -> description (meta description, og:description, cards); reviewed -> date;
  the later of reviewed and updated -> lastmod (sitemap); every other field kept as a parameter (aliases as
  `also_called`, since Hugo's `aliases` make redirect pages, and kind as `exercise_kind`).
- Relations: the stretch's muscles and causes are the Hugo taxonomies `muscles` and `causes`. Their term
  pages ARE the muscle and cause pages (content/muscles/<id>/_index.md), since a section and a taxonomy of one
  name would otherwise publish two pages at each address: Hugo gathers the stretches of each muscle and cause
  itself, as sinew finds the inverse of each relation. A term page cannot carry terms of its own, so a cause's
  muscles stay a plain parameter: the cause page looks them up by address (site.GetPage), and a muscle page
  finds its causes in an index built once per build (partialCached over all causes).
- Theme, in DIR2/layouts: baseof (head with title, description, canonical, Open Graph, feed link, JSON-LD
  built with dict/jsonify, the stylesheet through Hugo Pipes with a fingerprint; header with the practice's
  name, a search form and the navigation; breadcrumbs; footer with the practitioner and the disclaimer), one
  entry template for pages and terms (eyebrow, title, summary, aliases, badges, table of contents, dosage,
  cautions, steps through markdownify, modifications, symptoms, location and actions, body, the "when to see a
  doctor" box with site.yaml's and the entry's red flags, related pages as cards, the review line with the next
  review date), list (section and taxonomy), home (body and six cards per collection), search page with the
  A to Z list of every entry (on a page of its own, /search/a-z/, above 1,000 entries, as sinew), 404.
  The stylesheet and favicon are the default theme's own (themes/default/static). On corpora of 300 and 2,000
  entries both sites have the same HTML pages, each entry with the same related pages and body links, and
  their sitemaps the same number of addresses; Hugo's pages are about as large as sinew's.
- Site files: hugo.toml with baseURL, buildFuture (the corpus's dates run to the end of the year),
  robots.txt, Hugo's own sitemap.xml (every page) and RSS feed of the home page (limit 20, as sinew's Atom
  feed), and a JSON search index (one document per entry: title, address, section, summary, plain text), the
  usual way a Hugo site gets search. disableKinds is empty; section, taxonomy and term pages have HTML only
  (Hugo would add an RSS feed to each: sinew writes one feed). Raw HTML in bodies is allowed (goldmark
  unsafe), as sinew's html: allow.

What is not equivalent
- sinew's search index is an inverted index (stemmed, with synonyms, split in shards) built at build time;
  Hugo's is the documents' plain text in one JSON file, for the browser to index.
- sinew checks every link and anchor of every page and fails on a broken one; Hugo checks nothing.
- sinew's JSON-LD is fuller (activity duration, conditions' treatments, a muscle's related conditions);
  Hugo's has the page, its breadcrumb, the main entity's type and simple fields, the website and the practice.
- sinew's table of contents lists the entry's own sections (dosage, steps, ...) too; Hugo's lists the body's
  headings only. Hugo's feed is RSS 2.0 of the 20 newest stretches (regular pages: terms are not in it),
  sinew's Atom of the 20 newest entries of every collection.
- sinew copies its JavaScript (search, list filter, video) and handout stylesheet, and writes the stemmer
  files; the Hugo site has no JavaScript. sinew renders nothing from a cache; Hugo keeps the fingerprinted
  stylesheet in DIR2/resources/_gen after the first build (a few kB).
- Multilingual corpora (gen_corpus --languages) are refused.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = 1  # bump when the converted site changes, so old conversions are made again
STAMP = "# generated by bench/hugo.py"
ENTRY_PAGES = "stretches"  # the collection of regular pages
TERM_PAGES = ("causes", "muscles")  # the collections that are taxonomies (their entries are term pages)
AZ_ON_SEARCH_PAGE = 1000  # as sinew (src/render/pages.rs): above this many entries, the A to Z list has a page

# ---------------------------------------------------------------------------------------------
# Reading the corpus: the YAML that gen_corpus.py writes (block mappings, `- item` lists, [a, b] flow
# lists, JSON-quoted or plain scalars, `>-` folded text). Not a YAML parser.


def _split_flow(s):
    out, cur, quote = [], "", None
    for ch in s:
        if quote:
            cur += ch
            if ch == quote and not cur.endswith("\\" + quote):
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == ",":
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [x.strip() for x in out if x.strip()]


def _scalar(s):
    s = s.strip()
    if s.startswith('"'):
        return json.loads(s)
    if s.startswith("'"):
        return s[1:-1].replace("''", "'")
    if s.startswith("[") and s.endswith("]"):
        return [_scalar(x) for x in _split_flow(s[1:-1])]
    if re.fullmatch(r"-?[0-9]+", s):
        return int(s)
    return s


def parse_yaml(text):
    lines = []
    for raw in text.split("\n"):
        if raw.strip() and not raw.lstrip().startswith("#"):
            lines.append((len(raw) - len(raw.lstrip(" ")), raw.strip()))
    pos = 0

    def node(indent):
        nonlocal pos
        if lines[pos][1].startswith("-"):
            items = []
            while pos < len(lines) and lines[pos][0] == indent and lines[pos][1].startswith("-"):
                items.append(_scalar(lines[pos][1][1:]))
                pos += 1
            return items
        out = {}
        while pos < len(lines) and lines[pos][0] == indent:
            key, _, rest = lines[pos][1].partition(":")
            rest = rest.strip()
            pos += 1
            if rest in (">", ">-", "|", "|-"):
                parts = []
                while pos < len(lines) and lines[pos][0] > indent:
                    parts.append(lines[pos][1])
                    pos += 1
                out[key] = (" " if rest[0] == ">" else "\n").join(parts)
            elif rest:
                out[key] = _scalar(rest)
            elif pos < len(lines) and (lines[pos][0] > indent
                                       or (lines[pos][0] == indent and lines[pos][1].startswith("-"))):
                out[key] = node(lines[pos][0])
            else:
                out[key] = None
        return out

    return node(lines[0][0]) if lines else {}


def split_front_matter(text, path):
    if not text.startswith("---\n"):
        sys.exit(f"hugo.py: {path}: no front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        sys.exit(f"hugo.py: {path}: front matter not closed")
    return parse_yaml(text[4:end]), text[end + 5:].lstrip("\n")


def corpus_stamp(site):
    """What the conversion depends on: site.yaml's first line, and the number and total size of content files."""
    with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
        first = f.readline().strip()
    n = size = 0
    for folder, _, names in os.walk(os.path.join(site, "content")):
        for name in names:
            n += 1
            size += os.path.getsize(os.path.join(folder, name))
    theme = hashlib.sha256(json.dumps(LAYOUTS, sort_keys=True).encode()).hexdigest()[:8]
    return f"{STAMP} v{VERSION} (theme {theme}) from {os.path.abspath(site)}: {first} ({n} files, {size} bytes)"


# ---------------------------------------------------------------------------------------------
# Writing the Hugo site


def yaml_value(v):
    if isinstance(v, bool) or v is None:
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return v  # a date
    return json.dumps(str(v), ensure_ascii=False)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a TOML basic string


def link_text(s):
    return re.sub(r"([\[\]*_\\`])", r"\\\1", s)


_WIKI = re.compile(r"\[\[([^\]|]+?)(?:\|([^\]]*))?\]\]")
_AT = re.compile(r"\]\(@/([^)#\s]+?)\.md(#[^)\s]*)?\)")


def rewrite_links(body, ids, prefix, path):
    """sinew's links by id as plain Markdown links to the Hugo page addresses."""

    def wiki(m):
        ident = m.group(1).strip().rsplit("/", 1)[-1]
        if ident not in ids:
            sys.exit(f"hugo.py: {path}: link to unknown id {ident}")
        coll, title = ids[ident]
        return f"[{link_text(m.group(2) if m.group(2) is not None else title)}]({prefix}/{coll}/{ident}/)"

    def at(m):
        target = re.sub(r"(^|/)_index$", "", m.group(1))
        return f"]({prefix}/{target + '/' if target else ''}{m.group(2) or ''})"

    return _AT.sub(at, _WIKI.sub(wiki, body))


def front_matter(fields):
    return "---\n" + "".join(f"{k}: {yaml_value(v)}\n" for k, v in fields.items() if v is not None) + "---\n\n"


def entry_front_matter(fm):
    """Hugo front matter for one sinew entry's."""
    out = {"title": fm["title"], "description": fm.get("summary")}
    if fm.get("reviewed"):
        out["date"] = fm["reviewed"]
        out["lastmod"] = max(fm["reviewed"], fm.get("updated") or fm["reviewed"])
    for k, v in fm.items():
        if k in ("title", "summary", "updated"):
            continue
        out[{"aliases": "also_called", "kind": "exercise_kind"}.get(k, k)] = v
    return out


def convert(site, dest, stamp):
    cfg = parse_yaml(open(os.path.join(site, "site.yaml"), encoding="utf-8").read())
    if cfg.get("languages"):
        sys.exit("hugo.py: multilingual corpora (gen_corpus --languages) are not supported")
    colls = cfg.get("collections") or {}
    if set(colls) != {ENTRY_PAGES, *TERM_PAGES}:
        sys.exit(f"hugo.py: expected the collections of gen_corpus.py ({ENTRY_PAGES}, {', '.join(TERM_PAGES)}), "
                 f"got {', '.join(colls)}")
    base_url = cfg["base_url"].rstrip("/") + "/"
    prefix = urlparse(base_url).path.rstrip("/")

    # Every entry: id -> (collection, title), for links; the files, read once.
    ids, entries = {}, []
    for coll in colls:
        folder = os.path.join(site, "content", coll)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".md") or name == "_index.md":
                continue
            if name.count(".") > 1:
                sys.exit(f"hugo.py: {folder}/{name}: translations are not supported")
            path = os.path.join(folder, name)
            fm, body = split_front_matter(open(path, encoding="utf-8").read(), path)
            ids[name[:-3]] = (coll, fm["title"])
            entries.append((coll, name[:-3], fm, body, path))

    tmp = dest.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    content = os.path.join(tmp, "content")
    for coll in colls:
        os.makedirs(os.path.join(content, coll))

    def write(rel, text):
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    for coll, ident, fm, body, path in entries:
        rel = f"content/{coll}/{ident}.md" if coll == ENTRY_PAGES else f"content/{coll}/{ident}/_index.md"
        write(rel, front_matter(entry_front_matter(fm)) + rewrite_links(body, ids, prefix, path))

    home = os.path.join(site, "content", "_index.md")
    fm, body = split_front_matter(open(home, encoding="utf-8").read(), home)
    write("content/_index.md", front_matter({"title": fm.get("title", cfg["title"]), "description": fm.get("summary")})
          + rewrite_links(body, ids, prefix, home))
    for coll, c in colls.items():
        intro = os.path.join(site, "content", coll, "_index.md")
        text = ""
        if os.path.exists(intro):
            fm, text = split_front_matter(open(intro, encoding="utf-8").read(), intro)
            text = rewrite_links(text, ids, prefix, intro)
        write(f"content/{coll}/_index.md", front_matter({"title": c["title"]}) + text)
    write("content/search.md", '---\ntitle: "Search"\nlayout: search\n_build:\n  list: never\n---\n')
    if len(entries) > AZ_ON_SEARCH_PAGE:  # as sinew: the A to Z list on a page of its own
        write("content/search-a-z.md", '---\ntitle: "Every page, A to Z"\nlayout: az\nurl: /search/a-z/\n'
                                       '_build:\n  list: never\n---\n')

    # hugo.toml
    p = cfg.get("practitioner") or {}
    lines = [
        stamp,
        f"baseURL = {toml_value(base_url)}",
        f"title = {toml_value(cfg['title'])}",
        f"languageCode = {toml_value(cfg.get('language', 'en'))}",
        "buildFuture = true",
        "enableRobotsTXT = true",
        "disableKinds = []",
        "",
        "[taxonomies]",
        *(f"{colls[c]['singular']} = {toml_value(c)}" for c in TERM_PAGES),
        "",
        "[outputs]",
        'home = ["HTML", "RSS", "SearchIndex"]',
        'page = ["HTML"]',
        'section = ["HTML"]',
        'taxonomy = ["HTML"]',
        'term = ["HTML"]',
        "",
        "[outputFormats.SearchIndex]",
        'mediaType = "application/json"',
        'baseName = "search-index"',
        "isPlainText = true",
        "notAlternative = true",
        "",
        "[services.rss]",
        "limit = 20",
        "",
        "[markup.goldmark.renderer]",
        "unsafe = true",
        "[markup.tableOfContents]",
        "startLevel = 2",
        "endLevel = 3",
        "",
        "[params]",
        f"description = {toml_value(cfg.get('description', ''))}",
        f"disclaimer = {toml_value(cfg.get('disclaimer', ''))}",
        f"red_flags = {toml_value(cfg.get('red_flags') or [])}",
        f"review_interval_days = {int(cfg.get('review_interval_days') or 365)}",
        f"nav = {toml_value(['/' + c for c in colls])}",
        "[params.practitioner]",
        *(f"{k} = {toml_value(v)}" for k, v in p.items()),
    ]
    for coll, c in colls.items():
        lines += [f"[params.collections.{coll}]", f"title = {toml_value(c['title'])}",
                  f"singular = {toml_value(c.get('singular', coll))}",
                  f"schema = {toml_value(c.get('schema', 'article'))}"]
    write("hugo.toml", "\n".join(lines) + "\n")

    for rel, text in LAYOUTS.items():
        write("layouts/" + rel, text.lstrip("\n"))
    theme = os.path.join(HERE, "..", "themes", "default", "static")
    for name, rel, fallback in (("style.css", "assets/style.css", FALLBACK_CSS),
                                ("favicon.svg", "static/favicon.svg", FALLBACK_FAVICON)):
        src = os.path.join(theme, name)
        write(rel, open(src, encoding="utf-8").read() if os.path.exists(src) else fallback)

    shutil.rmtree(dest, ignore_errors=True)
    os.rename(tmp, dest)
    return len(entries)


FALLBACK_CSS = "body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; }\n"
FALLBACK_FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7"/></svg>\n'

# The theme. Entry pages are `page` (stretches) and `term` (muscles, causes) kinds: both go through
# partials/entry.html.
LAYOUTS = {
    "_default/baseof.html": r"""
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{- $desc := .Description | default site.Params.description }}
<meta name="description" content="{{ $desc }}">
{{ hugo.Generator }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $desc }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if or .IsPage (eq .Kind "term") }}article{{ else }}website{{ end }}">
<meta name="twitter:card" content="summary">
{{- with site.Home.OutputFormats.Get "rss" }}
<link rel="alternate" type="{{ .MediaType.Type }}" title="{{ site.Title }}: new and reviewed pages" href="{{ .RelPermalink }}">
{{- end }}
{{ partial "jsonld.html" . }}
<link rel="icon" href="{{ "favicon.svg" | relURL }}" type="image/svg+xml">
{{- $css := resources.Get "style.css" | minify | fingerprint }}
<link rel="stylesheet" href="{{ $css.RelPermalink }}" integrity="{{ $css.Data.Integrity }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-bar">
    <a class="brand" href="{{ site.Home.RelPermalink }}">
      <span class="brand-name">{{ site.Title }}</span>
      {{- with site.Params.practitioner }}
      <span class="brand-by">{{ .name }}{{ with .credentials }}, {{ . }}{{ end }}</span>
      {{- end }}
    </a>
    <form class="site-search" role="search" action="{{ "search/" | relURL }}" method="get">
      <label for="site-search-q">Search this site</label>
      <span class="search-row"><input type="search" id="site-search-q" name="q"><button type="submit">Search</button></span>
    </form>
  </div>
  <nav class="site-nav wrap" aria-label="Main">
    <ul>
    {{- $here := . }}
    {{- range site.Params.nav }}{{ with site.GetPage . }}
      <li><a href="{{ .RelPermalink }}"{{ if or (eq $here .) (eq $here.Section .Section) }} class="is-section"{{ end }}>{{ .Title }}</a></li>
    {{- end }}{{ end }}
    </ul>
  </nav>
</header>
{{- if not (or .IsHome (eq .Kind "404")) }}
<nav class="breadcrumbs wrap" aria-label="Breadcrumb">
  <ol>
    {{- range .Ancestors.Reverse }}
    <li><a href="{{ .RelPermalink }}">{{ if .IsHome }}Home{{ else }}{{ .Title }}{{ end }}</a></li>
    {{- end }}
    <li><span aria-current="page">{{ .Title }}</span></li>
  </ol>
</nav>
{{- end }}
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap footer-grid">
    {{- with site.Params.practitioner }}
    <section class="footer-contact" aria-labelledby="footer-contact-title">
      <h2 id="footer-contact-title">{{ .name }}</h2>
      {{ with .credentials }}<p class="credentials">{{ . }}</p>{{ end }}
      <address>{{ with .address }}<span>{{ . }}</span>{{ end }}{{ with .phone }}<span>Phone: <a href="tel:{{ replaceRE "[^+0-9]" "" . }}">{{ . }}</a></span>{{ end }}{{ with .email }}<span>Email: <a href="mailto:{{ . }}">{{ . }}</a></span>{{ end }}</address>
      {{ with .booking_url }}<p><a class="button" href="{{ . }}">Book a session</a></p>{{ end }}
    </section>
    {{- end }}
    {{ with site.Params.disclaimer }}<p class="disclaimer"><strong>Please note:</strong> {{ . }}</p>{{ end }}
  </div>
</footer>
</body>
</html>
""",
    "_default/single.html": r"""
{{ define "main" }}{{ partial "entry.html" . }}{{ end }}
""",
    "_default/term.html": r"""
{{ define "main" }}{{ partial "entry.html" . }}{{ end }}
""",
    "_default/list.html": r"""
{{ define "main" }}
<header class="listing-header">
  <h1>{{ .Title }}</h1>
  {{ with .Content }}<div class="prose">{{ . }}</div>{{ end }}
  <p class="count">{{ len .Pages }} {{ index site.Params.collections .Section "title" | lower }}</p>
</header>
<ul class="cards">
{{- range .Pages.ByTitle }}
{{ partial "card.html" (dict "page" . "heading" true) }}
{{- end }}
</ul>
{{ end }}
""",
    "index.html": r"""
{{ define "main" }}
<div class="home">
  <h1>{{ .Title }}</h1>
  {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
  <div class="prose">{{ .Content }}</div>
  {{- with site.Params.practitioner }}
  <section class="practice-box" aria-labelledby="practice-box-title">
    <h2 id="practice-box-title">Hands-on help</h2>
    <p>{{ .name }}{{ with .credentials }}, {{ . }}{{ end }}{{ with .address }} · {{ . }}{{ end }}</p>
    {{ with .booking_url }}<p><a class="button" href="{{ . }}">Book a session</a></p>{{ end }}
  </section>
  {{- end }}
  <section class="browse" aria-labelledby="browse-title">
    <h2 id="browse-title">Find your way in</h2>
    {{- range site.Params.nav }}{{ with site.GetPage . }}
    <h3 id="browse-{{ .Section }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <ul class="cards cards-compact">
      {{- range first 6 .Pages.ByTitle }}
      {{ partial "card.html" (dict "page" . "heading" false) }}
      {{- end }}
    </ul>
    {{- end }}{{ end }}
  </section>
</div>
{{ end }}
""",
    "index.searchindex.json": r"""
[{{ range $i, $p := where site.Pages "Kind" "in" (slice "page" "term") }}{{ if $i }},{{ end }}
{{ dict "title" .Title "url" .RelPermalink "section" .Section "summary" .Description "also_called" (.Params.also_called | default slice) "text" .Plain | jsonify }}
{{- end }}]
""",
    "_default/search.html": r"""
{{ define "main" }}
<h1>{{ .Title }}</h1>
<form class="search-page" role="search" action="{{ .RelPermalink }}" method="get">
  <label for="q">Search for</label>
  <input type="search" id="q" name="q">
  <button type="submit">Search</button>
</form>
<div id="search-results" data-index="{{ with site.Home.OutputFormats.Get "searchindex" }}{{ .RelPermalink }}{{ end }}"></div>
{{- with site.GetPage "/search-a-z" }}
<p>Every page of this site by title: <a href="{{ .RelPermalink }}">{{ .Title }}</a>.</p>
{{- else }}
{{ partial "az.html" (dict "heading" true) }}
{{- end }}
{{ end }}
""",
    "_default/az.html": r"""
{{ define "main" }}
<div class="search-page">
<h1>{{ .Title }}</h1>
<p>Every page of this site by title. You can also <a href="{{ "search/" | relURL }}">search</a>.</p>
{{ partial "az.html" (dict "heading" false) }}
</div>
{{ end }}
""",
    "partials/az.html": r"""
{{- /* Every entry by title, grouped by first letter: on the search page, or on its own page on a big site. */ -}}
{{- $pages := (where site.Pages "Kind" "in" (slice "page" "term")).ByTitle }}
{{- $letters := slice }}
{{- range $pages }}{{ $l := upper (substr .Title 0 1) }}{{ if not (in $letters $l) }}{{ $letters = $letters | append $l }}{{ end }}{{ end }}
<section class="search-az"{{ if .heading }} aria-labelledby="search-az-title"{{ else }} aria-label="Every page, A to Z"{{ end }} data-search-az>
  {{- if .heading }}
  <h2 id="search-az-title">Every page, A to Z</h2>
  {{- end }}
  <nav class="az-letters" aria-label="A to Z letters">
    <ul>
      {{- range $i, $l := $letters }}
      <li><a href="#az-{{ add $i 1 }}">{{ $l }}</a></li>
      {{- end }}
    </ul>
  </nav>
  {{- $cur := "" }}{{ $n := 0 }}
  {{- range $pages }}
    {{- $l := upper (substr .Title 0 1) }}
    {{- if ne $l $cur }}
      {{- if $cur }}
    </ul>
  </div>
      {{- end }}
      {{- $cur = $l }}{{ $n = add $n 1 }}
  <div class="az-group">
    {{ if $.heading }}<h3 id="az-{{ $n }}">{{ $l }}</h3>{{ else }}<h2 id="az-{{ $n }}">{{ $l }}</h2>{{ end }}
    <ul class="az-list">
    {{- end }}
      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="az-kind">{{ index site.Params.collections .Section "singular" }}</span></li>
  {{- end }}
  {{- if $cur }}
    </ul>
  </div>
  {{- end }}
</section>
""",
    "404.html": r"""
{{ define "main" }}
<h1>Page not found</h1>
<p>There is no page at this address. Try the <a href="{{ site.Home.RelPermalink }}">home page</a> or the
<a href="{{ "search/" | relURL }}">search</a>.</p>
{{ end }}
""",
    "partials/entry.html": r"""
{{- $sec := .Section }}
{{- $coll := index site.Params.collections $sec }}
{{- $p := .Params }}
<article class="entry schema-{{ $coll.schema }}">
  <header class="entry-header">
    <p class="eyebrow">{{ $coll.singular | humanize }}</p>
    <h1>{{ .Title }}</h1>
    {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
    {{ with $p.also_called }}<p class="aliases"><span class="aliases-label">Also called:</span> {{ delimit . ", " }}</p>{{ end }}
    {{ partial "badges.html" . }}
  </header>
  <div class="entry-layout has-toc">
    <nav class="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">On this page</h2>
      {{ .TableOfContents }}
    </nav>
    <div class="entry-main">
    {{- if eq $coll.schema "exercise" }}
      <section class="dosage">
        <h2 id="dosage">How much</h2>
        <dl>
          {{ with $p.hold_seconds }}<div><dt>Hold</dt><dd>{{ . }} <span class="unit">seconds</span></dd></div>{{ end }}
          {{ with $p.reps }}<div><dt>Repeat</dt><dd>{{ . }} <span class="unit">{{ cond (eq . 1) "time" "times" }}</span></dd></div>{{ end }}
          {{ with $p.sets }}<div><dt>Sets</dt><dd>{{ . }}</dd></div>{{ end }}
          {{ with $p.sides }}<div><dt>Sides</dt><dd>{{ if eq . "each" }}Each side <span class="unit">in turn</span>{{ else }}Both sides <span class="unit">at once</span>{{ end }}</dd></div>{{ end }}
          {{ with $p.frequency }}<div><dt>How often</dt><dd>{{ . | humanize }}</dd></div>{{ end }}
        </dl>
      </section>
      {{- with $p.cautions }}
      <section class="cautions">
        <h2 id="cautions"><span class="icon" aria-hidden="true">!</span> Take care</h2>
        <ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>
      </section>
      {{- end }}
      {{- with $p.steps }}
      <section class="steps">
        <h2 id="steps">How to do it</h2>
        <ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol>
      </section>
      {{- end }}
      {{- with $p.modifications }}
      <section class="modifications">
        <h2 id="modifications">Easier or harder</h2>
        <ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>
      </section>
      {{- end }}
    {{- end }}
    {{- with $p.symptoms }}
      <section class="symptoms">
        <h2 id="symptoms">Signs and symptoms</h2>
        <ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>
      </section>
    {{- end }}
    {{- if eq $coll.schema "anatomy" }}
      <section class="anatomy-facts">
        <dl>
          {{ with $p.location }}<div><dt>Where it is</dt><dd>{{ . | humanize }}</dd></div>{{ end }}
          {{ with $p.actions }}<div><dt>What it does</dt><dd><ul>{{ range . }}<li>{{ . | humanize }}</li>{{ end }}</ul></dd></div>{{ end }}
        </dl>
      </section>
    {{- end }}
      <div class="prose">
{{ .Content }}
      </div>
    {{- if ne $coll.schema "anatomy" }}
      <aside class="red-flags" aria-labelledby="red-flags-title">
        <h2 id="red-flags-title">When to see a doctor</h2>
        <p>Stop, and get medical advice promptly, if you have any of these:</p>
        <ul>
          {{- range site.Params.red_flags }}<li>{{ . }}</li>{{ end }}
          {{- range $p.red_flags }}<li>{{ . }}</li>{{ end }}
        </ul>
      </aside>
    {{- end }}
    {{ partial "related.html" . }}
    {{- if not .Date.IsZero }}
      <p class="review">Last reviewed <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
        {{- with $p.reviewed_by }} by {{ . }}{{ end }}
        {{- $due := .Date.AddDate 0 0 (int site.Params.review_interval_days) }} · Next review due <time datetime="{{ $due.Format "2006-01-02" }}">{{ $due.Format "2 January 2006" }}</time></p>
    {{- end }}
    </div>
  </div>
</article>
""",
    "partials/related.html": r"""
{{- /* The entry's related pages, by collection: a stretch's terms; a term's stretches (Hugo's taxonomy) and a
     cause's muscles (parameter) or a muscle's causes (index of all causes, built once per build). */ -}}
{{- $groups := slice }}
{{- if .IsPage }}
  {{- range $name := slice "causes" "muscles" }}
    {{- with $.GetTerms $name }}{{ $groups = $groups | append (dict "coll" (index site.Params.collections $name "title") "pages" .ByTitle) }}{{ end }}
  {{- end }}
{{- else }}
  {{- with .Pages }}{{ $groups = $groups | append (dict "coll" (index site.Params.collections "stretches" "title") "pages" .ByTitle) }}{{ end }}
  {{- if eq .Section "causes" }}
    {{- $ms := slice }}
    {{- range .Params.muscles }}{{ with site.GetPage (printf "/muscles/%s" .) }}{{ $ms = $ms | append . }}{{ end }}{{ end }}
    {{- with $ms }}{{ $groups = $groups | append (dict "coll" (index site.Params.collections "muscles" "title") "pages" (sort . "Title")) }}{{ end }}
  {{- else }}
    {{- $byMuscle := partialCached "causes-by-muscle.html" . "all" }}
    {{- with index $byMuscle .Data.Term }}{{ $groups = $groups | append (dict "coll" (index site.Params.collections "causes" "title") "pages" (sort . "Title")) }}{{ end }}
  {{- end }}
{{- end }}
{{- with $groups }}
      <section class="related">
        <h2 id="related">Related pages</h2>
        {{- range . }}
        <h3>{{ .coll }}</h3>
        <ul class="cards cards-compact">
          {{- range .pages }}
          {{ partial "card.html" (dict "page" . "heading" false) }}
          {{- end }}
        </ul>
        {{- end }}
      </section>
{{- end }}
""",
    "partials/causes-by-muscle.html": r"""
{{- $s := newScratch }}
{{- range (site.GetPage "/causes").Pages }}
  {{- $c := . }}
  {{- range .Params.muscles }}{{ $s.Add . (slice $c) }}{{ end }}
{{- end }}
{{- return $s.Values }}
""",
    "partials/card.html": r"""
{{- with .page }}
<li class="card"{{ with .Params.difficulty }} data-kind="{{ $.page.Params.exercise_kind }}" data-difficulty="{{ . }}" data-position="{{ $.page.Params.position }}"{{ end }}>
  {{ if $.heading }}<h2 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ else }}<a class="card-title" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{ with .Description }}<p class="card-summary">{{ . }}</p>{{ end }}
  {{ partial "badges.html" . }}
</li>
{{- end }}
""",
    "partials/badges.html": r"""
{{- with .Params.difficulty }}
<ul class="badges">
  <li class="badge badge-{{ . }}" data-facet="difficulty"><span class="visually-hidden">Difficulty: </span>{{ . | humanize }}</li>
  {{- with $.Params.exercise_kind }}<li class="badge" data-facet="kind"><span class="visually-hidden">Type: </span>{{ . | humanize }}</li>{{ end }}
  {{- with $.Params.position }}<li class="badge" data-facet="position"><span class="visually-hidden">Position: </span>{{ replace . "-" " " | humanize }}</li>{{ end }}
  {{- with $.Params.equipment }}<li class="badge badge-plain"><span class="visually-hidden">Equipment: </span>{{ delimit . ", " | humanize }}</li>{{ end }}
</ul>
{{- end }}
""",
    "partials/jsonld.html": r"""
{{- $home := site.Home.Permalink }}
{{- $pr := site.Params.practitioner }}
{{- $practice := dict "@id" (print $home "#practice") "@type" "LocalBusiness" "name" site.Title "url" $home "description" site.Params.description "email" $pr.email "telephone" $pr.phone "address" (dict "@type" "PostalAddress" "streetAddress" $pr.address) "employee" (dict "@type" "Person" "name" $pr.name "honorificSuffix" $pr.credentials) }}
{{- $website := dict "@id" (print $home "#website") "@type" "WebSite" "name" site.Title "url" $home "inLanguage" site.LanguageCode "publisher" (dict "@id" (print $home "#practice")) }}
{{- $page := dict "@id" .Permalink "@type" "CollectionPage" "name" .Title "url" .Permalink "isPartOf" (dict "@id" (print $home "#website")) }}
{{- $coll := index site.Params.collections .Section }}
{{- if and $coll (or .IsPage (eq .Kind "term")) }}
  {{- $crumbs := slice }}
  {{- range $i, $a := .Ancestors.Reverse }}{{ $crumbs = $crumbs | append (dict "@type" "ListItem" "position" (add $i 1) "name" (cond $a.IsHome "Home" $a.Title) "item" $a.Permalink) }}{{ end }}
  {{- $crumbs = $crumbs | append (dict "@type" "ListItem" "position" (add (len $crumbs) 1) "name" .Title "item" .Permalink) }}
  {{- $schema := $coll.schema }}
  {{- $type := index (dict "exercise" "ExercisePlan" "condition" "MedicalCondition" "anatomy" "Muscle") $schema }}
  {{- $main := dict "@id" (print .Permalink "#about") "@type" $type "name" .Title "url" .Permalink "description" .Description }}
  {{- with .Params.also_called }}{{ $main = merge $main (dict "alternateName" .) }}{{ end }}
  {{- $anatomy := slice }}
  {{- if .IsPage }}{{ range .GetTerms "muscles" }}{{ $anatomy = $anatomy | append (dict "@type" "Muscle" "name" .Title "url" .Permalink) }}{{ end }}{{ end }}
  {{- with $anatomy }}{{ $main = merge $main (dict "associatedAnatomy" .) }}{{ end }}
  {{- if eq $schema "exercise" }}{{ $main = merge $main (dict "repetitions" .Params.reps "activityFrequency" .Params.frequency "intensity" .Params.difficulty) }}{{ end }}
  {{- if eq $schema "condition" }}{{ with .Params.symptoms }}{{ $main = merge $main (dict "signOrSymptom" .) }}{{ end }}{{ end }}
  {{- if eq $schema "anatomy" }}{{ $main = merge $main (dict "bodyLocation" .Params.location "muscleAction" .Params.actions) }}{{ end }}
  {{- $page = dict "@id" .Permalink "@type" "MedicalWebPage" "name" .Title "headline" .Title "url" .Permalink "description" .Description "inLanguage" site.LanguageCode "isPartOf" (dict "@id" (print $home "#website")) "publisher" (dict "@id" (print $home "#practice")) "medicalAudience" (dict "@type" "Patient") "breadcrumb" (dict "@type" "BreadcrumbList" "itemListElement" $crumbs) "mainEntity" $main }}
  {{- if not .Date.IsZero }}{{ $page = merge $page (dict "lastReviewed" (.Date.Format "2006-01-02") "dateModified" (.Lastmod.Format "2006-01-02")) }}{{ end }}
  {{- with .Params.reviewed_by }}{{ $page = merge $page (dict "reviewedBy" (dict "@type" "Person" "name" .)) }}{{ end }}
{{- end }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@graph" (slice $page $website $practice) | jsonify | safeJS }}</script>
""",
}


def ensure_hugo_site(site, dest, force):
    stamp = corpus_stamp(site)
    toml = os.path.join(dest, "hugo.toml")
    old = ""
    if os.path.exists(toml):
        with open(toml, encoding="utf-8") as f:
            old = f.readline().rstrip("\n")
    if old == stamp and not force:
        print(f"hugo.py: reusing the Hugo site {dest}", file=sys.stderr)
        return
    if os.path.exists(dest) and os.listdir(dest) and not old.startswith(STAMP):
        sys.exit(f"hugo.py: {dest} exists and was not made by hugo.py; remove it or choose another --hugo-site")
    t0 = time.monotonic()
    n = convert(site, dest, stamp)
    print(f"hugo.py: converted {n} entries into the Hugo site {dest} in {time.monotonic() - t0:.2f} s", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Timing


def run(cmd, out, keep):
    """One timed build into `out` (emptied first unless `keep`): (wall s, peak RSS MiB, CPU s, files, HTML
    files, stderr)."""
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=so, stderr=se)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        se.seek(0)
        err = se.read().decode("utf-8", "replace")
        so.seek(0)
        output = so.read().decode("utf-8", "replace")
    if code != 0:
        print(f"hugo.py: `{' '.join(cmd)}` failed (exit status {code}):\n{(err or output)[-4000:]}", file=sys.stderr)
        sys.exit(1)
    files = html = 0
    for _, _, names in os.walk(out):
        files += len(names)
        html += sum(1 for n in names if n.endswith(".html"))
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, files, html, err


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="a sinew corpus made by gen_corpus.py")
    parser.add_argument("--hugo-site", help="where the Hugo version goes (default: SITE-hugo)")
    parser.add_argument("--force", action="store_true", help="convert again even if the Hugo site is up to date")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sinew", default=os.path.join(HERE, "..", "target", "release", "sinew"))
    parser.add_argument("--hugo", default="/usr/bin/hugo")
    parser.add_argument("--out-root", default="/dev/shm/hugo-bench", help="OUT-ROOT/sinew and OUT-ROOT/hugo")
    parser.add_argument("--keep-output", action="store_true",
                        help="build into the previous run's output (a rebuild) instead of an emptied folder")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    site = os.path.abspath(args.site.rstrip("/"))
    if not os.path.exists(os.path.join(site, "site.yaml")):
        sys.exit(f"hugo.py: {site}/site.yaml not found (make a corpus with bench/gen_corpus.py)")
    hugo_site = os.path.abspath(args.hugo_site or site + "-hugo")
    for name, binary in (("--sinew", args.sinew), ("--hugo", args.hugo)):
        if not (os.access(binary, os.X_OK) or shutil.which(binary)):
            sys.exit(f"hugo.py: {name} {binary} cannot be run")
    ensure_hugo_site(site, hugo_site, args.force)

    out_root = os.path.abspath(args.out_root)
    outs = {"sinew": os.path.join(out_root, "sinew"), "hugo": os.path.join(out_root, "hugo")}
    cmds = {
        "sinew": [args.sinew, "build", "--root", site, "--out", outs["sinew"]],
        "hugo": [args.hugo, "--quiet", "--source", hugo_site, "--destination", outs["hugo"]],
    }
    os.makedirs(out_root, exist_ok=True)
    for out in outs.values():
        shutil.rmtree(out, ignore_errors=True)
    for tool, cmd in cmds.items():  # warm-up: page cache, allocator, Hugo's resources/_gen
        # without --quiet, which hides Hugo's warnings (such as a missing layout)
        err = run([c for c in cmd if c != "--quiet"], outs[tool], args.keep_output)[5]
        noise = [line for line in err.splitlines() if "WARN" in line or "ERROR" in line]
        if noise:
            print(f"hugo.py: {tool} warned:\n" + "\n".join(noise[:20]), file=sys.stderr)
    results = {tool: [] for tool in cmds}
    order = list(cmds)
    for i in range(args.runs):
        for tool in (order if i % 2 == 0 else order[::-1]):
            results[tool].append(run(cmds[tool], outs[tool], args.keep_output))
            r = results[tool][-1]
            print(f"hugo.py: round {i + 1}/{args.runs} {tool}: {r[0]:.2f} s, {r[2]:.2f} s CPU, {r[1]:.0f} MiB",
                  file=sys.stderr)
    if not args.keep_output:
        shutil.rmtree(out_root, ignore_errors=True)

    versions = {tool: subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
                for tool, cmd in (("sinew", [args.sinew, "--version"]), ("hugo", [args.hugo, "version"]))}
    m = re.match(r"hugo (v[0-9.]+)", versions["hugo"])
    versions["hugo"] = "hugo " + (m.group(1) if m else "?")
    medians = {}
    mode = "rebuild into the previous output" if args.keep_output else "into an emptied folder"
    print(f"{os.path.basename(site)} (sinew) and {os.path.basename(hugo_site)} (Hugo), {mode}, "
          f"median of {args.runs} runs after 1 warm-up, {os.cpu_count()} cores")
    print()
    print("| tool | median wall (s) | runs (s) | median CPU (s) | median peak RSS (MiB) | output files (HTML) |")
    print("|---|---:|---|---:|---:|---:|")
    for tool, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        medians[tool] = (wall, rss, cpu)
        shown = ", ".join(f"{r[0]:.2f}" for r in runs)
        print(f"| {versions[tool]} (`{cmds[tool][0]}`) | {wall:.3f} | {shown} | {cpu:.2f} | {rss:.0f} "
              f"| {runs[-1][3]} ({runs[-1][4]}) |")
    (sw, sr, sc), (hw, hr, hc) = medians["sinew"], medians["hugo"]
    print(f"\nhugo / sinew: wall {hw / sw:.2f}x, CPU {hc / sc:.2f}x, peak RSS {hr / sr:.2f}x")


if __name__ == "__main__":
    main()
