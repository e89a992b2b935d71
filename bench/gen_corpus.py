#!/usr/bin/env python3
"""Generate a synthetic sinew site for benchmarks (format: docs/format.md).

    python3 bench/gen_corpus.py --entries 10000 --out /tmp/corpus-10k [--seed 1] [--force]

Writes OUT/site.yaml, OUT/content/_index.md and OUT/content/{stretches,causes,muscles}/<id>.md:
about 50% stretches (schema exercise; relations muscles, causes), 30% causes (schema condition;
relations muscles) and 20% muscles (schema anatomy). Every stretch names 2-4 muscles and 1-3 causes,
every cause 1-3 muscles, all existing ids. Bodies are 500-800 words with ## headings, paragraphs,
a bulleted list, a numbered list, a small table and 2-4 links ([[id]], [[id|text]],
[[muscles/id]], [text](@/muscles/<id>.md)). Words are drawn by Zipf rank from the sample site's content/
(its few thousand distinct words) mixed with a few hundred anatomy and exercise words, so a search
index sees realistic term counts.

Deterministic: the same --entries and --seed give byte-identical files, whatever --jobs is.
Ids are unique across all collections, so a bare [[id]] is never ambiguous.
The first line of site.yaml records the parameters (bench/build.sh uses it to reuse a corpus).
"""

from __future__ import annotations

import argparse
import array
import itertools
import json
import operator
import os
import random
import pathlib
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = 1  # bump when the output changes, so cached corpora are regenerated

# ---------------------------------------------------------------------------------------------
# Vocabulary

MUSCLES = """
piriformis; gluteus maximus; gluteus medius; gluteus minimus; tensor fasciae latae; iliopsoas;
psoas major; psoas minor; iliacus; quadratus lumborum; erector spinae; multifidus; rotatores;
latissimus dorsi; trapezius; rhomboid major; rhomboid minor; levator scapulae; serratus anterior;
serratus posterior inferior; pectoralis major; pectoralis minor; subclavius; sternocleidomastoid;
scalenes; splenius capitis; splenius cervicis; suboccipitals; semispinalis capitis; longus colli;
deltoid; supraspinatus; infraspinatus; teres minor; teres major; subscapularis; biceps brachii;
brachialis; brachioradialis; triceps brachii; anconeus; pronator teres; supinator;
flexor carpi radialis; flexor carpi ulnaris; extensor carpi radialis longus; extensor carpi ulnaris;
flexor digitorum superficialis; extensor digitorum; rectus abdominis; external oblique;
internal oblique; transversus abdominis; diaphragm; intercostals; pelvic floor; levator ani;
coccygeus; obturator internus; obturator externus; gemellus superior; gemellus inferior;
quadratus femoris; adductor magnus; adductor longus; adductor brevis; gracilis; pectineus;
sartorius; rectus femoris; vastus lateralis; vastus medialis; vastus intermedius; biceps femoris;
semitendinosus; semimembranosus; popliteus; gastrocnemius; soleus; plantaris; tibialis anterior;
tibialis posterior; peroneus longus; peroneus brevis; extensor hallucis longus;
flexor hallucis longus; flexor digitorum longus; abductor hallucis; plantar fascia; masseter;
temporalis; lateral pterygoid; medial pterygoid; digastric; platysma; occipitofrontalis;
coracobrachialis; palmaris longus; abductor pollicis longus; opponens pollicis; thoracolumbar fascia;
iliotibial band; hip rotators; hip flexors; hamstrings; quadriceps; calf complex; rotator cuff;
neck extensors; spinal stabilisers; deep neck flexors; lower trapezius; upper trapezius
"""

MUSCLE_QUALIFIERS = [
    "", "upper fibres", "lower fibres", "middle fibres", "deep layer", "superficial layer",
    "anterior part", "posterior part", "medial part", "lateral part", "long head", "short head",
    "tendon", "origin", "insertion", "left side", "right side", "belly", "attachment", "sheath",
    "trigger points", "fascia", "proximal end", "distal end",
]

LOCATIONS = [
    "deep in the buttock, behind the hip joint", "along the back of the thigh",
    "at the front of the hip, running down from the lower spine", "between the ribs and the pelvis",
    "across the top of the shoulder", "down the side of the neck", "under the shoulder blade",
    "along the inner thigh", "on the outside of the hip", "in the lower back, either side of the spine",
    "at the back of the lower leg", "on the front of the shin", "across the chest",
    "between the shoulder blades", "along the sole of the foot", "at the base of the skull",
    "around the front of the belly", "inside the pelvis", "on the outer edge of the calf",
    "over the side of the jaw",
]

