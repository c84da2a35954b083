"""The import graph of ``organizer/`` has no cycle: not at module level, not through imports inside functions.

A circle of imports makes the modules in it one piece (none can be read, tested or moved alone), and an
import moved into a function to make such a circle load is still the same circle: it only waits until
the function runs. So the graph below holds every ``import`` statement of every module, wherever it
stands (module level, inside functions and methods), relative imports resolved, with these edges:

- ``import a.b.c`` reaches ``a.b.c``; ``from a.b import c`` reaches the module ``a.b.c`` if there is one,
  else ``a.b`` (whose ``__init__`` defines the name ``c``); importing
  a module first runs its package's ``__init__``, so a module also reaches every package above it
  (``a.b`` and ``a``) that is not its own package or one above that;
- imports under ``if TYPE_CHECKING:`` are left out: they never run, they only name types.

The test fails naming every strongly connected component of more than one module (and any module that
imports itself), with the import lines that close it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "organizer"


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its ``__init__``)."""
    found: dict[str, Path] = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth (``if TYPE_CHECKING:`` bodies skipped)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _with_parents(target: str, importer: str, modules: dict[str, Path]) -> set[str]:
    """``target`` and the packages above it whose ``__init__`` the import runs (not the importer's own)."""
    own = importer.split(".")
    reached = {target}
    parts = target.split(".")
    for n in range(1, len(parts)):
        package = ".".join(parts[:n])
        if package in modules and parts[:n] != own[:n]:
            reached.add(package)
    return reached


def _targets(node: ast.Import | ast.ImportFrom, name: str, is_package: bool, modules: dict[str, Path]) -> set[str]:
    """The modules of the package this statement imports (resolved as Python would)."""
    if isinstance(node, ast.Import):
        wanted = [alias.name for alias in node.names]
    else:
        if node.level:
            here = name.split(".") if is_package else name.split(".")[:-1]
            base = ".".join(here[: len(here) - (node.level - 1)] + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        # ``from a.b import c``: the module a.b.c if there is one, else the name c of a.b's ``__init__``
        wanted = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    reached: set[str] = set()
    for full in wanted:
        parts = full.split(".")
        while parts and ".".join(parts) not in modules:
            parts.pop()
        if parts:
            reached |= _with_parents(".".join(parts), name, modules)
    reached.discard(name)
    return reached


def import_graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    """Edges between the package's modules, and where each edge is written (``path:line``)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    where: dict[tuple[str, str], list[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _imports(tree):
            for target in _targets(node, name, path.name == "__init__.py", modules):
                graph[name].add(target)
                where.setdefault((name, target), []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return graph, where


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative), each sorted; only cycles are returned."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        cycles.append(sorted(component))
    return cycles


def describe(cycle: list[str], graph: dict[str, set[str]], where: dict[tuple[str, str], list[str]]) -> str:
    members = set(cycle)
    lines = [f"cycle of {len(cycle)} module(s): {', '.join(cycle)}"]
    for source in cycle:
        for target in sorted(graph[source] & members):
            lines.append(f"    {source} -> {target}  ({', '.join(where[source, target])})")
    return "\n".join(lines)


def test_the_graph_sees_imports_inside_functions_and_relative_ones() -> None:
    """The graph builder itself: a lazy import inside a function and a relative import are edges, a
    ``TYPE_CHECKING`` one is not, and a two-module circle closed by a function-level import is found."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from organizer.store import models\n"
        "def f():\n    from organizer.domain import errors\n"
        "    from .people import x\n"
    )
    modules = _modules()
    found = set()
    for node in _imports(tree):
        found |= _targets(node, "organizer.services.browse", False, modules)
    assert "organizer.domain.errors" in found and "organizer.services.people" in found
    assert "organizer.store.models" not in found and "organizer.domain" in found
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"a"}, "b": set()}) == [["a"]]


def test_no_import_cycles_in_organizer() -> None:
    graph, where = import_graph()
    assert len(graph) > 100  # the whole package was read
    cycles = strongly_connected(graph)
    assert not cycles, "\n\n".join(describe(c, graph, where) for c in cycles)
