"""An Organizer archive read from its file as a stream: one record in memory at a time.

``json.load`` of a 50,000-person archive holds every record as Python objects at once (hundreds of
MB). ``ArchiveFile`` instead walks the file with ijson (its C parser) once per section and hands out
the records of that section one by one, so the import's memory does not grow with the file; any JSON
layout works (sections in any order, any whitespace), the same files ``json.load`` reads.

Each section costs one pass over the file (the C tokenizer reads a 50 MB archive in well under a
second). A syntax error anywhere is found by the first pass, before anything is written; the import
is one transaction anyway, so nothing of a broken file is kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from organizer.domain.errors import ImportFormatError

FORMAT = "organizer-archive"
VERSION = 1
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024
SECTIONS = ("topics", "institutions", "people", "visits", "meetings", "followups", "agreements")
_BOM = b"\xef\xbb\xbf"
_MISSING = object()
_PYTHON_PARSER = ijson.get_backend("python")
MAX_DEPTH = 64
"""Deepest nesting an archive may have (its records nest about six levels). The parser keeps a path
string per level, so memory grows with the square of the depth: a few MB of brackets would take GBs."""
_CHUNK = 1 << 20
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_PAIR = re.compile(rb"\[\]|\{\}")
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
"""The C parser turns a lone surrogate escape into "?" (silently changing the text); a file with
surrogate escapes is read by the pure-Python parser, which keeps them for the record checks."""


class ArchiveFile:
    """A checked archive file: ``format`` and ``version`` are read when it is opened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            size = path.stat().st_size
        except OSError as err:
            raise ImportFormatError(f"cannot read {path}: {err.strerror}") from None
        if size > MAX_ARCHIVE_BYTES:
            raise ImportFormatError(f"{path} is too large ({size:,} bytes) for an Organizer archive")
        self.size = size
        self._backend: Any = ijson
        self._check_depth()  # before the parser sees anything (see MAX_DEPTH)
        if self._value("format") != FORMAT:
            raise ImportFormatError(f"{path} is not an Organizer archive (no \"format\": \"{FORMAT}\")")
        version = self._value("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ImportFormatError(f"{path} has no valid archive version")
        if version > VERSION:
            raise ImportFormatError(f"{path} is archive version {version}; this Organizer reads up to {VERSION}")

    def _check_depth(self) -> None:
        """Refuse a file nested deeper than ``MAX_DEPTH`` before the parser builds anything from it.

        One pass in chunks at C speed (``bytes.translate`` and ``re``): escapes and strings are cut
        out, the brackets left are reduced pair by pair; what stays open is the current nesting."""
        open_now = b""
        carry = b""
        in_string = False
        tail = b""
        with self._open() as fh:
            while chunk := fh.read(_CHUNK):
                if _SURROGATE_ESCAPE.search(tail + chunk):
                    self._backend = _PYTHON_PARSER
                tail = chunk[-8:]
                chunk = _ESCAPE.sub(b"", carry + chunk)
                carry = b""
                if chunk.endswith(b"\\"):  # an escape cut in two by the chunk boundary
                    carry, chunk = chunk[-1:], chunk[:-1]
                marks = chunk.translate(None, _NOT_STRUCTURE)
                if in_string:
                    end = marks.find(b'"')
                    if end < 0:
                        continue
                    marks, in_string = marks[end + 1:], False
                marks = _STRING.sub(b"", marks)
                quote = marks.find(b'"')
                if quote >= 0:
                    marks, in_string = marks[:quote], True
                open_now += marks
                for _ in range(MAX_DEPTH + 2):
                    reduced = _PAIR.sub(b"", open_now)
                    if reduced == open_now:
                        break
                    open_now = reduced
                else:
                    raise self._too_deep()
                if len(open_now) > MAX_DEPTH:
                    raise self._too_deep()

    def _open(self) -> IO[bytes]:
        try:
            fh = self.path.open("rb")
        except OSError as err:
            raise ImportFormatError(f"cannot read {self.path}: {err.strerror}") from None
        if fh.read(len(_BOM)) != _BOM:
            fh.seek(0, os.SEEK_SET)
        return fh

    def _error(self, err: Exception) -> ImportFormatError:
        text = str(err)
        first = text.strip().splitlines()[0].strip() if text.strip() else type(err).__name__
        if "UTF8" in text or "utf-8" in text.lower():
            return ImportFormatError(f"{self.path} is not UTF-8 text ({first})")
        return ImportFormatError(f"{self.path} is not valid JSON: {first}")

    def _too_deep(self) -> ImportFormatError:
        return ImportFormatError(f"{self.path} is nested too deeply to be an Organizer archive")

    def _value(self, prefix: str) -> Any:
        """The first value at ``prefix`` (built whole), or ``_MISSING``: for small top-level values."""
        return next(self._items(prefix), _MISSING)

    def _items(self, prefix: str) -> Iterator[Any]:
        """The values at ``prefix``, with the C parser; a whole number beyond 64 bits (which it cannot
        hold) switches this file to ijson's pure-Python parser, resuming after the items already given,
        so such a value reaches the record checks and gets their clear message."""
        given = 0
        while True:
            try:
                with self._open() as fh:
                    for i, item in enumerate(self._backend.items(fh, prefix, use_float=True)):
                        if i >= given:
                            given += 1
                            yield item
                return
            except (ijson.JSONError, UnicodeDecodeError) as err:
                if "integer overflow" in str(err) and self._backend is not _PYTHON_PARSER:
                    self._backend = _PYTHON_PARSER
                    continue
                raise self._error(err) from None
            except RecursionError:
                raise self._too_deep() from None

    def records(self, section: str) -> Iterator[Any]:
        """The items of one top-level list, in file order; a missing section has none."""
        count = 0
        for item in self._items(f"{section}.item"):
            count += 1
            yield item
        if count == 0 and self._value(section) not in (_MISSING, None, []):
            raise ImportFormatError(f"{self.path}: \"{section}\" must be a list")

    def count(self) -> int:
        """How many records the file holds (one more pass over the file; for progress reports)."""
        return sum(sum(1 for _ in self.records(s)) for s in SECTIONS)
