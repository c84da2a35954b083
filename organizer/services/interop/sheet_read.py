"""Reading a sheet of contacts: a CSV file in any encoding Excel writes, or an .xlsx workbook, as a
header and rows of text, each row with its number as a spreadsheet shows it (the header is row 1).

**Encodings** are told from the bytes, never asked: a UTF-8 byte-order mark (Excel's "CSV UTF-8"), a
UTF-16 one (Excel's and Outlook's "Unicode text", tab-separated), UTF-16 without a mark (NUL bytes at
every other position), plain UTF-8 (it decodes strictly), else a Windows code page: cp1251 when the
text has a run of three letters in its Cyrillic range (a Russian word: West European text has no such
runs of accented letters), else cp1252. A byte that does not decode in a file that says it is UTF-8 or
UTF-16 is an error naming its line.

**Delimiters** are sniffed from the header line: the one of ``,`` ``;`` ``\\t`` ``|`` it holds most
(Excel in a Russian locale writes ``;``), ``,`` when it holds none; a first line ``sep=;`` (Excel's own
hint) says it outright.

**Strictness**: a quoted value still open at the end of the file, a row with fewer values than the header
(a file cut short), or more values that are not empty, a NUL character: each is an error naming the file
and the row (and its line where a quoted value spans lines), so an import stops before it writes.
Empty rows are skipped.

**Workbooks** (.xlsx, read with openpyxl, read-only): the first sheet, or the one a mapping names;
numbers that are whole are written without ``.0`` (a phone number typed as a number), dates as ISO
dates. The archive is checked before it is opened: at most ``ZIP_LIMIT`` bytes unpacked and no member
packed more than ``ZIP_RATIO`` times (a zip bomb).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from organizer.domain.errors import ImportFormatError

ZIP_LIMIT = 256 * 1024 * 1024
"""Most bytes an .xlsx may unpack to."""
ZIP_RATIO = 200
"""Most a member of an .xlsx may be packed (unpacked size / packed size); more is a zip bomb."""
DELIMITERS = (",", ";", "\t", "|")
CELL_LIMIT = 100_000
"""Longest value read from one cell."""

_CYRILLIC_RUN = re.compile(rb"[\xc0-\xff]{3}")


class SheetError(ImportFormatError):
    """A sheet that cannot be read: the message names the row (and line)."""



def _one_line(err: BaseException) -> str:
    """A library's message on one line (openpyxl's span several): errors are one line on the CLI and in lists."""
    return " ".join(str(err).split())

@dataclass
class Sheet:
    header: list[str]
    rows: list[tuple[int, int, list[str]]] = field(default_factory=list)
    """(row number as a spreadsheet shows it, first line in the file, values) of each non-empty row."""
    encoding: str = ""
    delimiter: str = ""
    kind: str = "csv"
    """``csv`` or ``xlsx``."""


def is_xlsx(head: bytes) -> bool:
    """Whether these first bytes start a zip archive (an .xlsx workbook is one; ``read_xlsx`` checks the rest)."""
    return head[:4] == b"PK\x03\x04"


def _line_at(content: bytes, offset: int, unit: int = 1) -> int:
    newline = b"\n\x00" if unit == 2 else b"\n"
    if unit == 2 and content[:2] == b"\xfe\xff":
        newline = b"\x00\n"
    return content[:offset].count(newline) + 1


def decode(content: bytes) -> tuple[str, str]:
    """(text, encoding) of a CSV file's bytes; see the module docstring."""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    encoding = next((enc for bom, enc in boms if content.startswith(bom)), "")
    body = content
    if encoding:
        body = content[3:] if encoding == "utf-8-sig" else content[2:]
    elif b"\x00" in content[:4096]:
        head = content[:4096]
        odd = head[1::2].count(0)
        even = head[0::2].count(0)
        if odd and not even:
            encoding = "utf-16-le"
        elif even and not odd:
            encoding = "utf-16-be"
        else:
            raise SheetError(f"line {_line_at(content, content.index(0))}: a NUL byte; this is not a text file")
    if encoding:
        unit = 2 if encoding.startswith("utf-16") else 1
        try:
            return body.decode(encoding.replace("-sig", "")), encoding
        except UnicodeDecodeError as err:
            start = err.start + (len(content) - len(body))
            what = "the file ends in the middle of a character" if err.end >= len(body) and unit == 2 \
                else f"bytes that are not {encoding.upper().replace('-SIG', '')}"
            raise SheetError(f"line {_line_at(content, start, unit)}: {what}") from None
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    code_page = "cp1251" if _CYRILLIC_RUN.search(content) else "cp1252"
    return content.decode(code_page, errors="replace"), code_page


def sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _row_error(row: int, line: int, what: str) -> SheetError:
    where = f"row {row}" if row == line else f"row {row} (line {line})"
    return SheetError(f"{where}: {what}")


def read_csv(content: bytes) -> Sheet:
    text, encoding = decode(content)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SheetError(f"line {line}: a NUL character; this is not a text file")
    first, _, rest = text.partition("\n")
    offset = 0  # lines before the header that are not data: Excel's "sep=;" hint
    if first.rstrip("\r")[:4].lower() == "sep=" and len(first.rstrip("\r")) == 5:
        delimiter, text, offset = first.rstrip("\r")[4], rest, 1
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    sheet = Sheet(header=[], encoding=encoding, delimiter=delimiter, kind="csv")
    number = offset
    line = 1 + offset
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            what = str(err)
            if "end of data" in what or "EOF" in what:
                what = "a quoted value is not closed (the file is cut short or garbled)"
            raise _row_error(number, line, what) from None
        start, line = line, reader.line_num + 1 + offset
        if not any(v.strip() for v in values):
            continue
        if any(len(v) > CELL_LIMIT for v in values):
            raise _row_error(number, start, f"a value longer than {CELL_LIMIT:,} characters")
        if not sheet.header:
            sheet.header = [v.strip() for v in values]
            continue
        width = len(sheet.header)
        if len(values) < width:
            raise _row_error(number, start, f"{len(values)} values where the header has {width} "
                                            "(a row cut short)")
        if any(v.strip() for v in values[width:]):
            raise _row_error(number, start, f"{len(values)} values where the header has {width}")
        sheet.rows.append((number, start, values[:width]))
    if not sheet.header:
        raise SheetError("the file is empty")
    return sheet


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _check_zip(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            members = z.infolist()
            names = {i.filename for i in members}
            if "xl/workbook.xml" not in names:
                raise SheetError("a zip archive that is not an Excel workbook (.xlsx): no xl/workbook.xml")
            total = sum(i.file_size for i in members)
            if total > ZIP_LIMIT:
                raise SheetError(f"the workbook unpacks to {total:,} bytes; at most {ZIP_LIMIT:,} are read")
            for i in members:
                if i.file_size > 1024 * 1024 and i.file_size > ZIP_RATIO * max(i.compress_size, 1):
                    raise SheetError(f"{i.filename} in the workbook is packed {i.file_size // max(i.compress_size, 1)}"
                                     " times (a zip bomb?); not read")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as err:
        raise SheetError(f"not a readable .xlsx workbook (the zip archive is damaged: {_one_line(err)})") from None


def read_xlsx(content: bytes, sheet_name: str | None = None) -> Sheet:
    _check_zip(content)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises KeyError, ValueError, XML errors... on a damaged book
        raise SheetError(f"not a readable .xlsx workbook ({type(err).__name__}: {_one_line(err)})"[:300]) from None
    try:
        if sheet_name:
            if sheet_name not in book.sheetnames:
                raise SheetError(f"no sheet named {sheet_name!r} (the sheets: {', '.join(book.sheetnames)})")
            ws = book[sheet_name]
        else:
            ws = book.worksheets[0]
        sheet = Sheet(header=[], kind="xlsx", encoding="xlsx")
        try:
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                values = [_cell_text(v) for v in row]
                if not any(v.strip() for v in values):
                    continue
                if any(len(v) > CELL_LIMIT for v in values):
                    raise SheetError(f"row {number}: a value longer than {CELL_LIMIT:,} characters")
                if not sheet.header:
                    sheet.header = [v.strip() for v in values]
                    continue
                width = len(sheet.header)
                if any(v.strip() for v in values[width:]):
                    raise SheetError(f"row {number}: a value right of the last column with a header")
                sheet.rows.append((number, number, values[:width] + [""] * (width - len(values))))
        except SheetError:
            raise
        except Exception as err:  # a damaged sheet part
            raise SheetError(f"not a readable .xlsx workbook ({type(err).__name__}: {_one_line(err)})"[:300]) from None
    finally:
        book.close()
    while sheet.header and not sheet.header[-1]:  # trailing columns without a header and without values
        sheet.header.pop()
    if not sheet.header:
        raise SheetError("the sheet is empty")
    return sheet


def read_sheet(content: bytes, sheet_name: str | None = None) -> Sheet:
    """The sheet of a CSV file or an .xlsx workbook (told by the content)."""
    if is_xlsx(content[:4]):
        return read_xlsx(content, sheet_name)
    return read_csv(content)

