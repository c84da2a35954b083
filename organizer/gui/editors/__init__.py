"""Editors of every record kind (dialogs over ``EditorDialog``), saving through ``organizer.gui.undo``."""
