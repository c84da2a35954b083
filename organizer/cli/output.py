"""The one writer of the command line: every command's output, plain or ``--json``, and every error line.

``Terminal`` wraps a text stream. ``cli.main`` hands every command its standard output wrapped in one
(and writes its error lines through one), so whatever a command prints, and whatever command is added
later, reaches the terminal with its control characters escaped (``cli.safety``): in plain output as
``\\x1b``/``\\u202e`` (the newline kept as layout), in ``--json`` output as ``\\uXXXX`` escapes, which read
back as the same JSON values. ``stderr()`` is the same for a command's own notes on standard error.

What the stream cannot know is which newline is layout: a user value put inside a line goes through
``cli.safety.inline`` first (``cli.text`` does so for every cell and field), so a name holding a newline
cannot start a line of its own.

JSON: the contract is the JSON values, not the whitespace. A single record is indented for people who
read it (``dump``); a list is one array with one compact object a line (``dump_array``), written as it is
produced so a long list never sits in memory whole, and encoded by the stdlib's C encoder (``json.dumps``
without ``indent``; with ``indent`` it falls back to the pure-Python encoder, several times slower).
Both escape as they write (``json_text``, with a shortcut for printable chunks), and hand the result to
the ``Terminal`` as checked text, so a long list is not scanned twice.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO, cast

from organizer.cli.safety import json_lines, json_stream_text, json_text, terminal_text

_encode = json.JSONEncoder(ensure_ascii=False).encode


class Terminal:
    """A text stream (``print(..., file=terminal)``) that escapes what a terminal would act on.

    ``json=True``: the stream carries JSON, so escapes are ``\\uXXXX`` (valid inside a JSON string, the
    only place such a character can be); otherwise they are ``\\x1b`` and ``\\u202e``."""

    def __init__(self, stream: TextIO, *, json: bool = False) -> None:
        self.stream = stream
        self.json = json
        self._escape = json_stream_text if json else terminal_text

    def write(self, text: str) -> int:
        return self.stream.write(self._escape(text))

    def write_checked(self, text: str) -> None:
        """Text escaped already by the JSON writers below."""
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno...: the wrapped stream's
        return getattr(self.stream, name)


def terminal(stream: TextIO, *, json: bool = False) -> TextIO:
    """``stream`` wrapped in a ``Terminal`` (once), typed as the text stream the commands take."""
    if isinstance(stream, Terminal) and stream.json == json:
        return cast(TextIO, stream)
    return cast(TextIO, Terminal(stream, json=json))


def stderr() -> TextIO:
    """Standard error as a ``Terminal``: for a command's progress notes and usage lines."""
    return terminal(sys.stderr)


def _checked_writer(out: TextIO) -> Any:
    return out.write_checked if isinstance(out, Terminal) else out.write


def dump(value: Any, out: TextIO) -> None:
    """One JSON value, indented, and a newline."""
    _checked_writer(out)(json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def dump_array(items: Iterable[Any], out: TextIO, chunk: int = 256) -> None:
    """One JSON array: ``[``, one compact item a line, ``]``. Items are encoded one by one and written
    ``chunk`` at a time (one write and one escape pass per chunk: memory stays bounded)."""
    write = _checked_writer(out)
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
