#!/usr/bin/env python3
"""Draw the stretch illustrations: static/images/stretches/<id>.svg.

Every picture is made from tools/figures/poses.json. A pose is a small 3D stick
figure (pelvis position, spine direction, the direction of each limb segment or
a point an arm or leg must reach), seen through a camera (side view by default).
The figure's proportions are fixed here, so every person has the same build and
limbs keep their length whatever the pose. See README.md in this folder.

    python3 tools/figures/draw.py            # write all pictures
    python3 tools/figures/draw.py --check    # also print floor contact per panel
    python3 tools/figures/draw.py ID [ID..]  # write only these (for quick iteration)

Standard library only; the output is deterministic (same bytes every run).
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "static", "images", "stretches")
POSES = os.environ.get("POSES", os.path.join(HERE, "poses.json"))

# The site's palette (themes/default/static/style.css).
INK = "#1d282d"
ACCENT = "#17655a"
SOFT = "#e4f0ec"
MUTED = "#4e5c63"
BORDER = "#d6dbd5"
FAR = "#97a4aa"  # far-side limbs: a light tint of the muted grey
PROP = "#b3cbc1"  # outline of chairs, walls, rollers: a darker soft accent
BG = "#ffffff"

# Body proportions in px (a standing person is about 300 px tall).
LEN = dict(spine=92, neck=14, head=19, sh=15, hip=9,
           thigh=78, shin=74, foot=22, heel=5,
           upper=56, fore=48, hand=15)
# Stroke widths in px; every body stroke gets a white halo HALO px wider.
WID = dict(t=28, l=16, a=12, p=11, n=9, k=12)
HALO = 6

PANEL = 400  # each panel is PANEL x PANEL
FLOOR = 344  # default screen y of the floor line inside a panel (a stretch may set "floor")
PIVOT = (200.0, 0.0, 0.0)  # cameras turn about this world point


# ---------------------------------------------------------------- vectors
def add(a, b):
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a, b):
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(a, k):
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def length(a):
    return math.sqrt(dot(a, a))


def unit(a):
    n = length(a)
    return (a[0] / n, a[1] / n, a[2] / n) if n else (0.0, 0.0, 0.0)


def lerp(a, b, t):
    return add(mul(a, 1 - t), mul(b, t))


def point(p):
    """[x, y] or [x, y, z]: x along the panel, y height above the floor, z towards the viewer."""
    return (float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 0.0)


def direction(d):
    """A direction: an angle in degrees in the picture plane (0 = right, 90 = up),
    [angle, out] = that angle tilted `out` degrees towards the viewer (negative: away),
    or an [x, y, z] vector."""
    if isinstance(d, (int, float)):
        a = math.radians(d)
        return (math.cos(a), math.sin(a), 0.0)
    if len(d) == 2:
        a, o = math.radians(d[0]), math.radians(d[1])
        return (math.cos(o) * math.cos(a), math.cos(o) * math.sin(a), math.sin(o))
    return unit(point(d))


def two_bone(root, target, a, b, pole):
    """Middle joint of a two-segment limb whose end reaches `target` (or as near as it can),
    bending towards `pole`."""
    d_vec = sub(target, root)
    d = length(d_vec)
    d = max(abs(a - b) + 1e-6, min(a + b - 1e-6, d))
    u = unit(d_vec)
    v = sub(pole, mul(u, dot(pole, u)))
    v = unit(v)
    x = (a * a - b * b + d * d) / (2 * d)
    h = math.sqrt(max(0.0, a * a - x * x))
    return add(root, add(mul(u, x), mul(v, h)))


# ---------------------------------------------------------------- pose -> joints
def resolve(p):
    """World positions of every joint of a pose."""
    j = {}
    pelvis = point(p["pelvis"])
    spine = direction(p.get("spine", 90))
    right = unit(point(p.get("right", [0, 0, 1])))
    sright = unit(point(p.get("shoulders_right", list(right))))
    shoulder = add(pelvis, mul(spine, LEN["spine"]))
    bend = point(p.get("bend", [0, 0]))
    ctrl = add(lerp(pelvis, shoulder, 0.5), mul(bend, 2))
    spine_pts = []
    for i in range(5):
        t = i / 4
        q = add(add(mul(pelvis, (1 - t) ** 2), mul(ctrl, 2 * t * (1 - t))), mul(shoulder, t * t))
        half = LEN["hip"] + (LEN["sh"] - LEN["hip"]) * t
        side = unit(lerp(right, sright, t))
        spine_pts.append((q, mul(side, half)))
    j["spine"] = spine_pts
    j["pelvis"], j["shoulder"] = pelvis, shoulder
    j["mid"] = spine_pts[2][0]
    j["low"] = spine_pts[1][0]
    neck = direction(p.get("neck", p.get("spine", 90)))
    j["head"] = add(shoulder, mul(neck, LEN["neck"] + LEN["head"]))
    roots = {
        "rl": add(pelvis, mul(right, LEN["hip"])),
        "ll": sub(pelvis, mul(right, LEN["hip"])),
        "ra": add(shoulder, mul(sright, LEN["sh"])),
        "la": sub(shoulder, mul(sright, LEN["sh"])),
    }
    pending = list(roots)
    while pending:  # a limb may reach for a point on another: resolve those first
        for name in pending:
            try:
                j[name] = limb(j, p[name], roots[name], name[1] == "l")
            except KeyError:
                continue
            pending.remove(name)
            break
        else:
            raise ValueError("limbs refer to each other in a circle: %s" % pending)
    if "shift" in p:  # move the whole figure (its props keep their places)
        d = point(p["shift"])
        j["spine"] = [(add(q, d), off) for q, off in j["spine"]]
        for k in ("pelvis", "shoulder", "mid", "low", "head"):
            j[k] = add(j[k], d)
        for name in roots:
            for k in ("root", "mid", "end", "tip", "heel"):
                j[name][k] = add(j[name][k], d)
    return j


def limb(j, spec, root, leg):
    """Joints of one arm or leg from its spec."""
    a, b = (LEN["thigh"], LEN["shin"]) if leg else (LEN["upper"], LEN["fore"])
    ends = spec.get("a", [])
    if "ik" in spec:
        end = add(named(j, spec["ik"]), point(spec.get("off", [0, 0, 0])))
        mid = two_bone(root, end, a, b, direction(spec.get("pole", 90)))
    else:
        mid = add(root, mul(direction(ends[0]), a))
        end = add(mid, mul(direction(ends[1]), b))
    tip_dir = spec.get("tip", ends[2] if len(ends) > 2 else None)
    tip_dir = direction(tip_dir) if tip_dir is not None else unit(sub(end, mid))
    tip_len = LEN["foot"] if leg else LEN["hand"]
    tip = add(end, mul(tip_dir, tip_len))
    heel = sub(end, mul(tip_dir, LEN["heel"])) if leg else end
    return dict(root=root, mid=mid, end=end, tip=tip, heel=heel, leg=leg)


def named(j, ref):
    """A point by name: pelvis, shoulder, head, mid, low, rl.knee, ra.hand ... or [x, y, z]
    or [ref, ref, t] (a point part-way between two)."""
    if isinstance(ref, str):
        if "." in ref:
            limb, part = ref.split(".")
            part = {"knee": "mid", "elbow": "mid", "ankle": "end", "wrist": "end",
                    "toe": "tip", "hand": "tip", "hip": "root", "shoulder": "root"}.get(part, part)
            if part == "ball":
                return lerp(j[limb]["end"], j[limb]["tip"], 0.7)
            return j[limb][part]
        return j[ref]
    if len(ref) == 1:
        return named(j, ref[0])
    if len(ref) == 3 and isinstance(ref[0], str):
        return lerp(named(j, ref[0]), named(j, ref[1]), ref[2])
    return point(ref)


# ---------------------------------------------------------------- camera
class Camera:
    """Orthographic camera: `view` = [yaw, pitch] in degrees. Yaw turns the camera about the
    vertical axis (positive: towards the figure's +x end), pitch raises it to look down."""

    def __init__(self, view, floor=FLOOR):
        yaw, pitch = (view or [0, 0])
        self.floor = floor
        self.cy, self.sy = math.cos(math.radians(yaw)), math.sin(math.radians(yaw))
        self.cp, self.sp = math.cos(math.radians(pitch)), math.sin(math.radians(pitch))

    def __call__(self, p):
        """World point -> (screen x, screen y, depth); larger depth is nearer the viewer."""
        x, y, z = p[0] - PIVOT[0], p[1], p[2]
        x1 = x * self.cy - z * self.sy
        z1 = x * self.sy + z * self.cy
        up = y * self.cp - z1 * self.sp
        depth = z1 * self.cp + y * self.sp
        return (PIVOT[0] + x1, self.floor - up, depth)


# ---------------------------------------------------------------- svg output
def num(v):
    s = "%.1f" % v
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    return s


def pts(points, close=False):
    out = "M" + " L".join(num(x) + " " + num(y) for x, y in points)
    return out + ("Z" if close else "")


STYLE = (
    "<style>"
    ".b{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".h{stroke:%s}.i{stroke:%s}.f{stroke:%s}"
    ".t{stroke-width:%d}.l{stroke-width:%d}.a{stroke-width:%d}.p{stroke-width:%d}.n{stroke-width:%d}.k{stroke-width:%d}"
    ".ht{stroke-width:%d}.hl{stroke-width:%d}.ha{stroke-width:%d}.hp{stroke-width:%d}.hn{stroke-width:%d}"
    ".pr{fill:%s;stroke:%s;stroke-width:3;stroke-linejoin:round}"
    ".pl{fill:none;stroke:%s;stroke-width:7;stroke-linecap:round;stroke-linejoin:round}"
    ".fl{stroke:%s;stroke-width:4;stroke-linecap:round}"
    "</style>"
) % (BG, INK, FAR,
     WID["t"], WID["l"], WID["a"], WID["p"], WID["n"], WID["k"],
     WID["t"] + HALO, WID["l"] + HALO, WID["a"] + HALO, WID["p"] + HALO, WID["n"] + HALO,
     SOFT, PROP, PROP, BORDER)

DIGITS = {
    1: "M-4 -6.5L1 -10V10",
    2: "M-5.5 -5C-5.5 -8.5 -3 -10 0 -10S5.5 -8 5.5 -5C5.5 -1 1 2 -5.5 10H6",
}


def badge(n, x, y):
    return ('<circle cx="%s" cy="%s" r="16" fill="%s" stroke="%s" stroke-width="2.5"/>'
            '<path d="%s" transform="translate(%s %s)" fill="none" stroke="%s" stroke-width="3" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
            % (num(x), num(y), BG, ACCENT, DIGITS[n], num(x), num(y), ACCENT))


def limb_paths(cam, limb, colour):
    """Halo and stroke paths of one arm or leg."""
    chain = [cam(limb["root"])[:2], cam(limb["mid"])[:2], cam(limb["end"])[:2]]
    if limb["leg"]:
        tip = [cam(limb["heel"])[:2], cam(limb["tip"])[:2]]
        w, tw = "l", "p"
    else:
        tip = [cam(limb["end"])[:2], cam(limb["tip"])[:2]]
        w, tw = "a", "n"
    return ('<path class="h h%s" d="%s"/><path class="h h%s" d="%s"/>'
            '<path class="%s %s" d="%s"/><path class="%s %s" d="%s"/>'
            % (w, pts(chain), tw, pts(tip), colour, w, pts(chain), colour, tw, pts(tip)))


def draw_figure(cam, j, pose):
    items = []  # (depth, order, svg)
    # torso: a polygon round the spine, wide from the front, a thick line from the side
    left = [cam(sub(q, off))[:2] for q, off in j["spine"]]
    right = [cam(add(q, off))[:2] for q, off in j["spine"]]
    poly = left + right[::-1]
    d_torso = sum(cam(q)[2] for q, _ in j["spine"]) / 5
    items.append((d_torso, 0,
                  '<path class="h ht" d="%s"/><path class="i t" d="%s" fill="%s"/>'
                  % (pts(poly, True), pts(poly, True), INK)))
    hx, hy, hd = cam(j["head"])
    sx, sy, _ = cam(j["shoulder"])
    r = LEN["head"]
    items.append((hd, 1,
                  '<circle cx="%s" cy="%s" r="%s" fill="%s"/>'
                  '<path class="h hn" d="%s"/><path class="i k" d="%s"/>'
                  '<circle cx="%s" cy="%s" r="%s" fill="%s"/>'
                  % (num(hx), num(hy), num(r + HALO / 2), BG,
                     pts([(sx, sy), (hx, hy)]), pts([(sx, sy), (hx, hy)]),
                     num(hx), num(hy), r, INK)))
    depth = {}
    for name in ("rl", "ll", "ra", "la"):
        limb = j[name]
        ds = [cam(limb[k])[2] for k in ("root", "mid", "end", "tip")]
        depth[name] = sum(ds) / len(ds)
    colour = {}
    for a, b in (("rl", "ll"), ("ra", "la")):
        if abs(depth[a] - depth[b]) <= 6:
            colour[a] = colour[b] = "i"
        elif depth[a] > depth[b]:
            colour[a], colour[b] = "i", "f"
        else:
            colour[a], colour[b] = "f", "i"
    for name in pose.get("far", []):
        colour[name] = "f"
    for name in pose.get("near", []):
        colour[name] = "i"
    order = {"ll": 2, "la": 3, "rl": 4, "ra": 5}
    for name, bump in pose.get("depth", {}).items():
        depth[name] += bump
    for name in ("rl", "ll", "ra", "la"):
        items.append((depth[name], order[name], limb_paths(cam, j[name], colour[name])))
    items.sort(key=lambda it: (round(it[0], 3), it[1]))
    return "".join(svg for _, _, svg in items)


# ---------------------------------------------------------------- props
def prop_svg(cam, j, prop):
    kind = prop["type"]
    if kind in ("mat", "block"):  # a mat, cushion or folded blanket: a flat box
        x0, x1 = prop.get("x", [30, 370])
        y0, y1 = prop.get("y", [0, prop.get("t", 5)])
        z0, z1 = prop.get("z", [-40, 40] if kind == "mat" else [-25, 25])
        return box(cam, (x0, y0, z0), (x1, y1, z1))
    if kind == "chair":
        # seat from x0 (back legs and back rest) to x1 (front legs), seat height h,
        # back rest up to hb, legs at z0 and z1
        x0, x1 = prop["x"]
        h = prop.get("h", 80)
        hb = prop.get("hb", 160)
        z0, z1 = prop.get("z", [-30, 30])
        segs = []
        for z in (z0, z1):
            segs.append([(x0, 0, z), (x0, hb, z)])          # back leg and back post
            segs.append([(x1, 0, z), (x1, h, z)])            # front leg
        out = ""
        for s in segs[:2]:
            out += '<path class="pl" d="%s"/>' % pts([cam(p)[:2] for p in s])
        seat = [cam(p)[:2] for p in [(x0, h, z0), (x1, h, z0), (x1, h, z1), (x0, h, z1)]]
        out += '<path class="pr" d="%s" style="stroke-width:7"/>' % pts(seat, True)
        back = [cam(p)[:2] for p in [(x0, hb - 45, z0), (x0, hb, z0), (x0, hb, z1), (x0, hb - 45, z1)]]
        out += '<path class="pr" d="%s" style="stroke-width:7"/>' % pts(back, True)
        for s in segs[2:]:
            out += '<path class="pl" d="%s"/>' % pts([cam(p)[:2] for p in s])
        return out
    if kind == "wall":  # a wall across the floor at x (seen edge-on from the side)
        x0, x1 = prop.get("x", [0, 14])
        z0, z1 = prop.get("z", [-60, 60])
        return box(cam, (x0, 0, z0), (x1, prop.get("top", 330), z1))
    if kind == "backwall":  # a wall behind the figure, parallel to the picture
        x0, x1 = prop.get("x", [20, 380])
        top = prop.get("top", 150)
        zw = prop.get("z", -40)
        q = [cam(p)[:2] for p in [(x0, 0, zw), (x1, 0, zw), (x1, top, zw), (x0, top, zw)]]
        return ('<path d="%s" fill="%s"/><path class="fl" d="%s" stroke="%s"/>'
                % (pts(q, True), SOFT, pts(q[:2]), PROP))
    if kind == "roller":  # a foam roller lying across the mat (its axis along z)
        cx, cy = prop["at"][:2]
        r = prop.get("r", 18)
        half = prop.get("len", 40)
        a, b = cam((cx, cy, -half)), cam((cx, cy, half))
        d = pts([a[:2], b[:2]])
        if abs(a[0] - b[0]) + abs(a[1] - b[1]) < 0.5:
            return '<circle class="pr" cx="%s" cy="%s" r="%s" style="stroke-width:4"/>' % (num(b[0]), num(b[1]), r)
        return ('<path d="%s" stroke="%s" stroke-width="%s" stroke-linecap="round"/>'
                '<path d="%s" stroke="%s" stroke-width="%s" stroke-linecap="round"/>'
                % (d, PROP, num(2 * r + 4), d, SOFT, num(2 * r - 4)))
    if kind == "strap":
        out = ""
        to = cam(add(named(j, prop["to"]), point(prop.get("off", [0, 0, 0]))))[:2]
        for f in prop["from"]:
            out += '<path d="%s" fill="none" stroke="%s" stroke-width="5" stroke-linecap="round"/>' % (
                pts([cam(named(j, f))[:2], to]), ACCENT)
        return out
    raise ValueError("unknown prop " + kind)


def box(cam, lo, hi):
    """The faces of an axis-aligned box that face the camera, far ones first."""
    (x0, y0, z0), (x1, y1, z1) = lo, hi
    faces = [  # corners, outward normal
        ([(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)], (0, 1, 0)),
        ([(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)], (0, 0, 1)),
        ([(x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)], (0, 0, -1)),
        ([(x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)], (1, 0, 0)),
        ([(x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)], (-1, 0, 0)),
    ]
    out = []
    for corners, n in faces:
        c = corners[0]
        if cam(add(c, n))[2] - cam(c)[2] <= 1e-6:
            continue  # faces away
        q = [cam(p)[:2] for p in corners]
        area = abs(sum(q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1] for i in range(4))) / 2
        if area < 8:
            continue  # seen edge-on
        out.append('<path class="pr" d="%s"/>' % pts(q, True))
    return "".join(out)


