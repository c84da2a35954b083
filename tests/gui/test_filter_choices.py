"""A filter bar's choice lists (owner, visit, institution, tag): filled in one go, the chosen value kept."""

from __future__ import annotations

from typing import Any

from organizer.gui.filters import FilterBar


def test_filling_keeps_the_chosen_value_and_says_when_it_is_gone(qtbot: Any, qtmodeltester: Any) -> None:
    bar = FilterBar("Filter")
    qtbot.addWidget(bar)
    bar.add_owner()
    assert bar.owner is not None
    owner = bar.owner
    qtmodeltester.check(owner.model())
    assert owner.count() == 1 and owner.currentData() is None and owner.currentText() == "Any owner"

    bar.fill(owner, [(f"Person {i:05d}", i) for i in range(5000)])
    assert owner.count() == 5001 and owner.itemText(4243) == "Person 04242" and owner.itemData(4243) == 4242
    qtmodeltester.check(owner.model())
    owner.setCurrentIndex(owner.findData(4242))
    assert bar.query().owner_person_id == 4242

    changes: list[int] = []
    bar.changed.connect(lambda: changes.append(1))
    bar.fill(owner, [("Someone new", 9), ("Person 04242", 4242)])  # still there: kept, nothing changes
    assert owner.currentText() == "Person 04242" and bar.query().owner_person_id == 4242 and changes == []
    bar.fill(owner, [("Someone new", 9)])  # gone: back to "any", and the list is told
    assert owner.currentIndex() == 0 and bar.query().owner_person_id is None and changes == [1]
