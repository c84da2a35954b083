"""Thank-you letters after a visit: chosen (recipients, signatory, language), laid out and saved to a folder.

Both front ends go through here: ``organizer letters`` and the window's File > Thank-you letters…
``letters`` assembles (``services.briefing.thank_you_letters``: who gets a letter, who signs) and lays
them out (``organizer.briefing``), one PDF each; ``save_letters`` writes them into a folder through
``store.files`` (every target checked before the first is written, each written atomically, never over the
open database or its companions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from organizer.domain.briefing import ThankYouLetters
from organizer.domain.errors import OrganizerError

if TYPE_CHECKING:
    from organizer.briefing.letters import Letter
    from organizer.store.database import Database


@dataclass(frozen=True)
class LetterRequest:
    """What the user chose; None means the default (the other side but its interpreters; the office's
    most senior participant)."""

    visit_id: int
    lang: str = "en"
    paper: str = "a4"
    office_id: int | None = None
    recipient_ids: tuple[int, ...] | None = None
    signatory_id: int | None = None
    number: str = ""
    """The outgoing number (``ThankYouLetters.number``); empty leaves a blank to fill in."""
    format: str = "pdf"
    """``pdf``, or ``docx`` for editable copies."""


def choices(db: Database, visit_id: int, lang: str = "en") -> ThankYouLetters:
    """The default letters' data without laying them out: ``candidates`` (who may get a letter, who may
    sign, the default choice ticked) and ``signatory_id``."""
    from organizer.services.briefing import thank_you_letters

    return thank_you_letters(db, visit_id, lang=lang)


def letters(db: Database, request: LetterRequest, only: Sequence[int] | None = None) -> list[Letter]:
    """The letters as PDFs, in the order of the recipients (only those of ``only``, person ids, if given:
    the preview of one)."""
    from organizer.briefing import render_thank_you_letters
    from organizer.services.briefing import thank_you_letters

    data = thank_you_letters(db, request.visit_id, office_id=request.office_id, lang=request.lang,
                             recipient_ids=request.recipient_ids, signatory_id=request.signatory_id,
                             number=request.number)
    if only is not None:
        data = _only(data, set(only))
    return render_thank_you_letters(data, request.lang, request.paper, fmt=request.format)


def _only(data: ThankYouLetters, ids: set[int]) -> ThankYouLetters:
    from dataclasses import replace

    return replace(data, recipients=tuple(r for r in data.recipients if r.person_id in ids))


def save_letters(written: Sequence[Letter], folder: Path, database: Path | None) -> list[Path]:
    """Write the letters into ``folder`` (created); every target is checked before the first is written."""
    from organizer.store.files import check_output_path, shown, write_file

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OrganizerError(f"cannot create the folder {shown(folder)}: a file of that name is there") from None
    except OSError as exc:
        raise OrganizerError(f"cannot create {shown(folder)}: {exc.strerror or exc}") from None
    for letter in written:  # each one guarded (the folder may be the database's own), all before any is written
        check_output_path(folder / letter.filename, database)
    return [write_file(folder / letter.filename, letter.pdf, database=database) for letter in written]
