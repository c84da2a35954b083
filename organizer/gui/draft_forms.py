"""The right side of the draft review (``draft_review``): the form of each kind of proposal, the picker of
the stored record it is merged with, its "Import this proposal" box and its source sentence, highlighted.

The forms only show and signal: ``edited`` when a field changed, ``merge_edited`` when a merge picker picked or
was emptied; the dialog reads them into the draft.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import RecordKind
from organizer.gui.editors.picker import RecordPicker, describer, finder
from organizer.gui.undo import RecordActions
from organizer.services.drafting import review


def marked(sentence: str, words: list[str]) -> str:
    """The sentence as HTML, the proposal's words (``review.highlights``) marked."""
    out, at = [], 0
    for start, end in review.highlights(sentence, *words):
        out.append(html.escape(sentence[at:start]))
        out.append('<span style="background-color:#ffe066; color:#000000; font-weight:bold">'
                   + html.escape(sentence[start:end]) + "</span>")
        at = end
    out.append(html.escape(sentence[at:]))
    return "".join(out)



class ProposalForms(QWidget):
    """One page per kind of proposal (a stack), the accept box and the source sentence."""

    edited = Signal()
    merge_edited = Signal()

    def __init__(self, records: RecordActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = records
        self._build()

    def _fit_page(self, current: int) -> None:
        """The stack as tall as the page shown (the source sentence gets the rest), not as the tallest page."""
        for n in range(self.pages.count()):
            page = self.pages.widget(n)
            if page is not None:
                policy = QSizePolicy.Policy.Preferred if n == current else QSizePolicy.Policy.Ignored
                page.setSizePolicy(policy, policy)
        self.pages.adjustSize()

    def _line(self, form: QFormLayout, label: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(label.replace("&", ""))
        edit.textEdited.connect(self.edited)
        form.addRow(label, edit)
        return edit

    def _combo(self, form: QFormLayout, label: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(label.replace("&", ""))
        combo.activated.connect(self.edited)
        form.addRow(label, combo)
        return combo

    def _merge(self, form: QFormLayout, label: str, kind: RecordKind, empty: str) -> RecordPicker:
        picker = RecordPicker(finder(self.records, kind), describe=describer(self.records, kind))
        picker.setAccessibleName(label.replace("&", ""))
        picker.setPlaceholderText(empty)
        picker.edited.connect(self.merge_edited)
        form.addRow(label, picker)
        return picker

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pages.addWidget(page)
        return page, form

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        column.addWidget(self.heading)
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self._fit_page)
        self.empty_page, _ = self._page()
        self.visit_page, form = self._page()
        self.visit_title = self._line(form, self.tr("&Title"), "visit_title")
        self.visit_place = self._line(form, self.tr("P&lace"), "visit_place")
        self.visit_start = self._line(form, self.tr("&Starts (YYYY-MM-DD)"), "visit_start")
        self.visit_end = self._line(form, self.tr("&Ends (YYYY-MM-DD)"), "visit_end")
        self.visit_purpose = QPlainTextEdit()
        self.visit_purpose.setTabChangesFocus(True)
        self.visit_purpose.setAccessibleName(self.tr("Purpose"))
        self.visit_purpose.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.visit_purpose.textChanged.connect(self.edited)
        form.addRow(self.tr("P&urpose"), self.visit_purpose)
        self.visit_merge = self._merge(form, self.tr("Add to the &visit"), RecordKind.VISIT,
                                       self.tr("Empty: a new visit. Type to find a stored one"))
        self.person_page, form = self._page()
        self.person_name = self._line(form, self.tr("&Name"), "person_name")
        self.person_title = self._line(form, self.tr("&Title", "of a person"), "person_title")
        self.person_institution = self._combo(form, self.tr("Instit&ution"), "person_institution")
        self.person_side = self._combo(form, self.tr("&Side"), "person_side")
        self.person_side.addItem(self.tr("Guest (the visiting delegation)"), "guest")
        self.person_side.addItem(self.tr("Host"), "host")
        self.person_merge = self._merge(form, self.tr("Same person &as"), RecordKind.PERSON,
                                        self.tr("Empty: a new person. Type to find a stored one"))
        self.institution_page, form = self._page()
        self.institution_name = self._line(form, self.tr("&Name"), "institution_name")
        self.institution_parent = self._combo(form, self.tr("Part &of"), "institution_parent")
        self.institution_merge = self._merge(form, self.tr("Same institution &as"), RecordKind.INSTITUTION,
                                             self.tr("Empty: a new institution. Type to find a stored one"))
        self.meeting_page, form = self._page()
        self.meeting_title = self._line(form, self.tr("&Title"), "meeting_title")
        self.meeting_people = QLabel()
        self.meeting_people.setWordWrap(True)
        self.meeting_people.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                    | Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Participants"), self.meeting_people)
        self.meeting_merge = self._merge(form, self.tr("Same meeting &as"), RecordKind.MEETING,
                                         self.tr("Empty: a new meeting. Type to find a stored one"))
        self.topic_page, form = self._page()
        self.topic_name = self._line(form, self.tr("&Topic"), "topic_name")
        self.followup_page, form = self._page()
        self.followup_text = self._line(form, self.tr("&Description"), "followup_text")
        column.addWidget(self.pages)
        self.accept_box = QCheckBox(self.tr("I&mport this proposal"))
        column.addWidget(self.accept_box)
        source = QLabel(self.tr("Source sentence (the proposal's words highlighted):"))
        column.addWidget(source)
        self.source = QTextBrowser()
        self.source.setAccessibleName(self.tr("Source sentence"))
        self.source.setOpenLinks(False)
        source.setBuddy(self.source)
        column.addWidget(self.source, 1)

