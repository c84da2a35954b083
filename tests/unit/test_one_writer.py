"""Every file the app writes for the user goes through ``organizer.store.files`` (issue 15 scope 1): a new
exporter that opened its output itself would skip the guard (the open database, devices, FIFOs, links).

The source is scanned for the calls that write or move files; the few that may do so elsewhere are
listed with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "organizer"

ALLOWED = {
    ("store/files.py", "*"): "the one writer",
    ("services/backup.py", "os.replace"): "restore renames the unreadable database aside, and back on failure",
    ("gui/editors/attachments.py", "open for writing"):
        "a copy for the viewer, created exclusively (xb) in a fresh private mkdtemp folder",
}

_MOVES = {("os", "replace"), ("os", "rename"), ("os", "renames"), ("os", "link"), ("shutil", "copy"),
          ("shutil", "copy2"), ("shutil", "copyfile"), ("shutil", "move"), ("tempfile", "mkstemp"),
          ("tempfile", "NamedTemporaryFile")}


def _writes(tree: ast.AST) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in _MOVES:
                found.append((f"{func.value.id}.{func.attr}", node.lineno))
            elif func.attr in ("write_bytes", "write_text"):
                found.append((func.attr, node.lineno))
            elif func.attr == "open" and _write_mode(node, 0):
                found.append(("Path.open for writing", node.lineno))
        elif isinstance(func, ast.Name) and func.id == "open" and _write_mode(node, 1):
            found.append(("open for writing", node.lineno))
    return found


def _write_mode(call: ast.Call, position: int) -> bool:
    mode: ast.expr | None = call.args[position] if len(call.args) > position else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and any(c in mode.value for c in "wax+")


def test_files_are_written_only_through_store_files() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if (rel, "*") in ALLOWED:
            continue
        for call, line in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, call) not in ALLOWED:
                offenders.append(f"organizer/{rel}:{line}: {call}")
    assert offenders == [], ("write files through organizer.store.files (write_file / atomic_output), "
                             "or add the call to ALLOWED with the reason:\n" + "\n".join(offenders))


def test_the_scan_sees_what_it_looks_for() -> None:
    sample = ast.parse("import os\nos.replace(a, b)\nopen(p, 'wb')\nPath(p).write_text('x')\nPath(p).open('w')\n"
                       "open(p)\nopen(p, 'rb')\n")
    assert [call for call, _ in _writes(sample)] == ["os.replace", "open for writing", "write_text",
                                                      "Path.open for writing"]
