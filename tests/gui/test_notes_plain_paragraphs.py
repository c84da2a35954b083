"""Notes without markup are shown without the Markdown parser (``details._plain_paragraphs``, issue 20: the
first detail pane does not import markdown_it), exactly as the parser would render them; notes with
markup still go through it."""

from __future__ import annotations

import random

from organizer.gui.details import _markdown, _plain_paragraphs, para


def _parsed(text: str) -> str:
    return str(_markdown().render(text)).replace("\n", "")


def test_plain_text_is_rendered_as_the_parser_renders_it() -> None:
    alphabet = list("ab Ёжʻ\n\n&<>\"'~#|=!-+1.)*_\\`\t\u00a0\u2028xyz ")
    rng = random.Random(20)
    fast = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))).strip()
        plain = _plain_paragraphs(text)
        if plain is not None:
            fast += 1
            assert plain == _parsed(text), repr(text)
    assert fast > 3_000  # the fast road is taken for much of it


def test_common_notes_take_the_fast_road_and_markup_the_parser() -> None:
    for text in ("Met at the technopark", "Line one\nLine two\n\n\nNew paragraph", "R&D <lab> \"Kazan\" O'zbek",
                 "Встреча в 2024 году. Итоги: 3 соглашения", "see 1. above", ""):
        assert _plain_paragraphs(text) == _parsed(text), text
        assert para(text) == _parsed(text.strip())
    for text in ("**bold**", "*italic*", "_under_", "- a list", "+ item", "1. first", "2) second", "a\\*b",
                 "code `x`", "two  \nspaces", " leading", "a\r\nb"):
        assert _plain_paragraphs(text) is None, text
    assert para("**bold** and *it*") == "<p><strong>bold</strong> and <em>it</em></p>"
