"""The review of a visit drafted from a report (File > New visit from text; issue 21, scope 3).

Left, every proposal of the draft (``services.drafting.review``) under its heading: the visit, the people with
their titles and institutions, the institutions with their parents, the meetings in order with who took part,
the topics and the follow-ups; beside each, what importing it will do ("new person", "existing: D. Pashin —
Kazan Federal University", "dropped"). A proposal's check box accepts or drops it (Space or Delete). Right, the
current proposal's fields to edit, the stored record it is merged with (a typing picker, pre-filled with the
record the search matched; empty: a new record) and its source sentence with the proposal's words
highlighted. Nothing is written until Import (Ctrl+Enter): one transaction through ``review.import_reviewed``,
the service ``organizer import`` uses; Cancel or Esc writes nothing (asking first when something was edited).
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.dates import parse_date
from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError, ValidationError
from organizer.gui.draft_forms import ProposalForms, marked
from organizer.gui.editors.sizes import available, fitting_size
from organizer.gui.messages import error_text
from organizer.gui.undo import RecordActions
from organizer.services.drafting import review
from organizer.services.drafting.writing import DraftWritten

ITEM = Qt.ItemDataRole.UserRole
"""A tree item's proposal: ``(section, index)`` (``("visit", 0)`` for the visit), None on a heading."""
KIND_OF = {"people": RecordKind.PERSON, "institutions": RecordKind.INSTITUTION, "visit": RecordKind.VISIT,
           "meetings": RecordKind.MEETING}


