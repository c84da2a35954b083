"""What the command line prints must be safe for a terminal, short, and never a raw exception.

The characters a terminal would act on instead of showing: C0 controls (ESC starts the sequences that
retitle or clear a terminal, BEL rings, CR and BS overwrite what was shown), DEL, C1 controls
(U+0080-U+009F; U+009B is a CSI on some terminals), the bidirectional marks, embeddings, overrides and
isolates (U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069: they reorder what follows them, so a
file name ``x\\u202efdp.exe`` shows as ``xexe.pdf``) and lone surrogates (which cannot even be encoded).

- ``terminal_text`` escapes all of them but the newline (``\\x1b``, ``\\u202e``): for text whose line
  breaks are layout. ``cli.output.Terminal``, the stream every command writes to, applies it to
  everything printed.
- ``inline`` escapes the newline and the tab too: for one user value inside a line, so a name that holds
  a newline cannot start a line of its own.
- ``json_text`` does the same inside JSON output, as ``\\uXXXX`` escapes (the json module escapes C0
  controls itself but leaves DEL, C1 and bidi controls raw); the data read back is unchanged.
- ``message`` is one line of an error: passwords masked, escaped, cut to a few hundred characters.
- ``describe_unexpected`` turns the exceptions that bad input can still raise deep inside a library
  into a sentence a user can act on, instead of ``OverflowError: ...``.

``str.isprintable`` is False for every character escaped here (a test checks all code points), so text
that is printable, nearly all of it, skips the regular expressions.
"""

from __future__ import annotations

import re

from organizer.domain.errors import excerpt
from organizer.domain.redact import redact

_CONTROLS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f{_CONTROLS}]")
_UNSAFE_INLINE = re.compile(f"[\x00-\x1f{_CONTROLS}]")
_UNSAFE_IN_JSON = re.compile(f"[{_CONTROLS}]")
_UNSAFE_JSON_STREAM = re.compile(f"[\x00-\x09\x0b-\x1f{_CONTROLS}]")
MESSAGE_LIMIT = 600


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character escaped but the newline (the layout of several lines)."""
    return text if text.isprintable() else _UNSAFE.sub(_escape, text)


def inline(value: object) -> str:
    """One value for a line of text (a name, a title, a path): every control escaped, newline included."""
    text = value if isinstance(value, str) else str(value)
    return text if text.isprintable() else _UNSAFE_INLINE.sub(_escape, text)


def json_text(text: str) -> str:
    """JSON text with DEL, C1 controls, bidi controls and lone surrogates written as ``\\uXXXX`` escapes."""
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def json_stream_text(text: str) -> str:
    """Text bound for a stream of JSON: ``json_text``, and any raw C0 control but the newline as
    ``\\uXXXX`` (json never writes one raw; outside a string only whitespace could be one)."""
    return text if text.isprintable() else _UNSAFE_JSON_STREAM.sub(_json_escape, text)


def json_lines(lines: list[str], sep: str = ",\n") -> str:
    """Lines of compact JSON (no newline inside) joined by ``sep``, escaped as ``json_text`` does.

    Every character ``json_text`` escapes is one ``str.isprintable`` rejects, so lines that are all
    printable (nearly always) skip the regex: one C pass over the text instead of a character-class
    match per character."""
    if "".join(lines).isprintable():
        return sep.join(lines)
    return _UNSAFE_IN_JSON.sub(_json_escape, sep.join(lines))


def message(text: str, *urls: str) -> str:
    """One line for stderr: passwords of ``urls`` (and any in URL form) masked when database URLs are in
    play (``domain.redact``), newlines folded, controls escaped, cut to a short excerpt."""
    if urls:
        text = redact(text, *urls)
    one_line = " ".join(text.split("\n"))
    return inline(excerpt(one_line, MESSAGE_LIMIT))


def describe_unexpected(exc: BaseException) -> str | None:
    """A clear sentence for an exception that bad input can raise in a library, or None."""
    if isinstance(exc, OverflowError):
        return "a number is too large (record ids and numbers in Organizer are at most 2,147,483,647)"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to be read"
    if isinstance(exc, UnicodeEncodeError):
        return ("the text contains a character that cannot be stored or shown "
                f"(U+{ord(exc.object[exc.start]):04X} at position {exc.start})")
    if isinstance(exc, UnicodeDecodeError):
        return f"the input is not UTF-8 text (byte {exc.start})"
    if isinstance(exc, TypeError) and "offset-naive and offset-aware" in str(exc):
        return "a time with a time zone offset was given next to one without; give local times without an offset"
    return None
