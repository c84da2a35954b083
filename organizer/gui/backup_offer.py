"""When a database cannot be opened (damaged, not an Organizer database, written by a newer Organizer),
offer the newest automatic backup of it that opens cleanly.

``BackupOffer`` says what went wrong, which backup would be restored (when it was made, and which newer
ones were skipped and why) and where the current file will be kept: it is renamed aside in the
``backups`` folder, never changed (``services.backup.restore_database``). Nothing happens unless the
user chooses "Restore". Used by File > Open (``gui.app.WindowManager``) and at start-up, when the
database named on the command line cannot be opened (``recover_at_start``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from organizer.domain.errors import OrganizerError
from organizer.gui.formatting import fmt_date, fmt_time
from organizer.services.backup import (
    BackupChoice,
    RestoreReport,
    local_database_path,
    newest_good_backup,
    restore_database,
)

translate = QCoreApplication.translate


class BackupOffer(QMessageBox):
    """The question "restore the newest good backup?"; ``restore()`` does it once "Restore" was chosen."""

    def __init__(self, database: Path, error: str, choice: BackupChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_offer")
        self.database = database
        self.choice = choice
        self.report: RestoreReport | None = None
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(translate("BackupOffer", "Cannot Open Database"))
        self.setText(translate("BackupOffer", "Organizer could not open %1.").replace("%1", str(database))
                     + "\n\n" + error)
        when = choice.made_at.astimezone() if choice.made_at else None
        made = f"{fmt_date(when.date())} {fmt_time(when)}" if when else choice.path.name
        info = translate("BackupOffer", "The newest backup that opens cleanly is from %1. Restore it? The "
                                        "current file is kept, unchanged, in the folder %2.") \
            .replace("%1", made).replace("%2", str(choice.path.parent))
        if choice.skipped:
            info += "\n\n" + translate("BackupOffer", "Newer backups that cannot be used: %1") \
                .replace("%1", "; ".join(f"{p.name} ({why})" for p, why in choice.skipped))
        self.setInformativeText(info)
        self.restore_button = self.addButton(translate("BackupOffer", "Restore"), QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)

    def restore(self) -> RestoreReport:
        """Restore the offered backup (the current file set aside); raises OrganizerError if it fails."""
        self.report = restore_database(self.database, self.choice.path, set_aside_unusable=True)
        return self.report


def offer_backup(parent: QWidget | None, database: Path | str | None, error: str) -> bool:
    """Say that ``database`` cannot be opened; offer its newest good backup if there is one.

    True once a backup was restored (the caller opens the database again); False if there was none,
    the user declined, or the restore failed (each said in a message).
    """
    if isinstance(database, str):  # a URL: only a local file has backups
        database = local_database_path(database)
    choice = newest_good_backup(database) if database is not None else None
    title = translate("BackupOffer", "Cannot Open Database")
    if choice is None or database is None:
        QMessageBox.warning(parent, title, translate("BackupOffer", "Organizer could not open %1.")
                            .replace("%1", str(database) if database else "") + "\n\n" + error)
        return False
    box = BackupOffer(database, error, choice, parent)
    box.exec()
    if box.clickedButton() is not box.restore_button:
        return False
    try:
        box.restore()
    except OrganizerError as err:
        QMessageBox.warning(parent, title, translate("BackupOffer", "The backup could not be restored.")
                            + "\n\n" + str(err))
        return False
    return True
