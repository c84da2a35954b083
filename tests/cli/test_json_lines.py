"""``cli.safety.json_lines``: the JSON list writer's escape pass, with its printable-text shortcut."""

from __future__ import annotations

import io
import json
import sys

from organizer.cli.output import dump_array
from organizer.cli.safety import _UNSAFE_IN_JSON, json_lines, json_text


def test_every_character_the_escape_pass_changes_is_one_isprintable_rejects() -> None:
    """The shortcut (skip the regex when the text is printable) never skips a character to escape."""
    unsafe = [chr(c) for c in range(sys.maxunicode + 1) if _UNSAFE_IN_JSON.match(chr(c))]
    assert len(unsafe) > 2000  # C1 controls, bidi controls, the surrogates
    assert not [c for c in unsafe if c.isprintable()]


def one(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_json_lines_equals_the_full_escape_pass() -> None:
    samples = [
        [one({"name": "Zarina Закирова", "note": "Oʻzbek – «ok»\u00a0x"})],
        [one({"a": "Abc\u202edef"}), one({"b": "Z\x9b2J\x85x\x7f"})],
        [one({"c": "ok\u2066x\u061c"}), one({"d": "\ud800"})],
        [one({"e": "tab\tnew\nline"})],
        [],
    ]
    for lines in samples:
        assert json_lines(lines) == json_text(",\n".join(lines))
    assert "\u202e" not in json_lines(samples[1]) and "\\u202e" in json_lines(samples[1])


def test_a_streamed_array_escapes_controls_and_reads_back_unchanged() -> None:
    items = [{"id": i, "name": "Abc\u202edef" if i == 300 else f"Person {i}", "x": "\x9b" if i == 5 else ""}
             for i in range(600)]
    out = io.StringIO()
    dump_array(items, out, chunk=256)
    text = out.getvalue()
    assert "\u202e" not in text and "\x9b" not in text
    assert json.loads(text) == items
