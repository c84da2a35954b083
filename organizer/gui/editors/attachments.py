"""Files attached to a record, inside its editor: drop files (or choose them) to attach, open one with
the system's viewer, remove one. Each is an undoable step at once (not on Save): the file is stored
in the database through ``services.attachments``."""

from __future__ import annotations

import mimetypes
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organizer.domain.enums import RecordKind
from organizer.domain.errors import OrganizerError
from organizer.domain.records import AttachmentRow
from organizer.gui.messages import error_text
from organizer.gui.undo import RecordActions
from organizer.services.attachments import attachment_content, list_attachments

NAME_BYTES = 120
"""Longest name (UTF-8 bytes) of the temporary copy an attachment is opened from (file systems allow 255)."""


def temp_file_name(name: str) -> str:
    """A file name for a copy of the attachment ``name`` that is safe in any folder: its last path part,
    without control characters or leading dots, at most ``NAME_BYTES`` bytes (the extension kept), and
    "file" for a name with nothing left (``..``, ``a/..``, ``/``)."""
    last = re.split(r"[/\\]", name)[-1]
    last = "".join(ch for ch in last if ch.isprintable()).strip().lstrip(".")
    if not last:
        return "file"
    stem, dot, suffix = last.rpartition(".")
    if not dot or len(suffix.encode()) > 16 or not stem:
        stem, suffix = last, ""
    room = NAME_BYTES - (len(suffix.encode()) + 1 if suffix else 0)
    stem = stem.encode()[:room].decode(errors="ignore").rstrip() or "file"
    return f"{stem}.{suffix}" if suffix else stem


class AttachmentsPanel(QWidget):
    """The files of one stored record."""

    def __init__(self, actions: RecordActions, owner: RecordKind, owner_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records, self.owner, self.owner_id = actions, owner, owner_id
        self.rows: list[AttachmentRow] = []
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        """How a file is shown (the system's viewer; a test passes its own)."""
        self.setAcceptDrops(owner_id is not None)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Attached files"))
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Attach files…"))
        self.open_button = QPushButton(self.tr("&Open"))
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.add_button.clicked.connect(self._choose)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
            button.setEnabled(owner_id is not None)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        actions.attachments_changed.connect(self._on_changed)
        if owner_id is None:
            self.message.setText(self.tr("Save the record first, then attach files to it."))
        else:
            self.message.setText(self.tr("Drop files here to attach them."))
            self.reload()

    def reload(self) -> None:
        self.list.clear()
        self.rows = (self.records.call(list_attachments, self.records.db, self.owner, self.owner_id)
                     if self.owner_id else [])
        locale = QLocale()
        for row in self.rows:
            item = QListWidgetItem(f"{row.name}  ({locale.formattedDataSize(row.size)})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)

    def _on_changed(self, owner: RecordKind, owner_id: int) -> None:
        if owner is self.owner and owner_id == self.owner_id:
            self.reload()

    def add_files(self, paths: Sequence[str | Path]) -> int:
        """Attach these files; returns how many were attached (problems are shown below the list)."""
        if self.owner_id is None:
            return 0
        added, problems = 0, []
        for path in map(Path, paths):
            try:
                if path.exists() and not path.is_file():  # a folder, a FIFO (reading would hang), a device
                    problems.append(f"{path.name}: " + self.tr("not a regular file"))
                    continue
                content = path.read_bytes()
            except OSError as err:
                problems.append(f"{path.name}: {err.strerror}")
                continue
            try:
                self.records.attach(self.owner, self.owner_id, path.name, content,
                                    mimetypes.guess_type(path.name)[0] or "")
                added += 1
            except OrganizerError as err:
                problems.append(f"{path.name}: {error_text(err)}")
        self.message.setText("\n".join(problems) if problems else self.tr("Drop files here to attach them."))
        return added

    def current_row(self) -> AttachmentRow | None:
        index = self.list.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def remove_current(self) -> None:
        row = self.current_row()
        if row is not None and self.owner_id is not None:
            try:
                self.records.detach(self.owner, self.owner_id, row)
            except OrganizerError as err:
                self.message.setText(error_text(err))

    def open_current(self) -> Path | None:
        """Open the file with the system's viewer (from a private temporary copy named after it, made
        safe: ``temp_file_name``); a failure is said below the list, never raised."""
        row = self.current_row()
        if row is None:
            return None
        try:
            content = self.records.call(attachment_content, self.records.db, row.id)
        except OrganizerError as err:
            self.message.setText(error_text(err))
            return None
        folder: Path | None = None
        try:
            folder = Path(tempfile.mkdtemp(prefix="organizer-"))
            target = folder / temp_file_name(row.name)
            with open(target, "xb") as fh:  # a new file in our private folder, never an existing one
                fh.write(content)
            target.chmod(0o600)
        except OSError as err:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            self.message.setText(self.tr("Cannot open %1: %2").replace("%1", row.name[:100])
                                 .replace("%2", err.strerror or str(err)))
            return None
        if self.open_url(QUrl.fromLocalFile(str(target))) is False:
            self.message.setText(self.tr("No program to open this file was found. A copy is at %1")
                                 .replace("%1", str(target)))
        return target

    def _choose(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        self.add_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_files([url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()])
        event.acceptProposedAction()