ACTIONS = [
    "turns the thigh outward", "lifts the leg to the side", "extends the hip", "flexes the hip",
    "bends the knee", "straightens the knee", "points the foot", "lifts the front of the foot",
    "side-bends the trunk", "extends the spine", "rotates the trunk", "steadies the pelvis when you walk",
    "pulls the shoulder blade down and back", "lifts the shoulder blade", "rotates the arm inward",
    "rotates the arm outward", "raises the arm", "turns and tilts the head", "bends the elbow",
    "supports the arch of the foot", "helps you breathe in", "draws the belly in", "closes the jaw",
    "holds the head upright",
]

STRETCH_MODIFIERS = [
    "seated", "standing", "kneeling", "supine", "side-lying", "prone", "doorway", "wall", "chair",
    "towel", "strap", "foam roller", "ball", "cross-body", "figure-four", "pigeon", "lunge", "step",
    "half-kneeling", "four-point", "desk", "bed", "couch", "staggered", "single-leg", "assisted",
    "gentle", "dynamic", "banded", "isometric", "rocking", "reaching", "twisting", "sliding",
    "deep", "long-hold", "active", "contract-relax", "morning", "evening",
]

STRETCH_TARGETS = [
    "piriformis", "glute", "hip flexor", "hamstring", "calf", "quad", "adductor", "lower back",
    "upper back", "neck", "chest", "shoulder", "lat", "side body", "spine", "hip", "ankle", "foot",
    "shin", "wrist", "forearm", "jaw", "IT band", "outer hip", "inner thigh", "psoas", "QL",
    "trap", "rhomboid", "scalene", "rotator cuff", "pec minor", "soleus", "achilles", "sciatic nerve",
    "thoracic", "lumbar", "sacroiliac", "tailbone", "pelvic floor", "diaphragm", "biceps", "triceps",
    "plantar fascia", "TFL", "knee", "toe", "hip rotator", "back line", "front line",
]

KIND_NOUNS = {
    "stretch": ["stretch", "lengthener", "opener", "reach", "fold", "twist"],
    "strengthen": ["bridge", "hold", "raise", "squeeze", "press", "curl", "clam", "row", "plank"],
    "release": ["release", "roll", "glide", "massage", "pin and stretch", "rock"],
}

CAUSE_QUALIFIERS = [
    "", "chronic", "acute", "recurring", "postural", "desk-related", "sports-related", "overuse",
    "pregnancy-related", "age-related", "morning", "night-time", "driving-related", "post-surgical",
    "stress-related", "one-sided",
]

CAUSE_REGIONS = [
    "low back", "buttock", "hip", "groin", "hamstring", "knee", "calf", "heel", "arch", "neck",
    "shoulder", "upper back", "mid back", "jaw", "elbow", "wrist", "thigh", "shin", "ankle", "rib",
    "sacroiliac joint", "tailbone", "lumbar disc", "sciatic nerve", "piriformis", "IT band",
    "rotator cuff", "achilles", "plantar fascia", "hip flexor", "psoas", "QL", "pelvic", "thoracic",
    "cervical", "trapezius", "levator scapulae", "adductor", "glute medius", "sternocleidomastoid",
]

CAUSE_NOUNS = [
    "pain", "strain", "tightness", "stiffness", "syndrome", "tendinopathy", "irritation", "spasm",
    "dysfunction", "overload", "trigger points", "ache", "weakness", "imbalance", "impingement",
    "bursitis", "sprain", "cramp", "tension", "referral pattern",
]

