"""File > Thank-you letters…: recipients (the guests by default), signatory, language, preview, save all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
from PySide6.QtCore import Qt

from organizer.gui.letters_dialog import LettersDialog
from organizer.gui.main_window import MainWindow
from organizer.gui.pdf_preview import PdfPreview
from organizer.store import Database


def _rows(dialog: LettersDialog) -> dict[str, Any]:
    return {dialog.recipients.item(r).text().split(" — ")[0]: dialog.recipients.item(r)
            for r in range(dialog.recipients.count())}


def test_letters_from_the_window_go_to_the_two_guests_by_default(qtbot: Any, gui_demo_db: Database, gui_wait: Any,
                                                                  tmp_path: Path) -> None:
    window = MainWindow(gui_demo_db)
    qtbot.addWidget(window)
    window.show()
    gui_wait(window)
    window.show_tab(window.visits_tab)
    window.visits_tab.view.clearSelection()
    window.letters_action.trigger()
    assert "Select a visit" in window.statusBar().currentMessage()
    assert window.visits_tab.select_id(1)
    window.letters_action.trigger()
    dialog = window.letters_dialog
    assert isinstance(dialog, LettersDialog) and dialog.isVisible()
    rows = _rows(dialog)
    assert len(rows) == 6  # every participant is offered
    ticked = [name for name, item in rows.items() if item.checkState() == Qt.CheckState.Checked]
    assert ticked == ["Evgeny Korzhikov", "Abduhomid Salomov"]  # the guests, not our own staff
    # the signatory is one of our side (hosts), the KFU's most senior participant preselected
    signers = [dialog.signatory.itemText(i) for i in range(1, dialog.signatory.count())]
    assert sorted(signers) == ["D. Pashin", "Ilnur Khairullin", "Mikhail Varfolomeyev", "Rifkat Minnikhanov"]
    assert dialog.signatory.currentText() == "D. Pashin"
    assert dialog.lang_combo.currentData() == "en"  # the interface's language
    assert "2 letters to write" in dialog.status.text()

    written = dialog.save_all_to(tmp_path / "letters")
    assert [p.name for p in written] == ["01-Evgeny-Korzhikov.pdf", "02-Abduhomid-Salomov.pdf"]
    text = pypdf.PdfReader(written[0]).pages[0].extract_text()
    assert "Dear" in text and "D. Pashin" in text
    assert "2 letters saved" in dialog.status.text()

    # tick a host, choose another signatory and Russian: the preview shows the ticked host's letter
    rows["Rifkat Minnikhanov"].setCheckState(Qt.CheckState.Checked)
    dialog.signatory.setCurrentIndex(dialog.signatory.findText("Ilnur Khairullin"))
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("ru"))
    dialog.recipients.setCurrentItem(rows["Rifkat Minnikhanov"])
    preview = dialog.show_preview()
    assert isinstance(preview, PdfPreview)
    qtbot.addWidget(preview)
    assert preview.page_count() == 1 and "Минниханов" in preview.windowTitle()  # a Russian letter
    # the signatory cannot also be a recipient
    rows["Ilnur Khairullin"].setCheckState(Qt.CheckState.Checked)
    assert not rows["Ilnur Khairullin"].flags() & Qt.ItemFlag.ItemIsEnabled
    assert len(dialog.chosen()) == 3
    again = dialog.save_all_to(tmp_path / "ru")
    assert len(again) == 3
    signed = pypdf.PdfReader(again[0]).pages[0].extract_text()
    assert "Хайруллин" in signed or "Khairullin" in signed
    # an outgoing number and editable copies; the preview saves its letter as .docx too
    dialog.number_edit.setText("01-12/7")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("docx"))
    editable = dialog.save_all_to(tmp_path / "docx")
    assert [p.suffix for p in editable] == [".docx"] * 3
    import docx

    first = "\n".join(p.text for p in docx.Document(str(editable[0])).paragraphs)
    assert "№ 01-12/7-1" in first and "И. Хайруллин" in first  # the number, the initial before the name
    assert preview.docx_action.isVisible() and preview.save_docx_to(tmp_path / "one.docx")
    assert "Минниханов" in "\n".join(p.text for p in docx.Document(str(tmp_path / "one.docx")).paragraphs)
    # a folder that cannot be made is one line in the dialog, nothing written
    (tmp_path / "file").write_text("x")
    assert dialog.save_all_to(tmp_path / "file") == []
    assert "Could not write the letters" in dialog.status.text()
    # nothing ticked: nothing to save
    for item in _rows(dialog).values():
        item.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.save_button.isEnabled() and "Tick at least one" in dialog.status.text()
    dialog.reject()
