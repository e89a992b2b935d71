#!/usr/bin/env python3
"""The graph of sinew's top-level modules, read from the code: module A depends on B when a file of A names
`crate::B` (in a `use` or a path) or `super::B` from a top-level file. Fails on a cycle, and reports file sizes.

    python3 tools/module-graph.py            the edges, any cycle, the largest files and the median
    python3 tools/module-graph.py --max 450  also fail when a file in src/ is longer than 450 lines

Only production code counts: `#[cfg(test)] mod tests { ... }` blocks at the end of a file are left out, since a
test may reach across modules without making the program's modules depend on each other.
"""

import re
import statistics
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def module_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".rs") if len(rel.parts) > 1 else rel.stem


def production_text(text: str) -> str:
    """The file without its trailing `#[cfg(test)]` module."""
    marker = re.search(r"^#\[cfg\(test\)\]\s*\nmod tests", text, re.M)
    return text[: marker.start()] if marker else text


def edges() -> dict[str, set[str]]:
    modules = {module_of(p) for p in SRC.rglob("*.rs")} - {"main", "lib"}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in SRC.rglob("*.rs"):
        source = module_of(path)
        if source not in graph:
            continue
        text = production_text(path.read_text(encoding="utf-8"))
        text = re.sub(r"//[^\n]*", "", text)  # comments name modules without depending on them
        named = set(re.findall(r"\bcrate::(\w+)", text))
        # `use crate::{a, b::c}`: each top-level name in the braces.
        for group in re.findall(r"\bcrate::\{([^}]*)\}", text, re.S):
            named |= {part.strip().split("::")[0] for part in group.split(",") if part.strip()}
        graph[source] |= {n for n in named if n in modules and n != source}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def main() -> int:
    limit = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else None
    graph = edges()
    for module in sorted(graph):
        print(f"{module:10} -> {', '.join(sorted(graph[module])) or '(nothing of ours)'}")
    sizes = sorted(
        ((len(p.read_text(encoding="utf-8").splitlines()), str(p.relative_to(SRC.parent))) for p in SRC.rglob("*.rs")),
        reverse=True,
    )
    print(f"\n{len(sizes)} files in src/, median {statistics.median(n for n, _ in sizes):.0f} lines; largest:")
    for lines, name in sizes[:5]:
        print(f"  {lines:5} {name}")
    status = 0
    cycle = find_cycle(graph)
    if cycle:
        print(f"\nmodule cycle: {' -> '.join(cycle)}")
        status = 1
    else:
        print("\nno module cycle")
    if limit is not None:
        over = [(n, name) for n, name in sizes if n > limit]
        for lines, name in over:
            print(f"over {limit} lines: {name} ({lines})")
        status |= bool(over)
    return status


if __name__ == "__main__":
    sys.exit(main())
