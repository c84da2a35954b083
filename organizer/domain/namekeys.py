"""Spelling-insensitive text: folding for search, and name keys that survive romanization.

Two functions carry the search:

``fold(text)`` turns any text into lower-case ASCII words, the form the search index stores and the
query is compared in. It lower-cases, maps the letters listed below, transliterates the rest with
``anyascii`` (Cyrillic, Greek, CJK, accents: ``é`` -> ``e``, ``王伟`` -> ``wangwei``) and removes the
apostrophes inside words, so the Uzbek ``oʻ`` (U+02BB), ``o'``, ``o‘``, ``o’``, ``oʼ`` and ``o```
are all the one letter ``o`` and ``Oʻzbekiston`` = ``O'zbekiston`` = ``Ozbekiston``.

``name_keys(word)`` gives one to a few *keys* of a name word: a coarse phonetic skeleton on which the
romanizations of one Cyrillic name agree, so ``Korzhikov``, ``Korjikov``, ``Koržikov``, ``Korschikow``
and ``Коржиков`` share the key ``karxakav``, ``Varfolomeyev``/``Varfolomeev``/``Варфоломеев`` share
``varfalamav``, ``Khairullin``/``Hayrullin``/``Xayrullin``/``Хайруллин``/``Хәйруллин`` share
``haralan``, ``Minnikhanov``/``Minnihanov``/``Минниханов``/``Миңнеханов`` share ``manahanav``. The
skeleton (see ``_RULES``):

- every run of vowels (``a e i o u y`` and ``j`` used as the glide of ``й я ю е ё``) becomes ``a``, a
  run at the end of the word is dropped (``-ine``, ``-iy``, ``-ij``, ``-y`` endings agree);
- the hushing consonants ж ш щ ч in all their spellings (``zh j ž sh š sch shch shh šč ŝ ch č tch tsch
  chtch dzh dj``) become ``x``; х (``kh h x``) becomes ``h``; ц (``ts tc tz cz c``) becomes ``s``;
  ``w`` -> ``v``, ``q`` -> ``k``, ``ph`` -> ``f``, ``gh`` -> ``g``, ``ck`` -> ``k``;
- a doubled consonant counts once.

Where one Latin spelling can stand for two sounds the word gets two keys (at most ``MAX_KEYS``):
``j`` is the glide of ``й`` (Jurij, Jakowlew) or ``ж`` (Korjikov, French and Telegram) or ``дж``
(Uzbek Jo'rayev); ``x`` is ``х`` (Uzbek Latin, GOST 7.79 B) or ``ks`` (Alexander); ``c`` before
``a o u`` or a consonant is ``ц`` (ISO 9) or ``k`` (Nicolas); ``sc`` is ``щ`` in Telegram style.
A word in Cyrillic gets the keys of its romanization by every iuliia scheme (after the Tatar and
Uzbek letters below are mapped), so a key never depends on which system a clerk used.

Which romanization systems agree (iuliia's schemes; the property test
``tests/unit/test_namekeys_properties.py`` checks every one of them against every other on generated
Russian names):

=====================  ======================================================================
scheme (iuliia)        what it is / what it covers
=====================  ======================================================================
``icao_doc_9303``      ICAO Doc 9303: Russian passports since 2013 (``ж zh, х kh, ц ts, ъ ie``)
``mvd_782``            Russian passports 2010-2013 (``е ye`` after vowels, ``ё yo``)
``mvd_310``            Russian passports 1997-2010
``mvd_310_fr``         the same, French-style (``ж j, ш ch, ч tch, у ou``: Khairoulline)
``bgn_pcgn``(``_alt``) BGN/PCGN 1947: US and UK geographic names, most English-language press
``wikipedia``          English Wikipedia's simplified BGN/PCGN (``Varfolomeyev``, ``-iy`` -> ``-y``)
``ala_lc``(``_alt``)   ALA-LC: Library of Congress (``t͡s``, ``i͡a`` with tie bars, ``ĭ``)
``bs_2979``(``_alt``)  British Standard 2979:1958 (Oxford, British Library)
``gost_779``(``_alt``) GOST 7.79-2000 = ISO 9:1995 system A (``ž š č ŝ``) and system B (``zh x cz shh``)
``gost_16876``(alt)    GOST 16876-71 / UN 1987 (``ž h c``; alt: ``jj`` for ``й``, ``eh`` for ``э``)
``gost_52290``         road signs; ``gost_52535``: ID cards (= ICAO 2006); ``gost_7034``: 2014 rules
``iso_9_1954/1968``    ISO/R 9 (``šč``, ``ja``, ``ju``); ``iso_9_1968_alt`` writes ``и`` as ``y``
``scientific``         scholarly (linguistic) transliteration (``x`` for ``х``, ``šč``)
``ungegn_1987``        UN geographic names 1987
``mosmetro``           Moscow metro signs; ``yandex_maps``, ``yandex_money``: Yandex services
``telegram``           how people type Russian in Latin chat (``ж j, х h, щ sc, ц c``)
``uz``                 Uzbek Cyrillic to the official Uzbek Latin (``х x, ж j, ў oʻ, ғ gʻ, қ q``)
=====================  ======================================================================

Where Uzbek and Tatar letters need more than these schemes: they are all Russian schemes (``uz`` is
the one exception) and pass the extra Cyrillic letters through untouched. Before transliterating we
map them to what their Latin orthographies write: Uzbek ``ў`` -> ``oʻ`` (fold: ``o``), ``ғ`` -> ``gʻ``
(``g``), ``қ`` -> ``q`` (key ``k``), ``ҳ`` -> ``h``; Tatar ``ә`` -> ``ä`` (``a``), ``ө`` -> ``ö``
(``o``), ``ү`` -> ``ü`` (``u``), ``җ`` -> ``ж``, ``ң`` -> ``н`` (Latin ``ñ``/``ng``: key ``n``),
``һ`` -> ``h``; Ukrainian/Belarusian ``і ї є ґ`` -> ``i ji je g``. Known gaps: Belarusian ``ў``
(a ``u``) is read as Uzbek; Tatar Latin (Zamanalif) writes ``җ`` as ``c`` and ``ч`` as ``ç``, so a
Zamanalif ``c`` gets the ц/k keys, not the ж key (``ç ş`` are mapped to ``ch sh``, so those agree);
Uzbek ``ц`` is written ``s`` in Uzbek Latin, which is why ц's key is ``s``; German spellings agree
for ``sch tsch w j`` (Korschikow) but not for ``ch`` as ``х`` (Chairullin) or ``s`` as ``з``
(Sacharow), which only the one-typo tolerance of the search may catch.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain

from anyascii import anyascii

MAX_KEYS = 16
"""At most this many keys for one word (each ambiguous letter doubles them)."""
MIN_KEY_WORD = 2
"""Words shorter than this (after folding) get no keys: an initial is not a name."""

_APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02b9\u02ba\u00b4\u2032\"\u201c\u201d\u00b7"
"""Straight and typographic apostrophes, Uzbek ʻ (U+02BB) and ʼ (U+02BC), soft/hard sign primes,
acute accent, prime, quotes and the BGN/PCGN middle dot: removed inside words."""
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_NAME_SPLIT = re.compile(r"[\s\-–—,.;:()\[\]{}«»/\\]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")
_WORD_CHARS = re.compile(rf"[\w{re.escape(_APOSTROPHES)}\u0300-\u036f\u0361]+")

# Letters anyascii would fold to something the other spellings don't use.
_PRE_FOLD = str.maketrans({
    "ž": "zh", "š": "sh", "č": "ch", "ŝ": "shch", "ĉ": "ch", "ż": "zh", "ş": "sh", "ș": "sh", "ç": "ch",
    "ў": "o'", "ғ": "g'", "қ": "q", "ҳ": "h", "ё": "yo",  # Uzbek Cyrillic as Uzbek Latin writes it
    "ә": "ä", "ө": "ö", "ү": "ü", "җ": "zh", "ң": "n", "һ": "h",  # Tatar
})
# Extra Cyrillic letters mapped to Russian ones before the (Russian) iuliia schemes see them.
_TO_RUSSIAN = str.maketrans({
    "ў": "у", "ғ": "г", "қ": "к", "ҳ": "х",
    "ә": "а", "ө": "о", "ү": "у", "җ": "ж", "ң": "н", "һ": "х",
    "і": "и", "ї": "йи", "є": "е", "ґ": "г",
})

_VOWELS = frozenset("aeiouy")
_V = "a"  # the vowel-run symbol of a key

# Spelling -> the key symbols it can stand for, longest spellings first. "a" is a vowel (glide).
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(sorted({
    "schtsch": ("x",), "shtch": ("x",), "chtch": ("x",), "shch": ("x",), "tsch": ("x",),
    "shh": ("x",), "sch": ("x",), "tch": ("x",), "dzh": ("x",), "eh": ("a", "ah"),
    "zh": ("x",), "sh": ("x",), "ch": ("x",),
    "kh": ("h",), "gh": ("g", "gh"), "ph": ("f", "ph"), "th": ("t", "th"),
    "ts": ("s",), "tz": ("s",), "tc": ("s",), "cz": ("s",),
    "sc": ("s", "x"),
    "jj": ("a", "x"), "j": ("a", "x"), "c": ("s", "k"),
    "x": ("h", "ks"),
    "w": ("v",), "q": ("k",),
}.items(), key=lambda kv: -len(kv[0])))
_ABSORBED = frozenset({("t", "s"), ("d", "x")})
"""(before, symbol): ``before`` is dropped in front of ``symbol``."""
_RULES_BY_FIRST: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
for _spelling, _options in _RULES:
    _RULES_BY_FIRST[_spelling[0]] = (*_RULES_BY_FIRST.get(_spelling[0], ()), (_spelling, _options))


@lru_cache(maxsize=1)
def _schemes() -> tuple[object, ...]:
    import iuliia  # its 28 scheme files are loaded on first use, not when this module is imported

    return tuple(getattr(iuliia, name) for name in SCHEME_NAMES)


SCHEME_NAMES = (
    "ICAO_DOC_9303", "MVD_782", "MVD_310", "MVD_310_FR", "BGN_PCGN", "BGN_PCGN_ALT", "WIKIPEDIA",
    "ALA_LC", "ALA_LC_ALT", "BS_2979", "BS_2979_ALT", "GOST_779", "GOST_779_ALT", "GOST_16876",
    "GOST_16876_ALT", "GOST_52290", "GOST_52535", "GOST_7034", "ISO_9_1954", "ISO_9_1968",
    "ISO_9_1968_ALT", "SCIENTIFIC", "UNGEGN_1987", "MOSMETRO", "YANDEX_MAPS", "YANDEX_MONEY",
    "TELEGRAM", "UZ",
)
"""The iuliia schemes whose spellings are folded to the same keys (all of iuliia 0.13's)."""
_UZ = SCHEME_NAMES.index("UZ")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():  # most names and notes: nothing to transliterate; ' ` " are the ASCII apostrophes
        return " ".join(_ASCII_WORD.findall(text.lower().replace("'", "").replace("`", "").replace('"', "")))
    # Word by word, each word folded once (names, titles and institutions repeat across records): every
    # step works within a word, so this gives what folding the whole text would, at a fraction of the cost
    # (anyascii is pure Python, per character).
    return " ".join(filter(None, map(_fold_word, text.split())))


@lru_cache(maxsize=100_000)
def _fold_word(word: str) -> str:
    lowered = _APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", word).lower().translate(_PRE_FOLD))
    ascii_text = anyascii(lowered).lower()
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHE_RE.sub("", ascii_text)).split())


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    folded = fold(text)
    return folded.split() if folded else []


