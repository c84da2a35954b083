"""Person rows are read by name: no module on a person's read path indexes or slices a row by position.

``store.people_read`` reads every row into a named tuple (``tests/unit/test_plain_reads.py`` and
``tests/bench/test_statement_counts.py`` hold its roads equal); this scan keeps positional access
(``r[:17]``, ``q[4]``, ``rows[-1][-1]``) from coming back to it or to its callers. Indexing a list of rows
and then naming a column (``rows[-1].sort_name``) is allowed: the column is named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "organizer"
READ_PATH = ["store/people_read.py", "services/people.py", "services/paging.py", "domain/listing.py",
             "services/audit.py", "services/institutions.py", "services/meetings.py"]

LISTS_AND_TEXTS = {"content", "found"}
"""Names that hold bytes (an image's magic number) or a list of records (``found[0]``), not a row."""


def positional(tree: ast.AST) -> list[str]:
    """Subscripts by a number or a slice of numbers, unless a column name is taken from the result."""
    named_after: set[int] = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Subscript) or id(node) in named_after:
            continue
        index = node.slice
        parts = [index.lower, index.upper, index.step] if isinstance(index, ast.Slice) else [index]
        numbers = [p for p in parts if p is not None]
        if numbers and all((isinstance(p, ast.Constant) and isinstance(p.value, int))
                           or (isinstance(p, ast.UnaryOp) and isinstance(p.operand, ast.Constant)) for p in numbers):
            if isinstance(node.value, ast.Name) and node.value.id in LISTS_AND_TEXTS:
                continue
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", READ_PATH)
def test_rows_are_read_by_name(path: str) -> None:
    assert positional(ast.parse((ROOT / path).read_text(encoding="utf-8"))) == []


def test_the_scan_finds_positional_reads() -> None:
    old = "a = r[:17]\nb = q[4]\nc = rows[-1][-1]\nd = held[1] if held else None\nok = rows[-1].sort_name\n"
    found = {f.split(": ", 1)[1] for f in positional(ast.parse(old))}
    assert found == {"r[:17]", "q[4]", "rows[-1][-1]", "rows[-1]", "held[1]"}
