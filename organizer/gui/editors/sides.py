"""A participant's side and plain role in the visit and meeting editors: picking a person sets their side
from their institutions (``side_from``), and a side changed brings its plain role (``SIDE_ROLE``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex

from organizer.domain.enums import ParticipantRole, Side
from organizer.gui.editors.rows import RowsModel


def side_from(institutions: Sequence[int], sides: dict[int, Side]) -> Side | None:
    """A participant's side from their institutions: host if one is a host institution of the visit,
    else guest if one is a guest institution; None if the visit lists none of them."""
    found = {sides[i] for i in institutions if i in sides}
    return Side.HOST if Side.HOST in found else next(iter(found), None)


SIDE_ROLE = {Side.GUEST: ParticipantRole.MEMBER, Side.HOST: ParticipantRole.HOST}
"""The plain role of each side: a participant with one of them takes the other side's when the side changes."""


def default_side(editor: Any, model: RowsModel, top_left: QModelIndex) -> None:
    """When a participant's person is picked, their side follows (``editor.side_for``); when the side
    changes, a plain role follows it (a member on the guests' side, a host on the hosts')."""
    if editor._loading:
        return
    keys = [c.key for c in model.columns]
    row, key = top_left.row(), keys[top_left.column()]
    if key == "person_id":
        person = model.rows[row]["person_id"]
        side = editor.side_for(person) if person is not None else None
        if side is not None and model.rows[row]["side"] != side:
            model.setData(model.index(row, keys.index("side")), side)
    elif key == "side" and model.rows[row]["role"] in SIDE_ROLE.values():
        role = SIDE_ROLE.get(Side(model.rows[row]["side"]))
        if role is not None and model.rows[row]["role"] != role:
            model.setData(model.index(row, keys.index("role")), role)