def raw_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of the original ``text``, apostrophes kept inside: for snippets."""
    return [(m.start(), m.end()) for m in _WORD_CHARS.finditer(text)]


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=200_000)
def name_keys(word: str) -> tuple[str, ...]:
    """The keys of one name word (see the module docstring); ``()`` for a word too short to key."""
    word = unicodedata.normalize("NFC", word).lower()
    if is_cyrillic(word):
        keys: dict[str, None] = {}
        russian = word.translate(_TO_RUSSIAN)
        schemes = _schemes()
        spellings = [scheme.translate(russian) for scheme in schemes]  # type: ignore[attr-defined]
        spellings.append(schemes[_UZ].translate(word))  # type: ignore[attr-defined]
        for spelling in dict.fromkeys(spellings):  # most schemes agree on most words: key each spelling once
            for key in _latin_keys(fold(spelling).replace(" ", "")):
                keys.setdefault(key)
        return tuple(keys)[: MAX_KEYS * 2]
    return _latin_keys(fold(word).replace(" ", ""))


def text_keys(text: str) -> list[str]:
    """The keys of every word of a name (deduplicated, in order)."""
    # A name repeats its words (the full name, then each part): key each word once, keys in first-seen order.
    # Taken a whitespace-separated piece at a time (``_piece_keys``, kept: names repeat across records): the
    # separators of ``_NAME_SPLIT`` include every whitespace character, and NFC never joins across one, so
    # the words and their order are those of splitting the whole text.
    return list(dict.fromkeys(chain.from_iterable(map(_piece_keys, dict.fromkeys(text.split())))))


@lru_cache(maxsize=100_000)
def _piece_keys(piece: str) -> tuple[str, ...]:
    """The keys of the words of a piece of a name with no whitespace, in order (repeats kept)."""
    return tuple(chain.from_iterable(map(name_keys, _name_words(piece))))


def _name_words(text: str) -> list[str]:
    # NFC leaves ASCII text as it is.
    return [chunk for chunk in _NAME_SPLIT.split(text if text.isascii() else unicodedata.normalize("NFC", text))
            if chunk]


@lru_cache(maxsize=200_000)
def _latin_keys(word: str) -> tuple[str, ...]:
    """Keys of a folded (ASCII, lower-case, one word) spelling."""
    letters = "".join(ch for ch in word if "a" <= ch <= "z")
    if len(letters) < MIN_KEY_WORD:
        return ()
    variants: list[list[str]] = [[]]
    i = 0
    while i < len(letters):
        ch = letters[i]
        options: tuple[str, ...] = (_V,) if ch in _VOWELS else (ch,)
        step = 1
        for spelling, opts in _RULES_BY_FIRST.get(ch, ()):
            if letters.startswith(spelling, i):
                options, step = _context(spelling, opts, letters, i), len(spelling)
                break
        if len(options) == 1 or len(variants) * len(options) > MAX_KEYS:
            options = options[:1]
        variants = [[*v, o] for v in variants for o in options]
        i += step
    keys: dict[str, None] = {}
    for symbols in variants:
        key = _squeeze("".join(symbols))
        if key:
            keys.setdefault(key)
    return tuple(keys)


def _context(spelling: str, options: tuple[str, ...], letters: str, at: int) -> tuple[str, ...]:
    """Narrow an ambiguous spelling by its neighbours."""
    after = letters[at + len(spelling): at + len(spelling) + 1]
    if spelling == "c" and after in ("e", "i", "y"):
        return ("s",)  # ц, or the soft c of Latin spellings (Francesco, Cecilia): never k
    return options


def _squeeze(symbols: str) -> str:
    out: list[str] = []
    for s in symbols:
        if out and out[-1] == s:
            continue  # a vowel run, or a doubled consonant
        if out and (out[-1], s) in _ABSORBED:
            out.pop()  # т+ц written "tts" or "tc"; д+ж written "dzh" or "dj"
        out.append(s)
    if len(out) > 1 and out[-1] == _V:
        out.pop()
    return "".join(out)
