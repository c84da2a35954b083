"""An Organizer archive read from its file as a stream: one record in memory at a time.

``json.load`` of a 50,000-person archive holds every record as Python objects at once (hundreds of
MB). ``ArchiveFile`` instead reads the file in two steps, neither of which holds more than one chunk
of the file or one record:

1. **Scan** (when the file is opened), at C speed with ``bytes.translate`` and ``re`` on 1 MB chunks:
   escapes and strings are cut out and the brackets left are reduced pair by pair, which gives the
   nesting at every chunk's end (the ``MAX_DEPTH`` check, before any parser sees the file) and how
   many records each section holds (``count()``, for progress reports). The few stretches of the file
   where the nesting comes back to the top level (the header and the seams between sections) are
   read again byte by byte, in 16 KB pieces, to find where each top-level value starts and ends.
   The top level without its lists (``{"format": ..., "version": 1, "people": [], ...}``, a few
   hundred bytes) is then read with ``json.loads``: format, version, what each key holds, and
   whether any key appears twice.
   A file whose top level is not an object (a list, a string) is no archive: the whole scan stays at
   C speed, and the parser's pass then tells "not valid JSON" from "not an Organizer archive".
2. **Records**: ``records(section)`` runs ijson's C parser over that section's bytes only (a reader
   bounded to the section's extent), so reading every section costs one parse of the file in all,
   whatever order the sections are in. A file whose size or modification time changed since it was
   opened is not read at the old offsets: ``records`` refuses it.

Any JSON layout ``json.load`` accepts works: sections in any order, any whitespace, a byte-order mark,
escaped keys (``"peo\\u0070le"``). Bad files get one ``ImportFormatError``: not UTF-8, not valid JSON
(broken brackets, a cut-off end, anything after the top-level object: found by the scan when the file is
opened; a syntax error inside a section: found when that section is read, which an import does inside
its one transaction, so nothing of the file is kept), not an archive, a version too new, a section that
is not a list, nesting deeper than ``MAX_DEPTH``.

**A key that appears twice at the top level** (two ``"people"`` lists, say) is refused: ``json.load``
would keep the last list and drop the first without a word, and our exports never write a key twice,
so such a file was put together by hand and its author has to say which list is meant.

Measured on a 47 MB archive of 50,000 people (``bench/bench_archive_read.py``: CPU seconds in process,
best of 2, both versions in one run, load average 7-9 on 2 shared cores):

- before: opening (the scan, then one pass for "format" and one for "version") 0.36 s, then one ijson
  pass over the whole file per section, 2.53 s for all seven (just tokenising the file costs 0.34 s a
  pass), and ``count()`` another 2.58 s (seven more passes);
- tried: one ijson ``parse`` whose events were handed on section by section (one parser, file order,
  no help for other orders) 1.65 s, as every event costs a Python call; ``json.load`` of the whole file
  0.9-1.0 s (and all of it in memory at once);
- now: opening 0.17 s (the same scan, with empty string pairs dropped by ``bytes.replace`` before the
  regex that removes strings, which was two thirds of it), all seven sections 0.50 s, ``count()`` 0.00 s.
  Peak RSS of opening and reading every record: 18 MB (14 MB of it is Python and the imports).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import ijson

from organizer.domain.errors import ImportFormatError
from organizer.store.files import kind_of, shown

FORMAT = "organizer-archive"
VERSION = 2
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024
"""Largest archive file read (attachments travel in it, each at most ``ATTACHMENT_LIMIT``)."""
SECTIONS = ("topics", "institutions", "people", "visits", "meetings", "followups", "agreements", "programme",
            "attachments")
_BOM = b"\xef\xbb\xbf"
_PYTHON_PARSER = ijson.get_backend("python")
MAX_DEPTH = 64
"""Deepest nesting an archive may have (its records nest about six levels). The parser keeps a path
string per level, so memory grows with the square of the depth: a few MB of brackets would take GBs."""
MAX_HEADER_BYTES = 1 << 20
"""Most bytes an archive's top level may hold outside its lists and objects (keys, format, version,
``exported_by``: a few hundred bytes in ours). That part is read whole, so it is bounded."""
MAX_TOP_LEVEL_VALUES = 100
"""Most lists and objects the top level may hold (an archive has eight)."""
_CHUNK = 1 << 20
_LEAF = 1 << 14
"""A chunk that reaches the top level is looked at again in pieces of this size, and only the pieces
that reach it are read byte by byte (a Python loop, so it is kept to a few of them)."""
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_VALUE = re.compile(rb"\[v*\]")
"""A list or object with only finished values inside: becomes one finished value, ``v``."""
_RUNS = re.compile(rb"v+|[\[\]]")
_MARKS = bytes.maketrans(b"{}", b"[]")
_NOT_MARKS = bytes(b for b in range(256) if b not in b'"[]{}')
_IN_STRING = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*', re.DOTALL)
_STRUCTURE = re.compile(rb'[\\"\[\]{}]')
_QUOTE, _BACKSLASH, _LIST, _OBJECT = b'"'[0], b"\\"[0], b"["[0], b"{"[0]
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
"""The C parser turns a lone surrogate escape into "?" (silently changing the text); a file with
surrogate escapes is read by the pure-Python parser, which keeps them for the record checks."""
_NOWHERE = "\x00"
"""An ijson prefix no archive uses: parsing with it checks the syntax and builds nothing."""


@dataclass
class _Value:
    """A list or object at the top level: its bytes in the file and how many lists/objects it holds."""

    start: int
    opener: int
    end: int = -1
    items: int = 0


class _Pairs(list[tuple[str, Any]]):
    """A JSON object of the top level, kept as its pairs in file order (so a repeated key shows)."""


class _Scan:
    """The state of the scan between two pieces of the file (see the module docstring, step 1)."""

    def __init__(self, archive: ArchiveFile, offset: int) -> None:
        self.archive = archive
        self.offset = offset  # of the next byte in the file
        self.carry = False  # the last piece ended in a backslash: the next byte is escaped
        self.in_string = False
        self.depth = 0
        self.top: int | None = None  # the first byte of the top-level value: "{", "[" or a quote
        self.broken = False
        self.values: list[_Value] = []
        self.current: _Value | None = None
        self.header = 0  # top-level bytes outside ``values`` up to ``last_end``
        self.last_end = offset

    def feed(self, chunk: bytes) -> None:
        if self._rough(chunk):
            return
        if len(chunk) <= _LEAF:
            self._exact(chunk)
            return
        for i in range(0, len(chunk), _LEAF):
            leaf = chunk[i:i + _LEAF]
            if not self._rough(leaf):
                self._exact(leaf)

    def _rough(self, piece: bytes) -> bool:
        """Take a piece that stays inside one top-level value at C speed; False (and nothing changed)
        if it reaches the top level, which ``_exact`` then reads."""
        exact = self.top in (None, _OBJECT)  # an object's top level is read exactly; other files only checked
        if self.depth <= 1 and exact:
            return False
        text = _ESCAPE.sub(b"", b"\\" + piece if self.carry else piece)
        carry = text.endswith(b"\\")  # an escape cut in two by the end of the piece
        if carry:
            text = text[:-1]
        # Two quotes next to each other either hold an empty string or end one string and start the next
        # with no bracket between: dropping them first leaves the same brackets outside strings, and the
        # regex below far less to do.
        marks = text.translate(_MARKS, _NOT_MARKS).replace(b'""', b"")
        in_string = self.in_string
        if in_string:
            end = marks.find(b'"')
            if end < 0:
                self.carry = carry
                self.offset += len(piece)
                return True
            marks, in_string = marks[end + 1:], False
        marks = _STRING.sub(b"", marks)
        quote = marks.find(b'"')
        if quote >= 0:
            marks, in_string = marks[:quote], True
        for _ in range(MAX_DEPTH + 2):
            reduced = _VALUE.sub(b"v", marks)
            if reduced == marks:
                break
            marks = reduced
        else:
            raise self.archive._too_deep()
        depth, items = self.depth, 0
        for run in _RUNS.findall(marks):
            if run == b"]":
                depth -= 1
                if depth <= 1 and exact:
                    return False
            elif run == b"[":
                items += depth == 2
                depth += 1
                if depth > MAX_DEPTH:
                    raise self.archive._too_deep()
            elif depth == 2:
                items += len(run)
        self.depth, self.carry, self.in_string = depth, carry, in_string
        self.offset += len(piece)
        if self.current is not None:
            self.current.items += items
        return True

    def _exact(self, piece: bytes) -> None:
        """Read a piece byte by byte (jumping over strings), noting where top-level values start and end."""
        base, pos, n = self.offset, 0, len(piece)
        if self.carry and n:
            pos, self.carry = 1, False
        while pos < n:
            if self.in_string:
                pos = _IN_STRING.match(piece, pos).end()  # type: ignore[union-attr]  # matches "" at least
                if pos < n:
                    if piece[pos] == _QUOTE:
                        self.in_string = False
                        pos += 1
                    else:  # a backslash at the very end
                        self.carry, pos = True, n
                continue
            found = _STRUCTURE.search(piece, pos)
            if found is None:
                break
            pos = found.end()
            mark = piece[pos - 1]
            if mark == _BACKSLASH:  # not valid outside a string (the parser says so); skipped like the scan does
                if pos < n:
                    pos += 1
                else:
                    self.carry = True
            elif mark == _QUOTE:
                self.in_string = True
                if self.depth == 0 and self.top is None:  # a file of one string (or several): no archive
                    self.top = _QUOTE
            elif mark in (_LIST, _OBJECT):
                self._open(mark, base + pos - 1)
            else:
                self._close(mark, base + pos)
        self.offset = base + n
        if self.depth <= 1 and self.top == _OBJECT:
            self._check_header(self.offset)

    def _open(self, mark: int, at: int) -> None:
        if self.depth == 0:
            if self.top is None:
                self.top = mark
            else:  # a second value after the top-level one
                self.broken = True
        elif self.depth == 1 and self.top == _OBJECT and not self.broken:
            self._check_header(at)
            if len(self.values) >= MAX_TOP_LEVEL_VALUES:
                raise ImportFormatError(f"{self.archive.path} is not an Organizer archive "
                                        f"(more than {MAX_TOP_LEVEL_VALUES:,} lists and objects at its top level)")
            self.header += at - self.last_end
            self.current = _Value(at, mark)
            self.values.append(self.current)
        elif self.depth == 2 and self.current is not None:
            self.current.items += 1
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.archive._too_deep()

    def _close(self, mark: int, end: int) -> None:
        self.depth -= 1
        if self.depth < 0:
            self.broken, self.depth = True, 0
        elif self.depth == 1 and self.current is not None:
            if mark != self.current.opener + 2:  # "]" follows "[" in ASCII by two, "}" follows "{" by two
                self.broken = True
            self.current.end = self.last_end = end
            self.current = None
        elif self.depth == 0 and (self.top is None or mark != self.top + 2):
            self.broken = True

    def _check_header(self, upto: int) -> None:
        if self.header + upto - self.last_end > MAX_HEADER_BYTES:
            raise ImportFormatError(f"{self.archive.path} is not an Organizer archive (more than "
                                    f"{MAX_HEADER_BYTES:,} bytes at its top level outside the sections)")


def checked_size(path: Path) -> int:
    """The size of the archive file at ``path``; ``ImportFormatError`` if it cannot be read or is larger
    than ``MAX_ARCHIVE_BYTES`` (both ways of reading an archive check it here, before reading a byte)."""
    try:
        st = path.stat()
    except OSError as err:
        raise ImportFormatError(f"cannot read {shown(path)}: {err.strerror}") from None
    kind = kind_of(st.st_mode)
    if kind is not None:  # a FIFO would block the read, a device such as /dev/zero never end it
        raise ImportFormatError(f"{shown(path)} is {kind}, not an archive file")
    size = st.st_size
    if size > MAX_ARCHIVE_BYTES:
        raise ImportFormatError(f"{path} is too large ({size:,} bytes) for an Organizer archive")
    return size


class ArchiveFile:
    """A checked archive file: its top level is read and checked when it is opened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        size = self.size = checked_size(path)
        self._backend: Any = ijson
        self._start = 0  # after the byte-order mark, if any
        self._sections: dict[str, _Value] = {}
        self._stamp = (size, 0)  # size and modification time when scanned: the offsets hold while they do
        scan = self._scan()  # before the parser sees anything (see MAX_DEPTH)
        values = self._top_level(scan)
        if values.get("format") != FORMAT:
            raise ImportFormatError(f"{path} is not an Organizer archive (no \"format\": \"{FORMAT}\")")
        version = values.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ImportFormatError(f"{path} has no valid archive version")
        if version > VERSION:
            raise ImportFormatError(f"{path} is archive version {version}; this Organizer reads up to {VERSION}")
        for section in SECTIONS:
            value = values.get(section)
            if isinstance(value, _Value) and value.opener == _LIST:
                self._sections[section] = value
            elif value is not None:
                raise ImportFormatError(f"{path}: \"{section}\" must be a list")

    def _scan(self) -> _Scan:
        """Read the whole file once in chunks (see the module docstring, step 1)."""
        tail = b""
        with self._open() as fh:
            self._start = fh.tell()
            self._stamp = self._stamp_of(fh)
            self.size = self._stamp[0]
            scan = _Scan(self, self._start)
            while chunk := fh.read(_CHUNK):
                if _SURROGATE_ESCAPE.search(tail + chunk):
                    self._backend = _PYTHON_PARSER
                tail = chunk[-8:]
                scan.feed(chunk)
        return scan

    def _top_level(self, scan: _Scan) -> dict[str, Any]:
        """The top-level keys and their values; a list or object stands for itself as a ``_Value``."""
        if scan.broken or scan.carry or scan.in_string or scan.depth:
            raise self._invalid()
        if scan.top != _OBJECT:  # a list, a single value or nothing
            raise self._not_an_object()
        pieces = []
        with self._open() as fh:
            at = self._start
            for value in scan.values:
                fh.seek(at)
                pieces += [fh.read(value.start - at), b"[]" if value.opener == _LIST else b"{}"]
                at = value.end
            fh.seek(at)
            pieces.append(fh.read(self.size - at))
        try:
            top = json.loads(b"".join(pieces).decode("utf-8"), object_pairs_hook=_Pairs)
        except UnicodeDecodeError as err:
            raise ImportFormatError(f"{self.path} is not UTF-8 text (in its top-level keys: {err.reason})") from None
        except ValueError:  # JSONDecodeError: ijson's message names the place in the file
            raise self._invalid() from None
        if not isinstance(top, _Pairs):
            raise self._not_an_object()
        placeholders = iter(scan.values)
        values: dict[str, Any] = {}
        for key, value in top:
            if key in values:
                raise ImportFormatError(f"{self.path}: \"{key}\" appears twice at the top level; an archive "
                                        "holds each key once (which one is meant?)")
            values[key] = next(placeholders) if isinstance(value, list) else value
        for key, value in values.items():  # other lists and objects: only their syntax matters
            if isinstance(value, _Value) and (key not in SECTIONS or value.opener != _LIST):
                for _ in self._parse(value, _NOWHERE):
                    pass
        return values

    def _not_an_object(self) -> ImportFormatError:
        """A file whose top level is not an object: not valid JSON, or valid but no archive."""
        for _ in self._parse(_Value(self._start, 0, self.size), _NOWHERE):
            pass
        return ImportFormatError(f"{self.path} is not an Organizer archive (no \"format\": \"{FORMAT}\")")

    def _invalid(self) -> ImportFormatError:
        """The parser's message for a file the scan found broken (it stops at the first error)."""
        try:
            for _ in self._parse(_Value(self._start, 0, self.size), _NOWHERE):
                pass
        except ImportFormatError as err:
            return err
        return ImportFormatError(f"{self.path} is not valid JSON")

    def _open(self) -> IO[bytes]:
        try:
            fh = self.path.open("rb")
        except OSError as err:
            raise ImportFormatError(f"cannot read {self.path}: {err.strerror}") from None
        if fh.read(len(_BOM)) != _BOM:
            fh.seek(0, os.SEEK_SET)
        return fh

    @staticmethod
    def _stamp_of(fh: IO[bytes]) -> tuple[int, int]:
        st = os.fstat(fh.fileno())
        return st.st_size, st.st_mtime_ns

    @contextmanager
    def _reader(self, value: _Value) -> Iterator[_Bounded]:
        with self._open() as fh:
            if self._stamp_of(fh) != self._stamp:
                raise ImportFormatError(f"{self.path} was changed while it was being read; import it again")
            fh.seek(value.start)
            yield _Bounded(fh, value.end - value.start)

    def _error(self, err: Exception) -> ImportFormatError:
        text = str(err)
        first = text.strip().splitlines()[0].strip() if text.strip() else type(err).__name__
        if "UTF8" in text or "utf-8" in text.lower():
            return ImportFormatError(f"{self.path} is not UTF-8 text ({first})")
        return ImportFormatError(f"{self.path} is not valid JSON: {first}")

    def _too_deep(self) -> ImportFormatError:
        return ImportFormatError(f"{self.path} is nested too deeply to be an Organizer archive")

    def _parse(self, value: _Value, prefix: str) -> Iterator[Any]:
        """The items at ``prefix`` of one value's bytes, with the C parser; a whole number beyond 64 bits
        (which it cannot hold) switches this file to ijson's pure-Python parser, resuming after the items
        already given, so such a value reaches the record checks and gets their clear message."""
        given = 0
        while True:
            try:
                with self._reader(value) as fh:
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
        """The items of one top-level list, in file order; a missing (or null) section has none."""
        value = self._sections.get(section)
        if value is not None:
            yield from self._parse(value, "item")

    def count(self) -> int:
        """How many records the sections hold (counted by the scan: free; for progress reports). An item
        that is neither an object nor a list is not counted (the import refuses it anyway)."""
        return sum(value.items for value in self._sections.values())


class _Bounded:
    """A file read from where it stands for ``size`` bytes only: one top-level value for the parser."""

    def __init__(self, fh: IO[bytes], size: int) -> None:
        self._fh = fh
        self._left = size

    def read(self, n: int = -1) -> bytes:
        if n < 0 or n > self._left:
            n = self._left
        data = self._fh.read(n)
        self._left -= len(data)
        return data
