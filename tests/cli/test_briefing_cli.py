"""`organizer briefing`, `dossier` and `letters`: the acceptance command, atomic output, one-line errors."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from organizer.assets import demo_archive
from organizer.cli.main import main
from organizer.domain.briefing import SECTIONS
from organizer.store import Database


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def outline_titles(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every outline entry."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def embedded_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """BaseFont name -> whether its font program is embedded (FontFile2 for TrueType)."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


@pytest.fixture
def demo_args(db: Database, db_args: list[str]) -> list[str]:
    """The options that open the test database (a file, or a PostgreSQL database in that pass) after
    ``organizer demo`` filled it."""
    assert run(*db_args, "demo")[0] == 0
    return db_args


@pytest.fixture
def archive() -> dict[str, Any]:
    return json.loads(demo_archive().read_text(encoding="utf-8"))


def test_acceptance_briefing_of_the_demo_visit(demo_args: list[str], tmp_path: Path, archive: dict[str, Any]) -> None:
    out = tmp_path / "b.pdf"
    code, stdout, err = run(*demo_args, "briefing", "Uzkhimyosanoat", "--out", str(out))
    assert code == 0, err
    assert "wrote" in stdout
    reader = pypdf.PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)

    # every participant in Latin (no Cyrillic in an English document), and in the Russian briefing in
    # the Russian variant, with the title they held
    ru_out = tmp_path / "ru.pdf"
    assert run(*demo_args, "briefing", "Uzkhimyosanoat", "--lang", "ru", "--out", str(ru_out))[0] == 0
    ru_flat = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pypdf.PdfReader(ru_out).pages))
    uids = {p["person"] for v in archive["visits"] for p in v["participants"]}
    people = [p for p in archive["people"] if p["uid"] in uids]
    assert len(people) == 6
    for person in people:
        latin = " ".join(x for x in (person.get("given_name", ""), person.get("family_name", "")) if x)
        assert latin in flat, latin
        cyrillic = [v["name"] for v in person["name_variants"] if v.get("script") == "Cyrl"]
        assert cyrillic, f"the demo should give {latin} a Cyrillic name"
        for name in cyrillic:
            assert name not in flat, name
        russian = next(v["name"] for v in person["name_variants"] if v.get("language") == "ru")
        assert russian in ru_flat, russian
        for position in person["positions"]:
            assert position["title"] in flat, position["title"]

    # the schedule, in time order, in the programme section
    outline = outline_titles(reader)
    programme_page = next(page for depth, title, page in outline if depth == 0 and "Programme" in title)
    programme = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages[programme_page - 1:]))
    meetings = sorted((m for m in archive["meetings"]), key=lambda m: m["starts_at"])
    positions = [programme.find(f"{m['starts_at'][11:16]}–{m['ends_at'][11:16]} {m['title']}") for m in meetings]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)

    # the institutions, with the Butlerov institute under the university
    assert re.search(r"A\.M\. Butlerov Chemical Institute Part of Kazan Federal University", flat)
    for inst in archive["institutions"]:
        assert inst["name"] in flat, inst["name"]

    # the open follow-ups
    open_ones = [f["description"] for f in archive["followups"] if f["status"] == "open"]
    assert open_ones
    for description in open_ones:
        assert description in flat, description

    # one outline entry per section, each pointing at a page; every font embedded, none is Helvetica
    top = [title for depth, title, _ in outline if depth == 0]
    assert top[:2] == ["1. At a glance", "Contents"], "the one-page summary first (issue 18), then the contents"
    assert len(top) == 1 + len(SECTIONS)
    fonts = embedded_fonts(reader)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert "page 1 of " not in flat, "the cover has no page number"
    assert "page 2 of " in flat and f"page {len(reader.pages)} of {len(reader.pages)}" in flat


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_sees_only_embedded_dejavu(demo_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert run(*demo_args, "briefing", "1", "--report", "--lang", "ru", "--out", str(out))[0] == 0
    lines = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        name, *_rest = line.split()
        assert "DejaVuSans" in name and " yes yes " in line, line


def test_russian_letter_paper_report_with_marking(demo_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    code, _, err = run(*demo_args, "briefing", "1", "--report", "--lang", "ru", "--paper", "letter",
                       "--sections", "summary", "meetings", "--marking", "Для служебного пользования",
                       "--out", str(out))
    assert code == 0, err
    reader = pypdf.PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ" in text
    assert "Отчёт о визите" in text and "Встречи, записи и результаты" in text
    assert "Достигнутые договорённости" not in text  # not among the chosen sections
    assert "Делегация ознакомилась с научными" in text  # a meeting's notes, in their Russian variant
    assert "The delegation familiarised themselves" not in text
    meta = reader.metadata
    assert meta is not None and meta.title and "Узкимёсаноат" in meta.title
    # a Russian document names the office by its Russian name variant
    assert meta.author == "Казанский (Приволжский) федеральный университет"
    assert meta.creation_date is not None and meta.subject


def test_ambiguous_or_unknown_visit(demo_args: list[str], tmp_path: Path) -> None:
    code, _, err = run(*demo_args, "import", str(_second_visit(tmp_path)))
    assert code == 0, err
    code, out, err = run(*demo_args, "briefing", "Delegation", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and not out
    assert err.count("\n") == 1 and "2 visits match 'Delegation'" in err and "1: " in err and "2: " in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run(*demo_args, "briefing", "no such visit")
    assert code == 1 and err.count("\n") == 1 and "no visit" in err
    assert run(*demo_args, "briefing", "Second delegation", "--out", str(tmp_path / "y.pdf"))[0] == 0


def _second_visit(tmp_path: Path) -> Path:
    path = tmp_path / "second.json"
    path.write_text(json.dumps({"format": "organizer-archive", "version": 1, "visits": [
        {"uid": "second", "title": "Second delegation", "start_date": "2025-05-01"}]}), encoding="utf-8")
    return path


def test_output_is_replaced_atomically_and_bad_paths_are_one_line(demo_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    out.write_bytes(b"old content")
    assert run(*demo_args, "briefing", "1", "--out", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".b.pdf")] == []  # no temp file left
    for bad in (tmp_path / "missing" / "b.pdf", tmp_path):
        code, _, err = run(*demo_args, "briefing", "1", "--out", str(bad))
        assert code == 1 and err.startswith("organizer: cannot write") and err.count("\n") == 1, err
    code, _, err = run(*demo_args, "dossier", "person", "1", "--out", str(tmp_path / "no" / "p.pdf"))
    assert code == 1 and "cannot write" in err


def test_dossiers_and_letters(demo_args: list[str], tmp_path: Path) -> None:
    person = tmp_path / "p.pdf"
    assert run(*demo_args, "dossier", "person", "1", "--out", str(person))[0] == 0
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(person).pages)
    assert "Evgeny Korzhikov" in text and "Коржиков Евгений" not in text and "Yevgeniy Korjikov" in text
    inst = tmp_path / "i.pdf"
    assert run(*demo_args, "dossier", "institution", "2", "--out", str(inst), "--lang", "ru")[0] == 0
    assert "Справка об организации" in pypdf.PdfReader(inst).pages[0].extract_text()
    code, _, err = run(*demo_args, "dossier", "person", "999", "--out", str(person))
    assert code == 1 and err == "organizer: no person with id 999\n"

    folder = tmp_path / "letters"
    code, _, err = run(*demo_args, "letters", "Uzkhimyosanoat", "--out", str(folder), "--lang", "ru")
    assert code == 0, err
    assert [f.name for f in sorted(folder.iterdir())] == ["01-Evgeny-Korzhikov.pdf", "02-Abduhomid-Salomov.pdf"]
    # by default only the two guests; --to names the recipients (our own staff too)
    folder = tmp_path / "chosen"
    code, _, err = run(*demo_args, "letters", "Uzkhimyosanoat", "--out", str(folder), "--lang", "ru",
                       "--to", "1", "2", "6", "5", "4")
    assert code == 0, err
    files = sorted(folder.iterdir())
    assert len(files) == 5  # six participants, the signatory writes to the other five
    texts = {f.name: " ".join(pypdf.PdfReader(f).pages[0].extract_text().split()) for f in files}
    guest = next(t for name, t in texts.items() if "Korzhikov" in name)
    assert "Евгений Коржиков" in guest and "благодарить Вас за визит" in guest and "С уважением" in guest
    # the letterhead is the issuing office (KFU, in Russian) and its most senior participant signs:
    # Pashin, Vice-Rector of KFU, not the President of the Academy of Sciences (another institution)
    assert guest.startswith("Казанский (Приволжский) федеральный университет")
    assert "Д. Пашин" in guest and "Минниханов" not in guest
    assert "АО «Узкимёсаноат»" in guest and "JSC" not in guest and "Kazan" not in guest
    assert "Уважаемый(-ая)" not in guest and "Коржиков Евгений!" not in guest
    assert not any("Pashin" in name for name in texts)  # the signatory gets no letter
    academy = next(t for name, t in texts.items() if "Minnikhanov" in name)  # another host institution
    # the visit's title names the guests, so the brackets do not repeat them
    assert "за радушный приём делегации (11–12 марта 2025 г." in academy
    assert "в программе визита делегации АО «Узкимёсаноат» в Казанский" in academy
    assert "Академия наук Республики Татарстан" in academy
    colleague = next(t for name, t in texts.items() if "Khairullin" in name)  # KFU, like the signatory
    assert "за участие в подготовке и проведении визита" in colleague and "за визит" not in colleague

    folder = tmp_path / "academy"
    code, _, err = run(*demo_args, "letters", "1", "--out", str(folder), "--office", "Academy of Sci",
                       "--to", "1", "2", "3", "5", "4")
    assert code == 0, err
    texts = {f.name: " ".join(pypdf.PdfReader(f).pages[0].extract_text().split()) for f in sorted(folder.iterdir())}
    assert len(texts) == 5 and not any("Minnikhanov" in name for name in texts)
    pashin = next(t for name, t in texts.items() if "Pashin" in name)
    assert pashin.startswith("Academy of Sciences of the Republic of Tatarstan")
    assert "Rifkat Minnikhanov" in pashin and "President" in pashin and "warm welcome" in pashin
    code, _, err = run(*demo_args, "letters", "1", "--out", str(folder), "--office", "no such")
    assert code == 1 and "no institution" in err and err.count("\n") == 1
    folder = tmp_path / "signed"
    code, out, err = run(*demo_args, "letters", "1", "--out", str(folder), "--signatory", "5", "--to", "1")
    assert code == 0 and "wrote 1 letters" in out, err
    only = " ".join(pypdf.PdfReader(folder / "01-Evgeny-Korzhikov.pdf").pages[0].extract_text().split())
    assert "Ilnur Khairullin" in only and "Pashin" not in only
    code, _, err = run(*demo_args, "letters", "1", "--out", str(tmp_path / "no"), "--to", "999")
    assert code == 1 and err == "organizer: recipients: person 999 does not take part in the visit\n"
    assert not (tmp_path / "no").exists()


def test_english_letters_replace_old_ones(demo_args: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "01-Evgeny-Korzhikov.pdf").write_bytes(b"old")
    code, out, err = run(*demo_args, "letters", "1", "--out", str(folder), "--to", "1", "2", "6", "5", "4")
    assert code == 0 and out.strip() == f"wrote 5 letters to {folder}", err
    text = pypdf.PdfReader(folder / "01-Evgeny-Korzhikov.pdf").pages[0].extract_text()
    assert "Dear Mr Korzhikov," in text and "Yours sincerely," in text and "D. Pashin" in text  # male: Mr
    assert "On behalf of Kazan Federal University" in text and "Minnikhanov" not in text
    academy = pypdf.PdfReader(next(folder.glob("*-Rifkat-Minnikhanov.pdf"))).pages[0].extract_text()
    assert "Dear Mr. President," in academy and "Academician Rifkat Minnikhanov" in academy
    code, _, err = run(*demo_args, "letters", "1", "--out", str(folder / "01-Evgeny-Korzhikov.pdf"))
    assert code == 1 and err.startswith("organizer: cannot create")
