"""The editors' Languages page (issue 18): a record's texts in other languages, edited next to the record.

Every editor whose kind has translatable fields (``domain.fields``: ``Field.translatable``) gets the page
from ``EditorDialog`` itself, so the editors' own pages are not touched: a table of variants (which field,
which language, the text; Add and Remove, Tab and the arrow keys move between cells, typing edits) and,
for a person, the name as the Russian and the English reader see it, marked "automatic" when no one wrote
it (``domain.personnames``: an automatic romanization or Cyrillization); "Keep as written" stores that
form as a name variant, after which it is no longer automatic.

The page gives ``variants`` for the form's ``*Data`` (``value()``): what it shows, sorted as the service
stores them. A record whose editor never showed the page keeps its variants (the form then gives None).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from organizer.domain.fields import KINDS, FieldTable
from organizer.domain.personnames import name_in
from organizer.domain.records import NameVariant, TextVariant
from organizer.domain.variants import LANGS, from_mapping, script_of_lang
from organizer.gui.editors.fields import RowColumn, RowsEditor

LANGUAGE_CHOICES = ("ru", "en", "uz", "tt", "zh", "ko")
"""Languages offered in the table (any code can be typed over them: the service checks it)."""


def _language_choices() -> Sequence[tuple[Any, str]]:
    return [(code, code) for code in LANGUAGE_CHOICES]


class VariantsPanel(QWidget):
    """The Languages page of an editor: see the module docstring."""

    edited = Signal()

    def __init__(self, table: FieldTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        paths = table.translatable_paths()
        labels = {path: QCoreApplication.translate("Fields", self._label(path)) for path in paths}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Texts of this record in other languages: documents and the window in that "
                               "language show them instead of the text as entered."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.rows = RowsEditor([
            RowColumn("field", self.tr("Field"), "choice", lambda: list(labels.items()), paths[0] if paths else "",
                      160, labels=labels),
            RowColumn("lang", self.tr("Language"), "choice", _language_choices, "ru", 90),
            RowColumn("text", self.tr("Text")),
        ])
        self.rows.setAccessibleName(self.tr("Language variants"))
        self.rows.edited.connect(self.edited)
        layout.addWidget(self.rows, 1)
        self.names = QWidget()
        self.names_layout = QVBoxLayout(self.names)
        self.names_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.names)
        self.names.hide()
        self._keep: Callable[[NameVariant], None] | None = None

    def _label(self, path: str) -> str:
        head, _, rest = path.partition(".")
        fld = self.table[head]
        return fld.row_table[rest].label if rest else fld.label

    def set_value(self, variants: Sequence[TextVariant] | None) -> None:
        self.rows.set_value([{"field": v.field, "lang": v.lang, "text": v.text} for v in variants or ()])

    def value(self) -> tuple[TextVariant, ...]:
        return tuple(sorted(TextVariant(str(r.get("field") or ""), str(r.get("lang") or "").strip(),
                                        str(r.get("text") or "").strip())
                            for r in self.rows.value() if str(r.get("text") or "").strip()))

    def draft_value(self) -> list[dict[str, str]]:
        """The variants as a draft keeps them (``editors.drafting``)."""
        return [{"field": v.field, "lang": v.lang, "text": v.text} for v in self.value()]

    def set_draft_value(self, state: Any) -> None:
        rows = state if isinstance(state, list) else []
        self.rows.set_value([{k: str(r.get(k) or "") for k in ("field", "lang", "text")}
                             for r in rows if isinstance(r, dict)])

    def load(self, data: Any, names: Any = None) -> None:
        """Show ``data``'s variants and, for a person (``names``: the editor's name variants table), their
        names per document language."""
        self.set_value(getattr(data, "variants", None))
        if isinstance(names, RowsEditor) and hasattr(data, "given_name"):
            target = weakref.ref(names)

            def keep(variant: NameVariant) -> None:
                editor = target()
                if editor is not None:
                    editor.add_row({"name": variant.name, "script": variant.script, "language": variant.language})
                    editor.edited.emit()

            self.show_names(data, keep)

    # --- a person's names --------------------------------------------------------------------------

    def show_names(self, person: Any, keep: Callable[[NameVariant], None]) -> None:
        """Show the person's name for each document language, marking automatic forms with a button that
        keeps them (``keep`` adds the name variant to the editor's names)."""
        self._keep = keep
        while self.names_layout.count():
            item = self.names_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for lang in LANGS:
            name = name_in(person, lang)
            shown = name.shown(lang)
            if not shown:
                continue
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = self.tr("Name in %1: %2").replace("%1", lang).replace("%2", shown)
            if name.automatic:
                text += " " + self.tr("(automatic: nobody has written it yet)")
            label = QLabel(text)
            label.setObjectName(f"name_{lang}")
            line.addWidget(label, 1)
            if name.automatic:
                button = QPushButton(self.tr("Keep as written"))
                button.setObjectName(f"keep_{lang}")
                variant = NameVariant(shown, script_of_lang(lang), lang)
                button.clicked.connect(lambda _checked=False, v=variant: self._kept(v))
                line.addWidget(button)
            self.names_layout.addWidget(row)
        self.names.show()

    def _kept(self, variant: NameVariant) -> None:
        if self._keep is not None:
            self._keep(variant)


def add_variants_page(dialog: Any, data: Any) -> VariantsPanel | None:
    """The Languages page of an ``EditorDialog`` (put after its own pages the first time, registered as the
    form's ``variants`` field), filled from ``data`` (the stored record's ``*Data``; None: a new record's
    form); None for a kind whose texts have no language variants."""
    panel: VariantsPanel | None = dialog.variants_panel
    if panel is None:
        table = KINDS.get(str(dialog.kind.value))
        if table is None or not table.translatable_paths():
            return None
        form = dialog.page(QCoreApplication.translate("EditorDialog", "Lang&uages"))
        panel = dialog.add_field(form, "variants", QCoreApplication.translate("EditorDialog", "Variants"),
                                 VariantsPanel(table))
    if data is not None and panel is not None:
        panel.load(data, getattr(dialog, "name_variants", None))
    return panel


def with_variants(panel: VariantsPanel | None, data: Any) -> Any:
    """The form's ``*Data`` (``collect()``) with the Languages page's variants, when the editor has the page."""
    if panel is None or data is None:
        return data
    return replace(data, variants=panel.value())


def row_variants(row: dict[str, Any]) -> tuple[TextVariant, ...] | None:
    """The language variants a row of a table (a position, a gift) was loaded with (kept in the row as their
    stored shape, which a draft can hold: ``domain.variants.to_mapping``); None for a row added in the form."""
    stored = row.get("variants")
    return None if stored is None else from_mapping(stored)
