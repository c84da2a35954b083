"""``services._gc.fewer_collections``: the collector runs less often inside, and is as it was after, even when
the block fails; an archive import (which runs inside it) leaves the process's settings as they were."""

from __future__ import annotations

import gc

import pytest

from organizer.assets import demo_archive
from organizer.services._gc import THRESHOLD, fewer_collections
from organizer.services.archive import importer
from organizer.store.database import Database


def test_inside_less_often_and_what_existed_frozen_after_as_before() -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_threshold()[0] >= THRESHOLD
        assert gc.get_freeze_count() > frozen
        cycle: list[object] = []
        cycle.append(cycle)  # cycles made inside are still collected
        del cycle
        assert gc.collect() >= 1
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen


def test_settings_come_back_when_the_block_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the import failed")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_an_import_leaves_the_collector_as_it_was(db: Database) -> None:
    before = gc.get_threshold()
    importer.import_archive(db, importer.open_archive_file(demo_archive()))
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