ANATOMY_WORDS = """
muscle muscles tendon tendons ligament ligaments fascia joint joints hip hips pelvis pelvic spine
spinal lumbar thoracic cervical sacrum sacral sacroiliac coccyx tailbone vertebra vertebrae disc
discs nerve nerves sciatic femur femoral tibia tibial fibula patella knee knees ankle ankles heel
foot feet toes arch calf calves shin hamstring hamstrings quadriceps quads glute glutes buttock
buttocks groin thigh thighs adductor abductor rotator rotators flexor flexors extensor extensors
piriformis psoas iliacus iliopsoas gluteus medius minimus maximus shoulder shoulders scapula
blade clavicle collarbone rib ribs ribcage sternum chest pectoral neck jaw skull trapezius
rhomboid latissimus deltoid biceps triceps elbow forearm wrist hand fingers thumb abdomen
abdominal core oblique obliques diaphragm breathing breath posture postural alignment mobility
flexibility stability strength endurance range motion stretch stretching stretches strengthen
strengthening release tension tight tightness stiff stiffness sore soreness ache aching pain
painful tender tenderness inflammation swelling numbness tingling burning cramp cramping spasm
fatigue load loading overload overuse strain sprain injury injuries recovery rehabilitation
rehab therapy therapist massage practitioner client clients session sessions exercise exercises
repetition repetitions reps sets hold holding breathe exhale inhale gently slowly gradually
comfortable discomfort sensation stretchy mild moderate intense daily weekly routine habit
sitting standing walking running lifting bending twisting reaching kneeling lying seated supine
prone lateral medial anterior posterior superior inferior proximal distal deep superficial
origin insertion attachment contraction contract relax relaxing relaxed lengthen lengthening
shorten shortened activate activation engage engaged neutral brace bracing pelvis tilt tilting
rotation rotate flexion extension abduction adduction circumduction dorsiflexion plantarflexion
trigger referral referred radiating sciatica bursitis tendinopathy tendinitis fasciitis
impingement arthritis osteoarthritis degeneration hypermobility compensation imbalance weakness
foam roller strap towel wall chair mat ball step cushion pillow block
"""

HEADINGS = {
    "exercise": [
        "Why this helps", "What you should feel", "Before you start", "Common mistakes",
        "Making it part of your day", "How it fits with other exercises", "When to stop",
        "Breathing through it", "If it feels too easy", "Getting the position right",
        "What the research says", "Tips from the clinic", "Progress over the weeks",
    ],
    "condition": [
        "What it is", "Why it happens", "Who gets it", "How it feels", "What makes it worse",
        "What helps", "How long it lasts", "What a practitioner looks for", "Everyday changes",
        "When it is not this", "Looking after yourself", "Related problems",
    ],
    "anatomy": [
        "Where it is", "What it does", "Why it gets tight", "How it affects posture",
        "Finding it yourself", "Problems it can cause", "Looking after it", "How it works with its neighbours",
        "Nerves and blood supply", "Everyday movements that use it", "A closer look",
    ],
}

TABLE_HEADS = {
    "exercise": (["Week", "Hold", "Rounds"], ["Level", "Change", "Why"]),
    "condition": (["Sign", "Likely", "Less likely"], ["Activity", "Effect", "Try instead"]),
    "anatomy": (["Part", "Attaches to", "Notes"], ["Movement", "Role", "Felt where"]),
}

FREQUENCIES = ["daily", "twice a day", "3 times a week", "every other day", "morning and evening",
               "5 days a week", "after long sitting", "as needed"]
EQUIPMENT = ["chair", "wall", "strap", "mat", "foam-roller", "ball", "step"]
POSITIONS = ["standing", "seated", "lying-on-back", "lying-on-front", "side-lying", "kneeling",
             "hands-and-knees"]
POSITION_WORD = {"standing": "standing", "seated": "seated", "lying-on-back": "supine",
                 "lying-on-front": "prone", "side-lying": "side-lying", "kneeling": "kneeling",
                 "hands-and-knees": "four-point"}
REVIEWERS = ["Sam Rivera, LMT", "Dr. Alex Chen, PT", "Jo Okafor, RMT", "Priya Nair, DPT",
             "Morgan Lee, LMT"]

RED_FLAGS = [
    "Numbness in the groin or inner thighs, or new trouble controlling bladder or bowels",
    "Pain after a fall, car accident or other injury",
    "Fever, night sweats or weight loss you cannot explain",
    "Pain that wakes you at night and does not ease when you change position",
    "Weakness in a leg or foot that is getting worse",
]

SYNONYMS = [
    ["butt", "glutes", "buttocks", "bum"],
    ["sciatica", "sciatic nerve"],
    ["low back", "lower back", "lumbar"],
    ["hamstrings", "back of the thigh"],
    ["quads", "quadriceps", "front of the thigh"],
    ["calf", "calves", "gastrocnemius"],
    ["neck", "cervical"],
    ["QL", "quadratus lumborum"],
    ["TFL", "tensor fasciae latae"],
    ["stretch", "lengthen"],
]


