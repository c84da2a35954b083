"""The briefing dialog (worker thread, progress) and the in-app PDF preview."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPdf import QPdfDocument

from organizer.briefing import BriefingOptions, render_visit_briefing
from organizer.gui.briefing_dialog import BriefingDialog
from organizer.gui.main_window import MainWindow
from organizer.gui.pdf_preview import PdfPreview
from organizer.services import briefing as assembly
from organizer.services.documents import DocumentRequest, render
from organizer.store import Database


@pytest.fixture
def demo_pdf(gui_demo_db: Database) -> bytes:
    return render_visit_briefing(assembly.visit_briefing(gui_demo_db, 1), BriefingOptions())


def test_preview_loads_the_document_with_pypdfs_page_count(qtbot, demo_pdf: bytes, tmp_path: Path) -> None:
    preview = PdfPreview(demo_pdf, "briefing.pdf", "Demo")
    qtbot.addWidget(preview)
    preview.show()
    assert preview.document.status() == QPdfDocument.Status.Ready
    expected = len(pypdf.PdfReader(io.BytesIO(demo_pdf)).pages)
    assert expected > 3
    assert preview.page_count() == expected
    assert preview.document.pageLabel(0) or preview.document.pageCount()
    assert str(expected) in preview.pages_label.text()

    target = tmp_path / "saved.pdf"
    target.write_bytes(b"old")
    assert preview.save_to(target)
    assert target.read_bytes() == demo_pdf


def test_print_renders_every_page(qtbot, demo_pdf: bytes, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    preview = PdfPreview(demo_pdf, "briefing.pdf", "Demo")
    qtbot.addWidget(preview)
    assert preview.print_action.isVisible() or not preview.isVisible()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    assert len(pypdf.PdfReader(out).pages) == preview.page_count()


def test_dialog_generates_on_a_worker_and_opens_the_preview(qtbot, gui_demo_db: Database) -> None:
    dialog = BriefingDialog(gui_demo_db, "visit", 1, "Demo visit")
    qtbot.addWidget(dialog)
    dialog.show()
    assert set(dialog.section_checks) >= {"delegation", "itinerary", "biographies"}
    dialog.section_checks["biographies"].setChecked(False)
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("ru"))
    dialog.marking_edit.setText("Для служебного пользования")
    request = dialog.request()
    assert request.lang == "ru" and "biographies" not in (request.sections or ())
    dialog.generate_button.click()
    assert not dialog.generate_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    preview = dialog.preview
    assert preview is not None
    qtbot.addWidget(preview)
    reader = pypdf.PdfReader(io.BytesIO(preview.pdf))
    assert preview.page_count() == len(reader.pages)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Состав делегации" in text and "Биографии членов делегации" not in text
    assert "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ" in text


def test_report_sections_and_a_failure_is_shown(qtbot, gui_demo_db: Database) -> None:
    dialog = BriefingDialog(gui_demo_db, "visit", 1, "Demo visit")
    qtbot.addWidget(dialog)
    dialog.report_radio.setChecked(True)
    assert list(dialog.section_checks) == ["summary", "meetings", "agreements", "agreed", "followups", "delegation"]
    missing = BriefingDialog(gui_demo_db, "person", 999, "Nobody")
    qtbot.addWidget(missing)
    missing.generate_button.click()
    # in the interface's words (messages.error_text), not the service's English "no person with id 999"
    qtbot.waitUntil(lambda: "The person with id 999 no longer exists" in missing.status.text(), timeout=30_000)
    assert missing.generate_button.isEnabled() and missing.preview is None


def test_dossier_generation(gui_demo_db: Database) -> None:
    pdf = render(gui_demo_db, DocumentRequest(kind="institution", ident=2)).pdf
    assert "Institution dossier" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_main_window_actions(qtbot, gui_demo_db: Database, gui_wait) -> None:
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    window.show()
    gui_wait(window)  # the lists load on a worker thread
    window.show_tab(window.visits_tab)
    window.visits_tab.view.clearSelection()
    window.briefing_action.trigger()
    assert "Select a visit" in window.statusBar().currentMessage()
    assert window.visits_tab.select_id(1)
    window.briefing_action.trigger()
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.kind == "visit" and dialog.ident == 1 and dialog.isVisible()
    dialog.reject()

    window.show_tab(window.people_tab)
    window.people_tab.select_first()
    window.dossier_action.trigger()
    assert window.export_dialog.kind == "person"
    window.export_dialog.reject()


def test_open_in_system_viewer_hands_over_a_copy(qtbot, demo_pdf: bytes) -> None:
    opened: list[str] = []

    def opener(url) -> bool:
        opened.append(url.toLocalFile())
        return True

    preview = PdfPreview(demo_pdf, "briefing-demo.pdf", "Demo", opener=opener)
    qtbot.addWidget(preview)
    path = preview.open_external()
    assert path is not None and [str(path)] == opened
    assert path.name == "briefing-demo.pdf" and path.read_bytes() == demo_pdf


def test_russian_document_from_the_window_uses_russian_names(gui_demo_db: Database) -> None:
    """The dialog's language reaches the assembly too, not only the labels: the cover names the issuing
    office by its Russian name in a Russian document and by its English name in an English one."""
    def cover(lang: str) -> str:
        pdf = render(gui_demo_db, DocumentRequest(kind="visit", ident=1, lang=lang)).pdf
        return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\n", " ")

    assert "Казанский (Приволжский) федеральный университет" in cover("ru")
    assert "Kazan Federal University" in cover("en")


def test_two_languages_and_save_as_docx_from_the_preview(qtbot, gui_demo_db: Database, tmp_path: Path) -> None:
    import docx

    dialog = BriefingDialog(gui_demo_db, "visit", 1, "Demo visit")
    qtbot.addWidget(dialog)
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("ru+en"))
    assert dialog.request().lang == "ru+en"
    dialog.generate_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    preview = dialog.preview
    assert preview is not None
    qtbot.addWidget(preview)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview.pdf)).pages).split())
    assert "Коржиков Евгений" in text and "Evgeny Korzhikov" in text  # side by side
    assert preview.docx_action.isVisible()
    target = tmp_path / "briefing.docx"
    assert preview.save_docx_to(target)
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "3. Состав делегации" in headings and "11 марта 2025 г. / 11 March 2025" in headings
    person = BriefingDialog(gui_demo_db, "person", 1, "Someone")
    qtbot.addWidget(person)
    assert person.lang_combo.findData("ru+en") == -1  # two columns are the visit briefing's
    plain = PdfPreview(preview.pdf, "b.pdf", "Demo")
    qtbot.addWidget(plain)
    assert not plain.docx_action.isVisible() and not plain.save_docx_to(target)
