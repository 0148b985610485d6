"""Print the import graph between the project's top-level packages, from the code's own imports, and its loops."""

import ast
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
packages = sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists() and p.name not in {"tests"})
edges = {}
for package in packages:
    for path in (root / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in packages and top != package:
                    edges.setdefault(package, {}).setdefault(top, set()).add(str(path.relative_to(root)))
for package in packages:
    print(f"{package} -> {', '.join(sorted(edges.get(package, {}))) or '-'}")
# loops: pairs and longer cycles via DFS over package graph
graph = {p: set(edges.get(p, {})) for p in packages}
cycles = set()


def dfs(start, node, path):
    for nxt in graph[node]:
        if nxt == start:
            cycles.add(tuple(path))
        elif nxt not in path and nxt > start:
            dfs(start, nxt, [*path, nxt])


for p in packages:
    dfs(p, p, [p])
print(f"{len(cycles)} loops")
for c in sorted(cycles, key=len):
    print("  " + " -> ".join((*c, c[0])))
