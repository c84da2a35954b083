"""Imports flow one way (gui | cli -> services -> store | briefing -> domain); only the GUI imports Qt.

CI also runs import-linter with the contracts in pyproject.toml; this test states the same rules on
the source text, so a plain ``pytest`` run catches a wrong import too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "organizer"

# For each layer: the organizer subpackages it may import (besides itself).
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "briefing": {"domain", "assets"},
    "services": {"domain", "store", "briefing", "assets", "paths"},
    "cli": {"domain", "services", "store", "briefing", "paths", "assets"},
    "gui": {"domain", "services", "store", "briefing", "paths", "assets"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"organizer/{layer} has no modules"
    problems = []
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "PySide6" and layer != "gui":
                problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if top == "organizer":
                parts = name.split(".")
                target = parts[1] if len(parts) > 1 else ""
                if target not in ("", layer) and target not in ALLOWED[layer]:  # "": organizer itself
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []


def test_nothing_imports_the_gui_or_cli_but_the_entry_point() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("gui", "cli") or rel.name in ("app.py", "__main__.py"):
            continue
        offenders += [f"{rel} imports {n}" for n in _imports(path)
                      if n.startswith(("organizer.gui", "organizer.cli"))]
    assert offenders == []


FRONT_ENDS_MUST_NOT_IMPORT = ("organizer.store.models", "sqlalchemy")


@pytest.mark.parametrize("layer", ["gui", "cli"])
def test_front_ends_use_no_orm_or_sql(layer: str) -> None:
    """The GUI and the CLI hold no SQL: they pass a Database handle on to services, nothing more."""
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FRONT_ENDS_MUST_NOT_IMPORT):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
            if name == "organizer.store":
                offenders.append(f"{path.relative_to(PACKAGE)} imports organizer.store (use organizer.store.database)")
    assert offenders == []
