"""Fewer runs of Python's cycle collector while a bulk job allocates millions of short-lived objects.

``fewer_collections()`` (a context manager) freezes the objects that exist when it starts (``gc.freeze``:
the modules, SQLAlchemy's metadata and the caches, none of which the job frees) and raises the first
generation's threshold from 700 to ``THRESHOLD`` allocations; both are put back when it ends, whatever
happens. Objects are still freed as before when nothing refers to them (reference counting); cycles
are still collected, less often.

Why: the collector's full passes walk every object of the process, and an archive import allocates
a few hundred container objects per person (the parsed record, its input, its checked rows). Measured
with ``gc.callbacks`` on the 10,000-person archive of ``bench/generate.py``, in process, 2026-12-07:
the collector ran 777 / 71 / 7 times (generations 0 / 1 / 2) for 1.6-1.7 s of a 5 s import; with the
objects frozen 0.4 s; with the threshold raised 0.17 s; both 0.08-0.14 s. The whole 50,000-person
``organizer import`` took 19.3-20.1 CPU s with the collector off against 26.6-28.6 s with it as set,
at the same peak memory (110 MB): the jobs make next to no cyclic garbage.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = 50_000
"""Allocations (less deallocations) of container objects between two collections of the youngest generation."""


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Freeze what exists and collect less often until the block ends (see the module docstring)."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
