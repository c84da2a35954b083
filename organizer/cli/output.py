"""Writing ``--json`` output: one object, or one array streamed item by item.

The contract is the JSON values, not the whitespace. A single record is indented for people who read
it; a list is one array with one compact object a line, written as it is produced so a long list never
sits in memory whole, and encoded by the stdlib's C encoder (``json.dumps`` without ``indent``; with
``indent`` it falls back to the pure-Python encoder, several times slower).

C1 controls, bidi controls and lone surrogates inside strings are written as ``\\uXXXX`` escapes
(``cli.safety.json_text``): the same JSON values, but nothing a terminal would act on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from organizer.cli.safety import json_lines, json_text

_encode = json.JSONEncoder(ensure_ascii=False).encode


def dump(value: Any, out: TextIO) -> None:
    """One JSON value, indented, and a newline."""
    out.write(json_text(json.dumps(value, ensure_ascii=False, indent=2)))
    out.write("\n")


def dump_array(items: Iterable[Any], out: TextIO, chunk: int = 256) -> None:
    """One JSON array: ``[``, one compact item a line, ``]``. Items are encoded one by one and written
    ``chunk`` at a time (one write and one escape pass per chunk: memory stays bounded)."""
    write = out.write
    encode = _encode
    lines: list[str] = []
    first = True
    for item in items:
        lines.append(encode(item))
        if len(lines) >= chunk:
            write(("[\n" if first else ",\n") + json_lines(lines))
            first = False
            lines.clear()
    if lines:
        write(("[\n" if first else ",\n") + json_lines(lines))
        first = False
    write("[]\n" if first else "\n]\n")