def glow_svg(cam, j, g):
    x, y, _ = cam(named(j, g["at"]))
    dx, dy = g.get("off", [0, 0])
    rx, ry = g.get("r", [34, 24])
    rot = g.get("rot", 0)
    if "along" in g:
        a, b = cam(named(j, g["along"][0])), cam(named(j, g["along"][1]))
        rot += math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
    tr = ' transform="rotate(%s %s %s)"' % (num(rot), num(x + dx), num(y + dy)) if rot else ""
    return '<ellipse cx="%s" cy="%s" rx="%s" ry="%s" fill="url(#g)"%s/>' % (
        num(x + dx), num(y + dy), num(rx), num(ry), tr)


GLOW_DEF = ('<defs><radialGradient id="g"><stop offset="0" stop-color="%s" stop-opacity=".42"/>'
            '<stop offset=".6" stop-color="%s" stop-opacity=".22"/>'
            '<stop offset="1" stop-color="%s" stop-opacity="0"/></radialGradient></defs>'
            % (ACCENT, ACCENT, ACCENT))


# ---------------------------------------------------------------- panels
def merged(poses, spec):
    """A panel's pose: its `base` (a named pose, itself possibly based on another) with the
    panel's own keys on top."""
    if "base" not in spec:
        return dict(spec)
    out = merged(poses, poses["bases"][spec["base"]])
    for k, v in spec.items():
        if k != "base":
            out[k] = v
    return out


