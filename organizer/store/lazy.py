"""``models``, the ORM mapping, imported on its first use: what service modules import it as.

A service module holds both its reads (Core queries on ``schema`` tables) and its writes (ORM units of
work on ``models``). Importing ``models`` costs ``sqlalchemy.orm`` and the building of every mapped class,
about a fifth of a second: a command that only reads must not pay it. So services write
``from organizer.store.lazy import models as m`` and use ``m.Person`` inside functions as before; the
real module is imported the first time an attribute is read (then the attributes are copied here, so
later reads cost nothing extra). Type checkers see the real module.

A module-level ``m.Something`` in a service would import the ORM at start-up again:
``tests/cli/test_startup.py`` checks that ``list``/``show`` load neither ``sqlalchemy.orm`` nor this module's
target.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

MODELS = "organizer.store.models"


class _ImportedOnFirstUse:
    """Stands for a module until one of its attributes is read."""

    def __init__(self, name: str) -> None:
        self.__name = name

    def __getattr__(self, attr: str) -> Any:
        module = import_module(self.__name)
        self.__dict__.update(vars(module))  # later look-ups find the attribute directly
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<{self.__name}, imported on first use>"


if TYPE_CHECKING:
    from organizer.store import models as models
else:
    models = _ImportedOnFirstUse(MODELS)
