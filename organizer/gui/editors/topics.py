"""The topics of a record typed with commas, each completed from the topics already stored.

``TopicsField`` is a ``ListField`` (``catalysis, digital transformation``) whose topic being typed (after
the last comma) lists the stored topics that contain it, folded (case, accents, any script:
``domain.namekeys.fold``), those starting with it first: Enter or Tab takes the current one and a comma
follows, ready for the next; a new topic is simply typed (the services create it on save).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QWidget

from organizer.domain.namekeys import fold
from organizer.gui.editors.fields import ListField

OFFERED = 10


class TopicsField(ListField):
    """Topics with commas; the one being typed is completed from ``names`` (the topics stored)."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = list(names)
        self._folded = [fold(n) for n in self.names]
        self.model = QStringListModel(self)
        self.matches = QCompleter(self.model, self)
        self.matches.setWidget(self)
        self.matches.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.matches.activated[str].connect(self.take)  # type: ignore[index]  # the overload by text
        self.textEdited.connect(self._typed)

    def popup(self) -> QAbstractItemView:
        view = self.matches.popup()
        assert view is not None
        return view

    def offered(self, typed: str) -> list[str]:
        """The stored topics containing the topic being typed (starting with it first), those listed left out."""
        word = fold(typed.rsplit(",", 1)[-1])
        if len(word) < 2:
            return []
        listed = {fold(t) for t in typed.split(",")[:-1]}
        found = [(not f.startswith(word), n) for n, f in zip(self.names, self._folded, strict=True)
                 if word in f and f not in listed]
        return [n for _later, n in sorted(found, key=lambda x: x[0])][:OFFERED]

    def _typed(self, text: str) -> None:
        found = self.offered(text)
        self.model.setStringList(found)
        if not found:
            self.popup().hide()
            return
        self.matches.complete()
        self.popup().setCurrentIndex(self.model.index(0, 0))

    def take(self, name: str) -> None:
        """The topic being typed becomes ``name``; a comma follows for the next one."""
        head = self.text().rsplit(",", 1)[0].strip() if "," in self.text() else ""
        self.setText(f"{head}, {name}, " if head else f"{name}, ")
        self.popup().hide()

    def event(self, event: QEvent) -> bool:
        """Tab with the list open takes its current topic, as Enter does."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Tab and self.popup().isVisible()
                and self.popup().currentIndex().isValid()):
            self.take(str(self.popup().currentIndex().data()))
            return True
        return super().event(event)