def panel_svg(poses, spec, number, ox, scale, floor_y, with_glow):
    pose = merged(poses, spec)
    cam = Camera(pose.get("view"), floor_y)
    j = resolve(pose)
    body = []
    back, front = [], []
    for prop in pose.get("props", []):
        (front if prop.get("front") else back).append(prop_svg(cam, j, prop))
    glow = ""
    if with_glow:
        glow = "".join(glow_svg(cam, j, g) for g in pose.get("glow", []))
    body.append("".join(back))
    body.append(glow)
    body.append('<g class="b">%s</g>' % draw_figure(cam, j, pose))
    body.append("".join(front))
    inner = "".join(body)
    if scale != 1:
        # scale about the middle of the floor line so the figure still stands on it
        inner = '<g transform="matrix(%s 0 0 %s %s %s)">%s</g>' % (
            num_s(scale), num_s(scale), num((1 - scale) * 200), num((1 - scale) * floor_y), inner)
    floor = ""
    if pose.get("floor", True):
        if "floor_at" in pose:
            fy = cam(point(pose["floor_at"]))[1]
        else:  # side views: the floor; other views: the nearest edge of the mat
            fy = floor_y
            for prop in pose.get("props", []):
                if prop["type"] == "mat" and (cam.sp > 1e-9 or abs(cam.sy) > 1e-9):
                    x0, x1 = prop.get("x", [30, 370])
                    z0, z1 = prop.get("z", [-40, 40])
                    fy = max(cam((x, 0, z))[1] for x in (x0, x1) for z in (z0, z1))
        fy = floor_y + (fy - floor_y) * scale
        floor = '<path class="fl" d="M14 %s H386"/>' % num(fy + 0.5)
    out = floor + inner + badge(number, 30, 30)
    if ox:
        out = '<g transform="translate(%s 0)">%s</g>' % (num(ox), out)
    return out, j, pose, cam


