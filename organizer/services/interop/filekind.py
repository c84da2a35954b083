"""What kind of file ``organizer import`` (and File > Import) was given, told by its content, not its name.

``kind_of(path)`` reads the first 4 KB:

- a zip archive holding ``xl/workbook.xml`` -> ``xlsx`` (any other zip is left to the archive import);
- after a byte-order mark (UTF-8 or UTF-16, with or without a mark) and white space: ``BEGIN:VCARD`` ->
  ``vcard``, ``BEGIN:VCALENDAR`` -> ``ics``, ``{`` or ``[`` -> ``archive`` (an Organizer JSON archive);
- HTML, Markdown or prose (sentences, not rows of delimited fields) -> ``report`` (a news report to draft a
  visit from: ``services.drafting``);
- other text -> ``csv`` (``sheet_read`` sniffs the encoding and the delimiter);
- anything else (binary: more than 1% control characters; a folder, a FIFO, a file that cannot be read) -> ``unknown``.
"""

from __future__ import annotations

import csv
import io
import re
import stat
import zipfile
from pathlib import Path

from organizer.services.interop import vcard

KINDS = ("vcard", "ics", "xlsx", "csv", "archive", "report", "unknown")
HEAD = 4096


def _text_head(head: bytes) -> str | None:
    text: str | None = None
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(enc, errors="ignore")
            break
    else:
        if b"\x00" in head:
            odd, even = head[1::2].count(0), head[0::2].count(0)
            if max(odd, even) * 20 < len(head) // 2:  # UTF-16 text has a zero byte in every line's ASCII
                return None
            if odd and not even:
                text = head.decode("utf-16-le", errors="ignore")
            elif even and not odd:
                text = head.decode("utf-16-be", errors="ignore")
            else:
                return None
        else:
            text = head.decode("utf-8", errors="ignore") if _mostly_utf8(head) else head.decode("cp1251", "replace")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\r\n\f")
    if controls > 2 and controls * 100 > len(text):  # binary; a stray control character or two in a text file is not
        return None
    return text


def _mostly_utf8(head: bytes) -> bool:
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        return err.start >= len(head) - 4  # a character cut by the 4 KB boundary


def _is_report(text: str) -> bool:
    """HTML, Markdown with a heading, or prose: lines that are not rows of one field count, with sentences."""
    if re.match(r"\s*(?:<!doctype html|<html|<body|<article|<p>|<h[1-6])", text, re.I) or re.match(r"#{1,6} \S", text):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    complete = lines[:-1] if len(text) >= HEAD - 4 and len(lines) > 1 else lines  # the last may be cut
    for delimiter in (",", ";", "\t", "|"):
        counts = [len(row) for row in csv.reader(complete, delimiter=delimiter)]
        if len(counts) >= 2 and counts[0] > 1 and len(set(counts)) == 1:
            return False  # rows of delimited fields
        header = next(csv.reader(lines[:1], delimiter=delimiter), [])
        if len(header) >= 3 and max(len(field.split()) for field in header) <= 5:
            return False  # a header row of short column names
    words = len(text.split())
    sentence_ends = len(re.findall(r"[a-z\u0430-\u044f)\"'][.!?][\"']?(?:\s|$)", text))
    return words >= 12 and sentence_ends >= 1 and words / max(len(lines), 1) >= 6


def kind_of_content(head: bytes, whole: bytes | None = None) -> str:
    """The kind of a file whose first bytes are ``head`` (``whole``: its whole content, for a zip)."""
    if head[:4] == b"PK\x03\x04":
        if whole is not None:
            try:
                with zipfile.ZipFile(io.BytesIO(whole)) as z:
                    return "xlsx" if "xl/workbook.xml" in z.namelist() else "archive"
            except (zipfile.BadZipFile, ValueError, EOFError):
                return "xlsx" if b"xl/" in head else "unknown"
        return "xlsx" if b"xl/" in head or b"[Content_Types].xml" in head else "archive"
    if vcard.is_vcard(head[:512]):
        return "vcard"
    text = _text_head(head)
    if text is None:
        return "unknown"
    start = text.lstrip()
    if start[:15].upper() == "BEGIN:VCALENDAR":
        return "ics"
    if start[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    if start[:1] == "{" or re.match(r'\[\s*(?:[\[{"\d\]-]|true|false|null|$)', start):
        return "archive"  # (a report may start with "[bookmark: ...]" or "[Photo]")
    if start and _is_report(start):
        return "report"
    return "csv" if start else "unknown"


def kind_of(path: Path) -> str:
    """The kind of the file at ``path`` (see the module docstring)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device is never opened (it may never answer)
            return "unknown"
        with path.open("rb") as f:
            head = f.read(HEAD)
            if head[:4] == b"PK\x03\x04":
                try:
                    with zipfile.ZipFile(path) as z:
                        return "xlsx" if "xl/workbook.xml" in z.namelist() else "archive"
                except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                    return "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "archive"
            return kind_of_content(head)
    except OSError:
        return "unknown"
