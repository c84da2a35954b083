"""The Preferences dialog: the interface language and the user name written in the audit trail.

A language change is saved on OK; the application then shows the window again in that language
(``WindowManager.switch_language``: the window is built anew, which re-translates every label, view
and detail pane at once). If the session has undo history, the window asks first and otherwise leaves
the change for the next start.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from organizer.gui.i18n import SYSTEM, choose_language, current_language, language_names
from organizer.gui.settings import Settings


class PreferencesDialog(QDialog):
    """Edit the preferences kept in ``Settings``; OK saves, Cancel leaves them as they were."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setAccessibleName(self.tr("Preferences"))
        self._settings = settings
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Interface language"))
        self.language.addItem(self.tr("System default"), SYSTEM)
        for code, name in language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.note = QLabel(self.tr("The window switches to the new language when you press OK."))
        self.note.setWordWrap(True)
        self.note.setEnabled(False)

        form = QFormLayout()
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        self.user_name = QLineEdit(settings.user_name)
        self.user_name.setAccessibleName(self.tr("Your name in the history of changes"))
        self.user_name.setPlaceholderText(self.tr("your login name"))
        self.user_name.setToolTip(self.tr("Written with every change you make (a record's History). Empty: "
                                          "your login name."))
        user_label = QLabel(self.tr("&Your name:"))
        user_label.setBuddy(self.user_name)
        form.addRow(user_label, self.user_name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        self._settings.language = self.chosen_language()
        self._settings.user_name = self.user_name.text()
        super().accept()

    def restart_needed(self) -> bool:
        """Whether the saved language differs from the one the window is shown in."""
        return choose_language(None, self._settings.language) != current_language()