def num_s(v):
    return ("%.3f" % v).rstrip("0").rstrip(".")


def arrow(y):
    """The light arrow between the two panels."""
    return ('<path d="M385 %sH414M404 %sL415 %sL404 %s" fill="none" stroke="%s" stroke-width="4" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
            % (num(y), num(y - 10), num(y), num(y + 10), PROP))


def document(width, content):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
            '%s%s<rect width="%d" height="%d" fill="%s"/>%s</svg>\n'
            % (width, PANEL, width, PANEL, STYLE, GLOW_DEF, width, PANEL, BG, content))


def contact_report(name, idx, j, pose):
    """Lowest body point of a panel, and which parts touch the floor (for --check)."""
    parts = []
    for q, off in j["spine"]:
        parts.append(("torso", q[1] - WID["t"] / 2))
    parts.append(("head", j["head"][1] - LEN["head"]))
    for limb in ("rl", "ll", "ra", "la"):
        L = j[limb]
        w = (WID["l"] if L["leg"] else WID["a"]) / 2
        for k in ("mid", "end"):
            parts.append(("%s.%s" % (limb, k), L[k][1] - w))
        tw = (WID["p"] if L["leg"] else WID["n"]) / 2
        parts.append(("%s.tip" % limb, L["tip"][1] - tw))
        parts.append(("%s.heel" % limb, L["heel"][1] - tw))
    low = min(v for _, v in parts)
    touching = sorted(set(n for n, v in parts if v < low + 2))
    print("%-28s panel %d  lowest %6.1f  touching: %s" % (name, idx, low, ", ".join(touching)))