def load_words(path: str) -> list[str]:
    """The vocabulary, most frequent first: every word of the sample site's own Markdown (our own writing,
    so the corpus carries no third-party text), ranked by how often it occurs there."""
    counts: dict[str, int] = {}
    for md in sorted(pathlib.Path(path).rglob("*.md")):
        for w in re.findall(r"[a-z]+(?:'[a-z]+)?", md.read_text(encoding="utf-8").lower()):
            if len(w) > 1 or w in ("a", "i"):
                counts[w] = counts.get(w, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def slug(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return re.sub(r"-+", "-", s)


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/-]*$")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def ys(s: str) -> str:
    """A YAML scalar for a text value: plain when unambiguous, else double-quoted (JSON)."""
    if _PLAIN.match(s) and s.lower() not in _YAML_WORDS and not s.endswith((" ", ":")):
        return s
    return json.dumps(s, ensure_ascii=False)


def ylist(items: list[str]) -> str:
    if not items:
        return " []"
    return "".join("\n  - " + ys(x) for x in items)


def yflow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


# ---------------------------------------------------------------------------------------------
# Site plan: ids, titles, relations (made in the parent process, passed to the writers)


def unique_names(rng: random.Random, n: int, combos, used_ids: set[str]) -> list[tuple[str, str]]:
    """n (id, title) pairs from a generator of candidate titles; ids unique across used_ids."""
    out = []
    seen_titles = set()
    for title in combos:
        if len(out) == n:
            break
        ident = slug(title)
        if not ident or ident in used_ids or title.lower() in seen_titles:
            continue
        used_ids.add(ident)
        seen_titles.add(title.lower())
        out.append((ident, title))
    k = 2
    base = list(out) or [("entry", "Entry")]
    while len(out) < n:  # ran out of combinations: numbered variants
        for bid, btitle in base:
            if len(out) == n:
                break
            ident = f"{bid}-{k}"
            if ident in used_ids:
                continue
            used_ids.add(ident)
            out.append((ident, f"{btitle} ({k})"))
        k += 1
    return out


def shuffled_product(rng: random.Random, *lists):
    combos = list(itertools.product(*lists))
    rng.shuffle(combos)
    return combos


def make_plan(n: int, seed: int) -> dict:
    rng = random.Random(f"sinew-corpus-plan:{seed}")
    n_str = round(n * 0.5)
    n_cau = round(n * 0.3)
    n_mus = n - n_str - n_cau
    used: set[str] = set()

    muscle_bases = [m.strip() for m in MUSCLES.replace("\n", " ").split(";") if m.strip()]

    def muscle_titles():
        for q, m in shuffled_product(rng, MUSCLE_QUALIFIERS, muscle_bases):
            t = m if not q else f"{m} ({q})"
            yield t[0].upper() + t[1:]

    # Plain base names first, so small corpora get the real muscles.
    def muscle_titles_plain_first():
        bases = muscle_bases[:]
        rng.shuffle(bases)
        for m in bases:
            yield m[0].upper() + m[1:]
        yield from muscle_titles()

    muscles = unique_names(rng, n_mus, muscle_titles_plain_first(), used)

    def cause_titles():
        for q, r, c in shuffled_product(rng, CAUSE_QUALIFIERS, CAUSE_REGIONS, CAUSE_NOUNS):
            t = " ".join(x for x in (q, r, c) if x)
            yield t[0].upper() + t[1:]

    causes = unique_names(rng, n_cau, cause_titles(), used)

    kinds = ["stretch", "strengthen", "release"]
    kind_of: dict[str, str] = {}

    def stretch_titles():
        for m, t, kind in shuffled_product(rng, STRETCH_MODIFIERS, STRETCH_TARGETS, kinds):
            noun = KIND_NOUNS[kind][(len(m) + len(t)) % len(KIND_NOUNS[kind])]
            s = f"{m} {t} {noun}"
            s = s[0].upper() + s[1:]
            kind_of.setdefault(s, kind)
            yield s

    stretches = unique_names(rng, n_str, stretch_titles(), used)

    mus_ids = [i for i, _ in muscles]
    cau_ids = [i for i, _ in causes]
    plan = {"stretches": [], "causes": [], "muscles": []}
    for ident, title in stretches:
        plan["stretches"].append({
            "id": ident, "title": title, "kind": kind_of.get(re.sub(r" \(\d+\)$", "", title), "stretch"),
            "muscles": rng.sample(mus_ids, min(len(mus_ids), rng.randint(2, 4))),
            "causes": rng.sample(cau_ids, min(len(cau_ids), rng.randint(1, 3))),
        })
    for ident, title in causes:
        plan["causes"].append({
            "id": ident, "title": title,
            "muscles": rng.sample(mus_ids, min(len(mus_ids), rng.randint(1, 3))),
        })
    for ident, title in muscles:
        plan["muscles"].append({"id": ident, "title": title})
    return plan


# ---------------------------------------------------------------------------------------------
# Text


class Text:
    """Sentence and paragraph maker over a Zipf-weighted vocabulary.

    Words are drawn in batches (one random.choices call per 512 words) for speed: about 75%
    general English by Zipf rank, 20% anatomy and exercise words, 5% the entry's own terms.
    """

    BATCH = 512

    def __init__(self, words: list[str]):
        anatomy = sorted(set(ANATOMY_WORDS.split()))
        random.Random(7).shuffle(anatomy)  # fixed order: which domain words are common
        self.vocab = words + anatomy
        g = [1.0 / r ** 1.07 for r in range(1, len(words) + 1)]  # s = 1.07, close to English
        a = [1.0 / r ** 0.6 for r in range(1, len(anatomy) + 1)]
        gs, as_ = sum(g), sum(a)
        weights = [x * 0.75 / gs for x in g] + [x * 0.20 / as_ for x in a]
        # A table with each word repeated in proportion to its weight: uniform picks from it are
        # Zipf picks, and much faster than bisecting cumulative weights.
        size = 1 << 16
        counts = [max(1, round(wt / 0.95 * size)) for wt in weights]
        counts[0] += size - sum(counts)  # exactly 2**16 entries: the most common word absorbs rounding
        table = []
        for word, c in zip(self.vocab, counts):
            table.extend([word] * c)
        self.table = table
        self.rng = None
        self.extra: list[str] = []
        self.pool: list[str] = []
        self.pos = 0

    def start(self, rng: random.Random, extra: list[str]) -> None:
        """Begin an entry: its random source and its own terms."""
        self.rng = rng
        self.extra = extra
        self.pool = []
        self.pos = 0

    def _refill(self) -> None:
        rng, n = self.rng, self.BATCH
        # n uniform 16-bit indices into the 2**16-entry table, from one randbytes call
        idx = array.array("H", rng.randbytes(2 * n))
        if sys.byteorder == "big":
            idx.byteswap()
        pool = list(operator.itemgetter(*idx)(self.table))
        if self.extra:
            ex, m = self.extra, len(self.extra)
            for i in rng.sample(range(n), n // 20):
                pool[i] = ex[i % m]
        self.pool = pool
        self.pos = 0

    def words(self, k: int) -> list[str]:
        if self.pos + k > len(self.pool):
            self._refill()
        w = self.pool[self.pos:self.pos + k]
        self.pos += k
        return w

    def sentence(self, lo=7, hi=20) -> str:
        r = self.rng.random
        w = self.words(lo + int(r() * (hi - lo + 1)))
        if len(w) > 9 and r() < 0.4:
            w[3 + int(r() * (len(w) - 6))] += ","
        s = " ".join(w)
        return s[0].upper() + s[1:] + ("?" if r() < 0.04 else ".")

    def phrase(self, lo=3, hi=9) -> str:
        s = " ".join(self.words(self.rng.randint(lo, hi)))
        return s[0].upper() + s[1:]

    def paragraph(self, n_sent=None) -> list[str]:
        return [self.sentence() for _ in range(n_sent or self.rng.randint(2, 5))]


def count_words(parts: list[str]) -> int:
    return sum(p.count(" ") + 1 for p in parts)


# ---------------------------------------------------------------------------------------------
# Entries


def link_md(rng: random.Random, target: tuple[str, str, str], style: int) -> str:
    coll, ident, title = target
    if style == 0:
        return f"[[{ident}]]"
    if style == 1:
        return f"[[{ident}|the {title.lower()}]]"
    if style == 2:
        return f"[[{coll}/{ident}]]"
    return f"[{title.lower()}](@/{coll}/{ident}.md)"


def body(rng: random.Random, text: Text, schema: str, extra: list[str], links: list[str]) -> str:
    target = rng.randint(500, 800)  # words, counting headings, lists, table cells and links
    heads = rng.sample(HEADINGS[schema], 5)
    out: list[str] = []
    n = 0
    pending_links = links[:]
    links_counted = False

    def heading(h):
        nonlocal n
        out.append(f"## {h}")
        n += h.count(" ") + 1

    def para(sents=None):
        nonlocal n
        if sents is None:
            sents = text.paragraph()
        if pending_links and rng.random() < 0.6:
            i = rng.randrange(len(sents))
            words = sents[i][:-1].split(" ")
            j = rng.randint(1, len(words))
            link = pending_links.pop()
            words.insert(j, link)
            sents[i] = " ".join(words) + sents[i][-1]
            if links_counted:
                n -= link.count(" ") + 1
        n += count_words(sents)
        out.append(" ".join(sents))

    para(text.paragraph(rng.randint(2, 3)))
    # 1: bullets
    heading(heads[0])
    para()
    items = [text.phrase() for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.5:
        items[0] = f"**{items[0]}**"
    out.append("\n".join(f"- {x}" for x in items))
    n += count_words(items)
    # 2: numbered list
    heading(heads[1])
    para()
    items = [text.sentence(5, 12) for _ in range(rng.randint(3, 6))]
    out.append("\n".join(f"{i}. {x}" for i, x in enumerate(items, 1)))
    n += count_words(items)
    # 3: table
    heading(heads[2])
    para(text.paragraph(rng.randint(1, 2)))
    head = TABLE_HEADS[schema][rng.randrange(2)]
    rows = []
    for r in range(rng.randint(3, 5)):
        cells = [str(r + 1) if head[0] in ("Week", "Level") else text.phrase(1, 3)]
        cells += [text.phrase(1, 4) for _ in head[1:]]
        rows.append("| " + " | ".join(cells) + " |")
        n += count_words(cells)
    out.append("\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + rows))
    # 4, 5: paragraphs, a sentence at a time, until the word target
    heading(heads[3])
    n += sum(link.count(" ") + 1 for link in pending_links)  # links still to place
    links_counted = True
    cur: list[str] = []
    per = rng.randint(2, 5)
    paras = 0
    while n < target - 10 or paras == 0:
        sent = text.sentence()
        cur.append(sent)
        n += sent.count(" ") + 1
        if len(cur) == per:
            n -= count_words(cur)  # para() counts them again
            para(cur)
            cur, per = [], rng.randint(2, 5)
            paras += 1
            if paras == 2 and n < target - 150:
                heading(heads[4])
    if cur:
        n -= count_words(cur)
        para(cur)
    if pending_links:  # any left over go in a closing line
        out.append("See also " + ", ".join(pending_links) + ".")
    return "\n\n".join(out) + "\n"


def pick_date(rng: random.Random) -> str:
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return f"2026-{m:02d}-{d:02d}"


def aliases_for(rng: random.Random, title: str) -> list[str]:
    words = re.sub(r"[()]", "", title.lower()).split()
    out = []
    if len(words) >= 2:
        out.append(" ".join(words[-2:]))
    if len(words) >= 3 and rng.random() < 0.6:
        out.append(" ".join(words[:2]))
    if rng.random() < 0.5:
        out.append(words[0] + " " + rng.choice(["pain", "exercise", "muscle", "ache", "release", "area"]))
    seen, res = set(), []
    for a in out:
        if a not in seen and a != title.lower():
            seen.add(a)
            res.append(a)
    return res[: rng.randint(1, 3)]


def render_entry(job) -> tuple[str, str]:
    """(relative path, file text) for one entry. Runs in worker processes."""
    coll, idx, entry, seed, targets_all, targets_muscles = job
    text = _TEXT
    rng = random.Random(f"sinew-corpus:{seed}:{coll}:{idx}")
    title = entry["title"]
    extra = [w for w in re.sub(r"[()]", "", title.lower()).split() if len(w) > 2]
    for m in entry.get("muscles", []):
        extra.extend(m.split("-"))
    text.start(rng, extra)

    # Links: 2-4, at least one [[id]] and one @/muscles/ link.
    k = rng.randint(2, 4)
    picks = []
    for _ in range(k):
        t = targets_all[rng.randrange(len(targets_all))]
        if t[1] == entry["id"]:
            t = targets_all[(targets_all.index(t) + 1) % len(targets_all)]
        picks.append(t)
    m = targets_muscles[rng.randrange(len(targets_muscles))]
    if m[1] == entry["id"]:
        m = targets_muscles[(targets_muscles.index(m) + 1) % len(targets_muscles)]
    picks[-1] = m
    styles = [0] + [rng.choice([0, 0, 1, 2]) for _ in range(k - 2)] + [3]
    links = [link_md(rng, t, s) for t, s in zip(picks, styles)]
    rng.shuffle(links)

    fm = [f"title: {ys(title)}"]
    summary = " ".join(text.paragraph(rng.randint(1, 2)))
    fm.append(f"summary: {ys(summary)}")
    fm.append("aliases:" + ylist(aliases_for(rng, title)))
    reviewed = pick_date(rng)
    fm.append(f"reviewed: {reviewed}")
    if rng.random() < 0.7:
        fm.append(f"reviewed_by: {ys(rng.choice(REVIEWERS))}")
    if rng.random() < 0.2:
        upd = pick_date(rng)
        fm.append(f"updated: {max(upd, reviewed)}")

    if coll == "stretches":
        schema = "exercise"
        kind = entry["kind"]
        position = rng.choice(POSITIONS)
        fm.append(f"kind: {kind}")
        fm.append(f"difficulty: {rng.choice(['beginner', 'beginner', 'intermediate', 'advanced'])}")
        fm.append(f"position: {position}")
        eq = rng.sample(EQUIPMENT, rng.choice([0, 0, 1, 1, 2]))
        fm.append("equipment:" + (" []" if not eq else ylist(eq)))
        if kind == "strengthen":
            fm.append(f"hold_seconds: {rng.choice([5, 10, 15])}")
            fm.append(f"reps: {rng.choice([8, 10, 12, 15])}")
        else:
            fm.append(f"hold_seconds: {rng.choice([20, 30, 45, 60, 90])}")
            fm.append(f"reps: {rng.choice([1, 2, 3, 5])}")
        fm.append(f"sets: {rng.choice([1, 2, 3])}")
        fm.append(f"sides: {rng.choice(['each', 'each', 'both'])}")
        fm.append(f"frequency: {ys(rng.choice(FREQUENCIES))}")
        steps = [text.sentence(6, 14) for _ in range(rng.randint(3, 6))]
        if rng.random() < 0.5:
            i = rng.randrange(len(steps))
            w = steps[i].split(" ")
            j = rng.randrange(len(w))
            w[j] = f"**{w[j].rstrip('.,?')}**" + ("" if w[j][-1].isalpha() else w[j][-1])
            steps[i] = " ".join(w)
        fm.append("steps:" + ylist(steps))
        fm.append("modifications:" + ylist([text.sentence(5, 12) for _ in range(rng.randint(1, 3))]))
        fm.append("cautions:" + ylist([text.sentence(5, 12) for _ in range(rng.randint(1, 3))]))
        fm.append(f"muscles: {yflow(entry['muscles'])}")
        fm.append(f"causes: {yflow(entry['causes'])}")
    elif coll == "causes":
        schema = "condition"
        fm.append("symptoms:" + ylist([text.phrase(3, 8) for _ in range(rng.randint(2, 5))]))
        fm.append(f"muscles: {yflow(entry['muscles'])}")
    else:
        schema = "anatomy"
        fm.append(f"location: {ys(rng.choice(LOCATIONS))}")
        fm.append("actions:" + ylist(rng.sample(ACTIONS, rng.randint(1, 3))))
    if coll != "muscles" and rng.random() < 0.05:
        fm.append("red_flags:" + ylist([text.sentence(6, 12)]))

    doc = "---\n" + "\n".join(fm) + "\n---\n\n" + body(rng, text, schema, extra, links)
    return f"content/{coll}/{entry['id']}.md", doc


_TEXT: Text | None = None


def _init_worker(words: list[str]) -> None:
    global _TEXT
    _TEXT = Text(words)


def _write_chunk(args) -> int:
    out, jobs = args
    n = 0
    for j in jobs:
        rel, doc = render_entry(j)
        data = doc.encode("utf-8")
        n += len(data)
        with open(os.path.join(out, rel), "wb") as f:
            f.write(data)
    return n


# ---------------------------------------------------------------------------------------------
# Site files


def site_yaml(n: int, seed: int, base_url: str) -> str:
    syn = "\n".join("  - [" + ", ".join(ys(w) for w in g) + "]" for g in SYNONYMS)
    flags = "\n".join("  - " + ys(f) for f in RED_FLAGS)
    return f"""# generated by bench/gen_corpus.py v{VERSION} --entries {n} --seed {seed} --base-url {base_url}
title: Loose Ends Massage (benchmark corpus)
base_url: {base_url}
language: en
description: Plain-language guides to low back and glute pain, generated for benchmarks.
theme: default
review_interval_days: 365
paper: a4
practitioner:
  name: Sam Rivera
  credentials: LMT, BSc Kinesiology
  email: sam@example.org
  phone: "+1 555 0100"
  address: 12 Elm Street, Springfield
  booking_url: https://example.org/book
disclaimer: >-
  This site is for education only and is not a diagnosis or a substitute for care from a
  qualified professional who has examined you.
red_flags:
{flags}
synonyms:
{syn}
collections:
  stretches:
    title: Stretches
    singular: stretch
    schema: exercise
    relations:
      muscles: muscles
      causes: causes
  causes:
    title: Causes
    singular: cause
    schema: condition
    relations:
      muscles: muscles
  muscles:
    title: Muscles
    singular: muscle
    schema: anatomy
"""


def home_md(plan: dict) -> str:
    s = plan["stretches"][:3]
    m = plan["muscles"][:2]
    lines = [
        "---",
        "title: Loose Ends Massage",
        "summary: Plain-language guides to low back and glute pain, with stretches you can do at home.",
        "---",
        "",
        "Welcome. These pages explain common aches in plain language and show gentle exercises you",
        "can do at home between sessions.",
        "",
        "## Where to start",
        "",
    ]
    lines += [f"- [[{e['id']}]]" for e in s]
    lines += ["", "## Know your muscles", ""]
    lines += [f"- [{e['title'].lower()}](@/muscles/{e['id']}.md)" for e in m]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic sinew site for benchmarks.")
    ap.add_argument("--entries", type=int, required=True, help="number of entries (>= 20)")
    ap.add_argument("--out", required=True, help="site folder to create")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base-url", default="https://example.org/")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (output is the same for any value)")
    ap.add_argument("--force", action="store_true", help="replace OUT if it exists")
    ap.add_argument("--words", default=os.path.join(HERE, "..", "content"), help="folder of Markdown to take words from")
    a = ap.parse_args(argv)
    if a.entries < 20:
        ap.error("--entries must be at least 20")
    t0 = time.perf_counter()

    if os.path.exists(a.out) and os.listdir(a.out):
        if not a.force:
            print(f"gen_corpus: {a.out} exists and is not empty (use --force)", file=sys.stderr)
            return 1
        for name in ("content", "public", "site.yaml"):
            p = os.path.join(a.out, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
            elif os.path.exists(p):
                os.remove(p)

    words = load_words(a.words)
    plan = make_plan(a.entries, a.seed)
    for coll in plan:
        os.makedirs(os.path.join(a.out, "content", coll), exist_ok=True)
    with open(os.path.join(a.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(site_yaml(a.entries, a.seed, a.base_url))
    with open(os.path.join(a.out, "content", "_index.md"), "w", encoding="utf-8") as f:
        f.write(home_md(plan))

    targets_all = [(c, e["id"], e["title"]) for c in plan for e in plan[c]]
    targets_all.sort(key=lambda t: t[1])
    targets_muscles = [t for t in targets_all if t[0] == "muscles"]
    jobs = [(c, i, e, a.seed, targets_all, targets_muscles)
            for c in plan for i, e in enumerate(plan[c])]

    # Workers render and write their own files; targets lists are big, so jobs go in chunks
    # (pickle sends a list shared by a chunk's jobs once).
    chunk = 250
    chunks = [(a.out, jobs[i:i + chunk]) for i in range(0, len(jobs), chunk)]
    if a.jobs <= 1 or len(jobs) < 2000:
        _init_worker(words)
        n_bytes = sum(_write_chunk(c) for c in chunks)
    else:
        with ProcessPoolExecutor(a.jobs, initializer=_init_worker, initargs=(words,)) as ex:
            n_bytes = sum(ex.map(_write_chunk, chunks))

    dt = time.perf_counter() - t0
    counts = ", ".join(f"{len(plan[c])} {c}" for c in plan)
    print(f"gen_corpus: {len(jobs)} entries ({counts}) in {a.out}: "
          f"{n_bytes / 1e6:.1f} MB of Markdown, {dt:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
