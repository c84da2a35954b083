"""Russian morphology for the report extractor: a word, a name word or a phrase's head in the nominative
(pymorphy2 through natasha's MorphVocab, with natasha's tagged case)."""

from __future__ import annotations

from typing import Any


def _case_of(token: Any) -> str:
    """pymorphy2's name of the case natasha tagged."""
    case = (token.feats or {}).get("Case", "Nom")
    return {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}.get(case, "nomn")


NAME_GRAMMEMES = {"Name", "Surn", "Patr"}
INSTRUMENTAL_ENDINGS = (("овым", "ов"), ("евым", "ев"), ("иным", "ин"), ("ом", ""), ("ем", ""), ("ой", "а"))


def _as_written(word: str, nominative: str) -> str:
    """``nominative`` spelt as ``word`` is: "е" where the text writes no "ё" ("почетного" -> "почетный", not the
    dictionary's "почётный")."""
    return nominative if "ё" in word.lower() else nominative.replace("ё", "е").replace("Ё", "Е")


def _nominative_word(word: str, case: str, vocab: Any, grammemes: set[str] | None) -> str:
    return _as_written(word, _dictionary_nominative(word, case, vocab, grammemes))


def _dictionary_nominative(word: str, case: str, vocab: Any, grammemes: set[str] | None) -> str:
    parses = [p for p in vocab.parse(word) if grammemes is None or grammemes & set(p.tag.grammemes)]
    in_case = next((p for p in parses if p.tag.case == case), None) if grammemes is not None else None
    if in_case is not None and case != "nomn":  # a name's case is known: "Валерия Фалькова" (gent) -> "Валерий"
        form = in_case.inflect({"Nom"})
        if form is not None:
            return str(form.word).capitalize() if word[:1].isupper() else str(form.word)
    if not parses or case == "nomn" or any(p.tag.case == "nomn" and "sing" in p.tag for p in parses[:3]):
        if not parses and case == "ablt" and grammemes is not None:  # a first name the dictionary lacks
            for ending, nominative in INSTRUMENTAL_ENDINGS:
                if word.endswith(ending) and len(word) > len(ending) + 2:
                    stem = word[: -len(ending)]
                    if ending == "ем":  # "Сергеем" -> "Сергей", "Чаньлинем" -> "Чаньлинь"
                        return stem + ("й" if stem[-1] in "аеёиоуыэюя" else "ь")
                    return stem + nominative
        return word
    chosen = next((p for p in parses if p.tag.case == case), parses[0])
    form = chosen.inflect({"Nom"})
    if form is None:
        return word
    nominative = str(form.word)
    return nominative.capitalize() if word[:1].isupper() else nominative


def _singular(title: str, vocab: Any) -> tuple[str, bool]:
    """A title whose first word is a plural noun ("представители") in the singular, and whether it was plural."""
    word, _space, rest = title.partition(" ")
    if not word.replace("-", "").isalpha():  # "Зам.директора": an abbreviation, as written
        return title, False
    parses = [p for p in vocab.parse(word) if "NOUN" in p.tag and p.tag.case == "nomn"]
    if not parses or any("sing" in p.tag for p in parses):
        return title, False
    form = parses[0].inflect({"Nom", "Sing"})
    if form is None:
        return title, False
    return " ".join(w for w in (_as_written(word, str(form.word)), rest) if w), True


GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}


def _nominative_phrase(tokens: list[Any], vocab: Any, text: str) -> str:
    """The phrase (``text``'s characters from the first token to the last) with its first noun and the adjectives
    before it in the nominative (the adjectives in the noun's gender), the rest as written."""
    if not tokens:
        return ""
    adjectives = {id(t) for t in tokens if t.pos == "ADJ" or (  # natasha's PROPN "Почетного" in "Почетного Консула"
        t.pos == "PROPN" and t.text[:1].isupper() and str(vocab.parse(t.text)[0].tag.POS) == "ADJF")}
    head = next((t for t in tokens if t.pos in ("NOUN", "PROPN") and id(t) not in adjectives), None)
    gender = None
    if head is not None:
        parse = next((p for p in vocab.parse(head.text) if p.tag.case == _case_of(head)), None)
        gender = GENDERS.get(str(parse.tag.gender)) if parse is not None else None
    out, at = [], tokens[0].start
    for token in tokens:
        out.append(text[at:token.start])
        word = token.text
        if head is not None and token.start <= head.start and token.pos in ("NOUN", "ADJ", "PROPN") \
                and sum(c.isupper() for c in word) < 2:  # "УдГУ", an abbreviation, as written
            if token is head or id(token) not in adjectives or gender is None:
                word = _nominative_word(word, _case_of(token), vocab, None)
            else:
                parse = next((p for p in vocab.parse(word) if "ADJF" in p.tag), None)
                form = parse.inflect({"Nom", "Sing", gender}) if parse is not None else None
                word = _as_written(word, (form.word.capitalize() if word[:1].isupper() else form.word)
                                   if form is not None else word)
        out.append(word)
        at = token.stop
    return "".join(out)
