"""At start, the drafts an editor left behind when Organizer was killed or crashed (``services.drafts``),
offered back: a list of them (what was edited, when it was last kept), each ticked, and three ways
out: **Restore** reopens the ticked ones' editors with every field as typed, **Discard** removes the
ticked ones (after asking), **Later** keeps them all for the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.gui.formatting import fmt_date, fmt_time
from organizer.gui.kinds import kind_title
from organizer.services.drafts import Draft


class DraftsOffer(QDialog):
    """The list of drafts left behind; ``restore`` carries the ticked drafts when Restore is chosen,
    ``discard`` those to remove when Discard is confirmed."""

    restore = Signal(list)
    discard = Signal(list)

    def __init__(self, found: list[Draft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drafts_offer")
        self.setWindowTitle(self.tr("Unsaved edits found"))
        self.drafts = list(found)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Organizer was closed while these edits were not saved. Restore them to go on "
                               "where you left off, or discard them."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Unsaved edits"))
        for draft in self.drafts:
            item = QListWidgetItem(self.describe(draft))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton = self.buttons.addButton(self.tr("&Restore"),
                                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button: QPushButton = self.buttons.addButton(self.tr("&Discard"),
                                                                  QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button: QPushButton = self.buttons.addButton(self.tr("&Later"),
                                                                QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(self.tr("Keep them and ask again at the next start"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 320)

    def describe(self, draft: Draft) -> str:
        when = f"{fmt_date(draft.saved_at.date())} {fmt_time(draft.saved_at)}"
        what = draft.title or (self.tr("%1: new record").replace("%1", kind_title(draft.kind)))
        return f"{what} — {when}"

    def ticked(self) -> list[Draft]:
        return [d for i, d in enumerate(self.drafts)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _restore(self) -> None:
        chosen = self.ticked()
        self.accept()
        if chosen:
            self.restore.emit(chosen)

    def _discard(self) -> None:
        chosen = self.ticked()
        if not chosen:
            return
        answer = QMessageBox.question(
            self, self.tr("Discard"), self.tr("Discard %n unsaved edit(s)? This cannot be undone.", "", len(chosen)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Discard:
            return
        self.accept()
        self.discard.emit(chosen)