def main(argv):
    global OUT
    check = "--check" in argv
    args = list(argv)
    if "--out" in args:  # write somewhere else, e.g. to preview changes in /tmp
        i = args.index("--out")
        OUT = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    only = [a for a in args if not a.startswith("--")]
    with open(POSES, encoding="utf-8") as f:
        poses = json.load(f)
    os.makedirs(OUT, exist_ok=True)
    written = []
    for sid, entry in poses["stretches"].items():
        if only and sid not in only:
            continue
        scale = entry.get("scale", 1)
        floor_y = entry.get("floor", FLOOR)
        panels = entry["panels"]
        parts = []
        for i, spec in enumerate(panels):
            glow = i == 1 or spec.get("glow_always", False)
            svg, j, pose, cam = panel_svg(poses, spec, i + 1, i * PANEL, scale, floor_y, glow)
            parts.append(svg)
            if check:
                contact_report(sid, i + 1, j, pose)
        arrow_y = entry.get("arrow", floor_y - 100)
        written.append(write(sid, document(2 * PANEL, parts[0] + arrow(arrow_y) + parts[1])))
        for single in entry.get("singles", []):  # one panel on its own, e.g. cat-cow-1.svg
            svg = panel_svg(poses, panels[single - 1], single, 0, scale, floor_y, True)[0]
            written.append(write("%s-%d" % (sid, single), document(PANEL, svg)))
    if check:
        for path in written:
            size = os.path.getsize(path)
            print("%6d bytes  %s%s" % (size, os.path.basename(path), "  (over 6 KB)" if size > 6144 else ""))
    print("wrote %d files to %s" % (len(written), OUT))


def write(name, text):
    path = os.path.join(OUT, name + ".svg")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


if __name__ == "__main__":
    main(sys.argv[1:])