class DraftReviewDialog(QDialog):
    """Accept, edit, merge or drop each proposal of a draft, then import it (see the module docstring)."""

    def __init__(self, records: RecordActions, drafted: review.ReviewDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New visit from text: review"))
        self.records, self.db, self.drafted = records, records.db, drafted
        self.draft = drafted.draft
        self.original = copy.deepcopy(drafted.draft)
        self.dropped: set[tuple[str, int]] = set()
        self.written: DraftWritten | None = None
        self.ask_discard: Callable[[], bool] = lambda: QMessageBox.question(
            self, self.windowTitle(), self.tr("Discard this draft? Nothing has been written to the database."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel) == QMessageBox.StandardButton.Discard
        """Asked on Cancel/Esc once something was edited or dropped; tests answer for the user."""
        self._loading = False
        self._current: tuple[str, int] | None = None

        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Proposal"), self.tr("On import")])
        self.tree.setAccessibleName(self.tr("Proposals"))
        self.tree.setAlternatingRowColors(True)
        label = QLabel(self.tr("&Proposals (Space accepts or drops the selected one):"))
        label.setBuddy(self.tree)
        column.addWidget(label)
        column.addWidget(self.tree, 1)
        split.addWidget(left)
        self.forms = ProposalForms(records)
        self.forms.edited.connect(self._store)
        self.forms.merge_edited.connect(self._merged)
        self.forms.accept_box.toggled.connect(self._accept_toggled)
        split.addWidget(self.forms)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.import_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field never imports
            button.setDefault(False)
        self.import_button.setToolTip(self.tr("Write the accepted proposals (Ctrl+Enter)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        keys = QLabel(self.tr("Keys: Up/Down choose a proposal, Space or Delete accepts or drops it, Tab edits it, "
                              "Ctrl+Enter imports, Esc cancels."))
        keys.setWordWrap(True)
        layout.addWidget(keys)
        layout.addWidget(self.buttons)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.accept)
        self._fill_tree()
        self.tree.itemChanged.connect(self._checked)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.tree.installEventFilter(self)
        self.resize(fitting_size(QSize(1200, 720), available(self)))
        first = self.tree.topLevelItem(0)
        if first is not None and (child := first.child(0)) is not None:
            self.tree.setCurrentItem(child)
        self.tree.setFocus()
        self._update_summary()

    # --- the tree ----------------------------------------------------------------------------------

    def _sections(self) -> list[tuple[str, str, int]]:
        d = self.draft
        return [("visit", self.tr("Visit"), 1), ("people", self.tr("People (%1)").replace("%1", str(len(d.people))),
                                                  len(d.people)),
                ("institutions", self.tr("Institutions (%1)").replace("%1", str(len(d.institutions))),
                 len(d.institutions)),
                ("meetings", self.tr("Meetings in order (%1)").replace("%1", str(len(d.meetings))), len(d.meetings)),
                ("topics", self.tr("Topics (%1)").replace("%1", str(len(d.visit.topics))), len(d.visit.topics)),
                ("followups", self.tr("Follow-ups (%1)").replace("%1", str(len(d.followups))), len(d.followups))]

    def _fill_tree(self) -> None:
        self.items: dict[tuple[str, int], QTreeWidgetItem] = {}
        for section, title, count in self._sections():
            head = QTreeWidgetItem([title])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for index in range(count):
                item = QTreeWidgetItem()
                item.setData(0, ITEM, (section, index))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if section != "visit":
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                    item.setCheckState(0, Qt.CheckState.Checked)
                item.setFlags(flags)
                head.addChild(item)
                self.items[(section, index)] = item
                self._describe(section, index)
            head.setExpanded(True)
            if not count:
                head.setText(1, self.tr("none found"))
        header = self.tree.header()
        header.setStretchLastSection(False)  # the proposal takes the room; what import does, a fixed share
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, self.fontMetrics().averageCharWidth() * 36)

    def _describe(self, section: str, index: int) -> None:
        """The item's text: the proposal and what importing it does."""
        item = self.items[(section, index)]
        d, labels = self.draft, self.drafted
        will = ""
        if section == "visit":
            text = d.visit.title
            will = self.tr("add to: %1").replace("%1", labels.label(RecordKind.VISIT, d.visit.existing_id)) \
                if d.visit.existing_id is not None else self.tr("new visit")
        elif section == "people":
            person = d.people[index]
            text = ", ".join(x for x in (person.full_name, person.title, person.institution) if x)
            will = self.tr("existing: %1").replace("%1", labels.label(RecordKind.PERSON, person.existing_id)) \
                if person.existing_id is not None else self.tr("new person")
        elif section == "institutions":
            inst = d.institutions[index]
            text = inst.name + (" ⊂ " + inst.parent if inst.parent else "")
            will = self.tr("existing: %1").replace("%1", labels.label(RecordKind.INSTITUTION, inst.existing_id)) \
                if inst.existing_id is not None else self.tr("new institution")
        elif section == "meetings":
            meeting = d.meetings[index]
            text = f"{index + 1}. {meeting.title}"
            will = self.tr("existing: %1").replace("%1", labels.label(RecordKind.MEETING, meeting.existing_id)) \
                if meeting.existing_id is not None else self.tr("new meeting")
        elif section == "topics":
            text = d.visit.topics[index]
            will = self.tr("on the visit already") if self.drafted.topic_held(text) \
                else self.tr("new topic of the visit")
        else:
            followup = d.followups[index]
            text = followup.description
            will = self.tr("recorded already") if followup.existing_id is not None else self.tr("new follow-up")
        if (section, index) in self.dropped:
            will = self.tr("dropped")
        self._loading, was = True, self._loading
        try:
            item.setText(0, text)
            item.setToolTip(0, text)
            item.setText(1, will)
            item.setToolTip(1, will)
        finally:
            self._loading = was

    def _describe_all(self) -> None:
        for key in self.items:
            self._describe(*key)
        self._update_summary()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Delete on a proposal drops it (or takes it back), as Space does."""
        if watched is self.tree and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
            item = self.tree.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                checked = item.checkState(0) == Qt.CheckState.Checked
                item.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
                return True
        return super().eventFilter(watched, event)

    def set_dropped(self, section: str, index: int, dropped: bool = True) -> None:
        """Drop a proposal (or take it back), as its check box does."""
        self.items[(section, index)].setCheckState(0, Qt.CheckState.Unchecked if dropped else Qt.CheckState.Checked)

    def _checked(self, item: QTreeWidgetItem, column: int) -> None:
        key = item.data(0, ITEM)
        if self._loading or column != 0 or key is None or key[0] == "visit":
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self.dropped.discard(tuple(key))
        else:
            self.dropped.add(tuple(key))
        self._describe(*key)
        if self._current == tuple(key):
            self._loading = True
            self.forms.accept_box.setChecked(tuple(key) not in self.dropped)
            self._loading = False
        self._update_summary()

    def _accept_toggled(self, on: bool) -> None:
        if not self._loading and self._current is not None and self._current[0] != "visit":
            self.set_dropped(*self._current, dropped=not on)

    # --- showing and storing the current proposal ---------------------------------------------------

    def _show(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, ITEM) if item is not None else None
        self._current = tuple(key) if key is not None else None
        self._loading = True
        try:
            self._load(self._current)
        finally:
            self._loading = False

    def _names(self, combo: QComboBox, chosen: str | None, leave_out: str | None = None) -> None:
        combo.clear()
        combo.addItem(self.tr("(none)"), "")
        for inst in self.draft.institutions:
            if inst.name != leave_out:
                combo.addItem(inst.name, inst.name)
        found = combo.findData(chosen or "")
        if found < 0:  # a name no proposal has (the writer gives no position there)
            combo.addItem(chosen or "", chosen or "")
            found = combo.count() - 1
        combo.setCurrentIndex(found)

    def _load(self, key: tuple[str, int] | None) -> None:
        d = self.draft
        section = key[0] if key is not None else ""
        index = key[1] if key is not None else 0
        self.forms.accept_box.setVisible(section not in ("", "visit"))
        self.forms.accept_box.setChecked(key not in self.dropped)
        sentence, words = "", []
        if section == "visit":
            self.forms.pages.setCurrentWidget(self.forms.visit_page)
            self.forms.heading.setText(self.tr("Visit"))
            v = d.visit
            self.forms.visit_title.setText(v.title)
            self.forms.visit_place.setText(v.place)
            self.forms.visit_start.setText(v.start_date or "")
            self.forms.visit_end.setText(v.end_date or "")
            self.forms.visit_purpose.setPlainText(v.purpose)
            self.forms.visit_merge.set_value(v.existing_id, self.drafted.label(RecordKind.VISIT, v.existing_id))
            sentence, words = v.title, [v.place, v.guest_institution or "", *v.host_institutions]
        elif section == "people":
            self.forms.pages.setCurrentWidget(self.forms.person_page)
            self.forms.heading.setText(self.tr("Person"))
            p = d.people[index]
            self.forms.person_name.setText(p.full_name)
            self.forms.person_title.setText(p.title)
            self._names(self.forms.person_institution, p.institution)
            self.forms.person_side.setCurrentIndex(max(0, self.forms.person_side.findData(p.side)))
            self.forms.person_merge.set_value(p.existing_id, self.drafted.label(RecordKind.PERSON, p.existing_id))
            sentence, words = p.sentence, [p.full_name, p.title, p.institution]
        elif section == "institutions":
            self.forms.pages.setCurrentWidget(self.forms.institution_page)
            self.forms.heading.setText(self.tr("Institution"))
            inst = d.institutions[index]
            self.forms.institution_name.setText(inst.name)
            self._names(self.forms.institution_parent, inst.parent, leave_out=inst.name)
            self.forms.institution_merge.set_value(inst.existing_id,
                                             self.drafted.label(RecordKind.INSTITUTION, inst.existing_id))
            sentence, words = inst.sentence, [inst.name, inst.parent or ""]
        elif section == "meetings":
            self.forms.pages.setCurrentWidget(self.forms.meeting_page)
            self.forms.heading.setText(self.tr("Meeting %1").replace("%1", str(index + 1)))
            meeting = d.meetings[index]
            self.forms.meeting_title.setText(meeting.title)
            self.forms.meeting_merge.set_value(meeting.existing_id,
                                               self.drafted.label(RecordKind.MEETING, meeting.existing_id))
            left = {p.full_name for n, p in enumerate(d.people) if ("people", n) in self.dropped}
            self.forms.meeting_people.setText(", ".join(p for p in meeting.participants if p not in left)
                                        or self.tr("(none named)"))
            sentence, words = meeting.sentence, [meeting.title, *meeting.participants]
        elif section == "topics":
            self.forms.pages.setCurrentWidget(self.forms.topic_page)
            self.forms.heading.setText(self.tr("Topic"))
            self.forms.topic_name.setText(d.visit.topics[index])
            sentence = next((s for s in (*(m.sentence for m in d.meetings), *(p.sentence for p in d.people))
                             if d.visit.topics[index].casefold() in s.casefold()), "")
            words = [d.visit.topics[index]]
        elif section == "followups":
            self.forms.pages.setCurrentWidget(self.forms.followup_page)
            self.forms.heading.setText(self.tr("Follow-up"))
            followup = d.followups[index]
            self.forms.followup_text.setText(followup.description)
            sentence, words = followup.sentence, [followup.description]
        else:
            self.forms.pages.setCurrentWidget(self.forms.empty_page)
            self.forms.heading.setText("")
        page = self.forms.pages.currentWidget()
        for edit in page.findChildren(QLineEdit) if page is not None else []:
            edit.setCursorPosition(0)  # a long title shows its beginning
        self.forms.source.setHtml(marked(sentence, words) if sentence else
                            "<i>" + html.escape(self.tr("(no source sentence)")) + "</i>")

    def _store(self, *_args: object) -> None:
        """The current form's fields into the draft (renames keep the references in step)."""
        if self._loading or self._current is None:
            return
        section, index = self._current
        d = self.draft
        if section == "visit":
            d.visit.title = self.forms.visit_title.text()
            d.visit.place = self.forms.visit_place.text()
            d.visit.start_date = _iso(self.forms.visit_start.text())
            d.visit.end_date = _iso(self.forms.visit_end.text())
            d.visit.purpose = self.forms.visit_purpose.toPlainText()
        elif section == "people":
            p = d.people[index]
            if self.forms.person_name.text() != p.full_name:
                review.rename_person(d, index, self.forms.person_name.text())
            p.title = self.forms.person_title.text()
            p.institution = str(self.forms.person_institution.currentData() or "")
            p.side = str(self.forms.person_side.currentData())
        elif section == "institutions":
            inst = d.institutions[index]
            if self.forms.institution_name.text() != inst.name:
                review.rename_institution(d, index, self.forms.institution_name.text())
            inst.parent = str(self.forms.institution_parent.currentData() or "") or None
        elif section == "meetings":
            d.meetings[index].title = self.forms.meeting_title.text()
        elif section == "topics":
            d.visit.topics[index] = self.forms.topic_name.text()
        elif section == "followups":
            d.followups[index].description = self.forms.followup_text.text()
        self._describe_all()

    def _merged(self) -> None:
        """A stored record picked in the merge picker (or the picker emptied: a new record)."""
        if self._loading or self._current is None:
            return
        section, index = self._current
        kind = KIND_OF.get(section)
        if kind is None:
            return
        picker = {"people": self.forms.person_merge, "institutions": self.forms.institution_merge,
                  "meetings": self.forms.meeting_merge, "visit": self.forms.visit_merge}[section]
        value = picker.value()
        if value is not None:
            self.drafted.labels.setdefault(kind, {})[value] = picker.label()
        if section == "people":
            self.draft.people[index].existing_id = value
        elif section == "institutions":
            self.draft.institutions[index].existing_id = value
        elif section == "meetings":
            self.draft.meetings[index].existing_id = value
        else:
            try:
                relinked = self.records.call(review.relink_visit, self.db, self.draft, value)
            except OrganizerError as err:
                self._problem(error_text(err))
                return
            for kind_of, names in relinked.labels.items():
                self.drafted.labels.setdefault(kind_of, {}).update(names)
            self.drafted.visit_topics = relinked.visit_topics
        self._describe_all()

    # --- summary, import, cancel -------------------------------------------------------------------

    def _update_summary(self, problem: str = "") -> None:
        d = self.draft
        people = [p for n, p in enumerate(d.people) if ("people", n) not in self.dropped]
        insts = [i for n, i in enumerate(d.institutions) if ("institutions", n) not in self.dropped]
        text = self.tr("%1 people (%2 already stored), %3 institutions (%4 already stored), %5 meetings, "
                       "%6 follow-ups will be imported. Nothing is written until you press Import.") \
            .replace("%1", str(len(people))).replace("%2", str(sum(p.existing_id is not None for p in people))) \
            .replace("%3", str(len(insts))).replace("%4", str(sum(i.existing_id is not None for i in insts))) \
            .replace("%5", str(sum(("meetings", n) not in self.dropped for n in range(len(d.meetings))))) \
            .replace("%6", str(sum(("followups", n) not in self.dropped for n in range(len(d.followups)))))
        if problem:
            text = f'<span style="color:#b00020">{html.escape(problem)}</span><br>{html.escape(text)}'
        self.summary.setText(text)

    def _problem(self, text: str) -> None:
        self._update_summary(text)

    def problem_text(self, error: OrganizerError) -> str:
        """A refusal of ``review.check`` in the interface language."""
        if not isinstance(error, ValidationError):
            return error_text(error)
        known = {"visit_title": self.tr("The visit needs a title."),
                 "not_a_date": self.tr("A date is not a date: write it as YYYY-MM-DD."),
                 "visit_ends_early": self.tr("The visit ends before it starts."),
                 "empty_person": self.tr("A person's name is empty."),
                 "same_person": self.tr("Two people have the same name: drop one or rename it."),
                 "empty_institution": self.tr("An institution's name is empty."),
                 "empty_meeting": self.tr("A meeting's title is empty."),
                 "empty_followup": self.tr("A follow-up's description is empty.")}
        return " ".join(known.get(p.code, p.text) for p in error.issues.values())

    def has_changes(self) -> bool:
        return bool(self.dropped) or self.draft != self.original

    def accept(self) -> None:
        """Import: the accepted proposals in one transaction; on a refusal say why and stay open."""
        try:
            self.written = self.records.call(review.import_reviewed, self.db, self.draft, sorted(self.dropped))
        except OrganizerError as err:
            self._problem(self.problem_text(err))
            return
        super().accept()

    def reject(self) -> None:
        """Cancel, Esc, the close button: nothing is written; with edits, ask first."""
        if self.has_changes() and not self.ask_discard():
            return
        super().reject()


def _iso(text: str) -> str | None:
    """A typed date (11.03.2025, 11 марта 2025, 2025-03-11: ``domain.dates``) as the draft holds it; text that
    names no date is kept, and the review's check names it."""
    text = text.strip()
    try:
        day = parse_date(text)
    except ValueError:
        return text
    return day.isoformat() if day else None
